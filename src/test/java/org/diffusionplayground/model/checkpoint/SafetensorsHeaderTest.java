package org.diffusionplayground.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header entries whose arithmetic would overflow or whose numbers are not whole are refused by name. */
class SafetensorsHeaderTest {

    @TempDir
    Path dir;

    /** A model whose weights file is {@code header} followed by {@code data} bytes (its card is a real one). */
    private Path withHeader(String header, int data) throws IOException {
        Path base = dir.resolve("m");
        CheckpointIO.save(base, TestModels.model(1));
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Files.write(CheckpointIO.weightsFile(base), b.array());
        return base;
    }

    private String refused(String header, int data) throws IOException {
        Path base = withHeader(header, data);
        return assertThrows(CheckpointException.class, () -> CheckpointIO.load(base)).getMessage();
    }

    @Test
    void aShapeWhoseByteSizeOverflowsIsImpossibleNotEmpty() throws IOException {
        // 2^62 elements of 4 bytes is 2^64 bytes: a long wraps to 0, which matched the empty offsets [0, 0]
        String m = refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]}}", 0);
        assertTrue(m.contains("impossible shape") && m.contains("more bytes than any file holds"), m);
        m = refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}", 0);
        assertTrue(m.contains("impossible shape"), m);
    }

    @Test
    void fractionalSizesAndOffsetsAreRefusedNotTruncated() throws IOException {
        String m = refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4.5]}}", 4);
        assertTrue(m.contains("whole numbers of bytes"), m);
        m = refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4);
        assertTrue(m.contains("invalid shape") && m.contains("whole numbers"), m);
        m = refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,1e30]}}", 4);
        assertTrue(m.contains("whole numbers of bytes"), m);
    }
}
