package org.diffusionplayground.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Sets the creation and modification times of an MP4's movie, track and media headers (mvhd, tkhd,
 * mdhd; ISO/IEC 14496-12 §8.2.2, §8.3.2, §8.4.2) to zero. jcodec stamps them with the wall clock, which
 * is the only thing that differs between two renders of the same frames; zero means "unknown".
 * Walks the box tree: each box is a 32-bit size (1: a 64-bit size follows; 0: to the end), a 4-letter
 * type, then its payload; moov, trak and mdia hold boxes.
 */
final class Mp4Timestamps {

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia");
    private static final Set<String> STAMPED = Set.of("mvhd", "tkhd", "mdhd");

    private Mp4Timestamps() {
    }

    static void clear(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            walk(ch, 0, ch.size());
        }
    }

    private static void walk(FileChannel ch, long from, long to) throws IOException {
        long at = from;
        while (at + 8 <= to) {
            ByteBuffer head = read(ch, at, 16);
            long size = Integer.toUnsignedLong(head.getInt(0));
            String type = new String(new byte[] {head.get(4), head.get(5), head.get(6), head.get(7)},
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            int headerSize = 8;
            if (size == 1) {
                size = head.getLong(8);
                headerSize = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < headerSize || at + size > to) {
                throw new IOException("the encoder wrote a malformed MP4 box '" + type + "'");
            }
            if (CONTAINERS.contains(type)) {
                walk(ch, at + headerSize, at + size);
            } else if (STAMPED.contains(type)) {
                long payload = at + headerSize;
                int version = read(ch, payload, 1).get(0);
                int width = version == 1 ? 8 : 4; // two times after the 4 bytes of version and flags
                ch.write(ByteBuffer.allocate(2 * width), payload + 4);
            }
            at += size;
        }
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                break;
            }
        }
        return b;
    }
}
