package org.diffusionplayground.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointIOTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MlpSpec SPEC = new MlpSpec(8, 2, Activation.TANH, TimeEmbedding.sinusoidal(4), Target.V);

    @TempDir
    Path dir;

    private static ModelCard card(MlpSpec spec, DataSource source) {
        TrainingConfig cfg = TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.COSINE)).toBuilder()
                .network(spec).build();
        return new ModelCard(ModelCard.FORMAT, ModelCard.FORMAT_VERSION, ModelCard.Network.of(spec),
                ModelCard.Schedule.of(new ScheduleSpec(ScheduleKind.VE, 5.5)), ModelCard.Training.of(cfg),
                ModelCard.Data.of(source), 1234, 0.125, 77, "ema", "2026-11-25T12:00:00Z", "test", null);
    }

    private static Checkpoint builtIn(MlpSpec spec, long seed) {
        return new Checkpoint(card(spec, new DataSource.BuiltIn(ToyData.PINWHEEL, 500, 3)),
                Mlp.initialise(spec, seed), null);
    }

    @Test
    void roundTripIsBitExactForWeightsCardAndImportedPoints() throws IOException {
        PointSet pts = PointSet.of(new double[] {0.1, -0.2, Math.PI, Math.E, -1e-300, 1e300});
        Checkpoint cp = new Checkpoint(card(SPEC, new DataSource.Imported("my.csv", pts)), Mlp.initialise(SPEC, 5), pts);
        Path base = dir.resolve("sub/model");
        Path written = CheckpointIO.save(base, cp);
        assertEquals(dir.resolve("sub/model.safetensors"), written);
        for (Path p : new Path[] {base, CheckpointIO.weightsFile(base), CheckpointIO.cardFile(base)}) {
            Checkpoint back = CheckpointIO.load(p);
            assertArrayEquals(cp.network().flatParameters(), back.network().flatParameters());
            assertEquals(pts, back.points());
            assertEquals(new DataSource.Imported("my.csv", pts), back.dataSource());
            assertEquals(cp.card().withTensorsSha256(back.card().tensorsSha256()), back.card());
            assertEquals(new ScheduleSpec(ScheduleKind.VE, 5.5), back.schedule());
        }
        try (Stream<Path> files = Files.list(dir.resolve("sub"))) {
            assertEquals(List.of("model.json", "model.safetensors"), files.map(f -> f.getFileName().toString())
                    .sorted().toList(), "no temporary files are left behind");
        }
    }

    @Test
    void aConditionalNetworkAndLabelledPointsRoundTrip() throws IOException {
        MlpSpec conditional = SPEC.withClasses(3);
        PointSet pts = PointSet.of(new double[] {0.1, -0.2, 1, 2, 3, 4, 5, 6}).withLabels(new int[] {2, 0, 1, 2}, 3);
        Checkpoint cp = new Checkpoint(card(conditional, new DataSource.Drawn(pts)), Mlp.initialise(conditional, 5),
                pts);
        Path base = dir.resolve("conditional");
        CheckpointIO.save(base, cp);
        Checkpoint back = CheckpointIO.load(base);
        assertEquals(3, back.network().spec().classes());
        assertEquals(2 + 4 + 4, back.network().spec().inputDim(), "x, 4 time features, 3 classes and ∅");
        assertArrayEquals(cp.network().flatParameters(), back.network().flatParameters());
        assertArrayEquals(new int[] {2, 0, 1, 2}, back.points().labelArray());
        assertEquals(new DataSource.Drawn(pts), back.dataSource());
        JsonNode card = JSON.readTree(CheckpointIO.cardFile(base).toFile());
        assertEquals(3, card.get("network").get("classes").asInt());
    }

    @Test
    void aCardWithoutClassesLoadsAsUnconditional() throws IOException {
        Path base = dir.resolve("plain");
        CheckpointIO.save(base, builtIn(SPEC, 3));
        JsonNode card = JSON.readTree(CheckpointIO.cardFile(base).toFile());
        assertNull(card.get("network").get("classes"), "unconditional cards read as before labels existed");
        assertEquals(0, CheckpointIO.load(base).network().spec().classes());
    }

    @Test
    void builtInDataIsRecordedByGeneratorNotByPoints() throws IOException {
        Path base = dir.resolve("m");
        CheckpointIO.save(base, builtIn(SPEC, 1));
        Checkpoint back = CheckpointIO.load(base);
        assertNull(back.points());
        assertEquals(new DataSource.BuiltIn(ToyData.PINWHEEL, 500, 3), back.dataSource());
        // saving again replaces both files atomically
        CheckpointIO.save(base, builtIn(SPEC, 2));
        assertArrayEquals(Mlp.initialise(SPEC, 2).flatParameters(), CheckpointIO.load(base).network().flatParameters());
    }

    /** The file is the real safetensors layout that Python's safetensors / numpy read. */
    @Test
    void weightsFileIsStandardSafetensors() throws IOException {
        Path base = dir.resolve("m");
        Checkpoint cp = builtIn(SPEC, 9);
        CheckpointIO.save(base, cp);
        byte[] b = Files.readAllBytes(CheckpointIO.weightsFile(base));
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
        JsonNode h = JSON.readTree(new String(b, 8, (int) n, StandardCharsets.UTF_8));
        assertEquals(ModelCard.FORMAT, h.path("__metadata__").path("format").asText());
        JsonNode w1 = h.path("net.1.weight");
        assertEquals("F32", w1.path("dtype").asText());
        assertEquals("[8,8]", w1.path("shape").toString());
        assertEquals("[8,6]", h.path("net.0.weight").path("shape").toString());
        int begin = w1.path("data_offsets").get(0).asInt();
        float[] read = new float[64];
        ByteBuffer.wrap(b, (int) (8 + n + begin), 256).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(read);
        assertArrayEquals(cp.network().weight(1), read);
        assertEquals(1 + 2 * 3, h.size(), "metadata, then weight and bias of 3 layers");
    }

    // ------------------------------------------------------------------ bad files

    private CheckpointException failsToLoad(Path p, String... fragments) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointIO.load(p));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message \"" + e.getMessage() + "\" should contain \"" + f + "\"");
        }
        return e;
    }

    private Path saved(String name) throws IOException {
        Path base = dir.resolve(name);
        CheckpointIO.save(base, builtIn(SPEC, 4));
        return base;
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Path base = saved("a");
        Files.delete(CheckpointIO.cardFile(base));
        failsToLoad(base, "no model card", "a.json");
        Path other = saved("b");
        Files.delete(CheckpointIO.weightsFile(other));
        failsToLoad(other, "no weights file", "b.safetensors");
    }

    @Test
    void truncatedWeightsFile() throws IOException {
        Path base = saved("t");
        Path w = CheckpointIO.weightsFile(base);
        byte[] b = Files.readAllBytes(w);
        Files.write(w, Arrays.copyOf(b, b.length - 10));
        failsToLoad(base, "t.safetensors is truncated", "net.2.weight");
        Files.write(w, Arrays.copyOf(b, 40));
        failsToLoad(base, "not a safetensors file or is truncated");
        Files.write(w, Arrays.copyOf(b, 5));
        failsToLoad(base, "only 5 bytes");
    }

    @Test
    void corruptHeaderAndForeignBytes() throws IOException {
        Path base = saved("c");
        Path w = CheckpointIO.weightsFile(base);
        byte[] b = Files.readAllBytes(w);
        byte[] corrupt = b.clone();
        corrupt[8] = '[';
        corrupt[9] = '[';
        Files.write(w, corrupt);
        failsToLoad(base, "corrupt header");
        Files.write(w, "PK\u0003\u0004 this is a zip file, not weights".getBytes(StandardCharsets.ISO_8859_1));
        failsToLoad(base, "not a safetensors file");
    }

    @Test
    void foreignSafetensorsWithOtherTensorNames() throws IOException {
        Map<String, Object[]> t = new LinkedHashMap<>();
        t.put("model.embed_tokens.weight", new Object[] {"F32", new long[] {4, 2}, new float[8]});
        Path base = writePair("f", card(SPEC, new DataSource.BuiltIn(ToyData.PINWHEEL, 500, 3)), t);
        failsToLoad(base, "tensor 'net.0.weight' is missing");
    }

    @Test
    void extraTensorIsRejected() throws IOException {
        Map<String, Object[]> t = tensorsOf(Mlp.initialise(SPEC, 1));
        t.put("net.9.weight", new Object[] {"F32", new long[] {1}, new float[1]});
        Path base = writePair("x", card(SPEC, new DataSource.BuiltIn(ToyData.PINWHEEL, 500, 3)), t);
        failsToLoad(base, "unexpected tensor 'net.9.weight'");
    }

    @Test
    void wrongShapeForTheCardsNetwork() throws IOException {
        MlpSpec wider = new MlpSpec(16, 2, Activation.TANH, TimeEmbedding.sinusoidal(4), Target.V);
        Path base = writePair("s", card(SPEC, new DataSource.BuiltIn(ToyData.PINWHEEL, 500, 3)),
                tensorsOf(Mlp.initialise(wider, 1)));
        failsToLoad(base, "'net.0.weight' has shape [16, 6]", "needs [8, 6]");
    }

    @Test
    void wrongDtype() throws IOException {
        Map<String, Object[]> t = tensorsOf(Mlp.initialise(SPEC, 1));
        Object[] bias = t.get("net.1.bias");
        t.put("net.1.bias", new Object[] {"F16", bias[1], new byte[2 * 8]});
        Path base = writePair("d", card(SPEC, new DataSource.BuiltIn(ToyData.PINWHEEL, 500, 3)), t);
        failsToLoad(base, "'net.1.bias' has dtype F16, expected F32");
    }

    @Test
    void nanWeights() throws IOException {
        Map<String, Object[]> t = tensorsOf(Mlp.initialise(SPEC, 1));
        float[] w = (float[]) t.get("net.2.weight")[2];
        w[3] = Float.NaN;
        Path base = writePair("n", card(SPEC, new DataSource.BuiltIn(ToyData.PINWHEEL, 500, 3)), t);
        failsToLoad(base, "'net.2.weight' holds a non-finite value (NaN at index 3)");
    }

    @Test
    void cardFromAnotherSaveIsRejected() throws IOException {
        Path a = saved("one");
        Path b = dir.resolve("two");
        CheckpointIO.save(b, builtIn(SPEC, 99)); // same architecture, other weights
        Files.copy(CheckpointIO.cardFile(b), CheckpointIO.cardFile(a), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        failsToLoad(a, "one.json does not belong to one.safetensors");
        // and a bit flipped inside the weights is caught the same way
        Path c = saved("three");
        byte[] w = Files.readAllBytes(CheckpointIO.weightsFile(c));
        w[w.length - 3] ^= 1;
        Files.write(CheckpointIO.weightsFile(c), w);
        failsToLoad(c, "checksum differs");
    }

    @Test
    void badCards() throws IOException {
        Path base = saved("k");
        Path card = CheckpointIO.cardFile(base);
        String good = Files.readString(card);
        Files.writeString(card, "{ not json");
        failsToLoad(base, "k.json is not valid JSON");
        Files.writeString(card, "{\"name\": \"some other program's config\"}");
        failsToLoad(base, "not a Diffusion Playground model card");
        Files.writeString(card, good.replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));
        failsToLoad(base, "format version 7", "newer app");
        Files.writeString(card, good.replace("\"width\" : 8", "\"width\" : -3"));
        failsToLoad(base, "invalid model description", "width");
    }

    // ---- helpers: hand-built safetensors files with a card whose checksum matches ----

    private static Map<String, Object[]> tensorsOf(Mlp m) {
        Map<String, Object[]> t = new LinkedHashMap<>();
        MlpSpec s = m.spec();
        for (int l = 0; l < s.layers(); l++) {
            t.put("net." + l + ".weight", new Object[] {"F32", new long[] {s.fanOut(l), s.fanIn(l)}, m.weight(l)});
            t.put("net." + l + ".bias", new Object[] {"F32", new long[] {s.fanOut(l)}, m.bias(l)});
        }
        return t;
    }

    private Path writePair(String name, ModelCard card, Map<String, Object[]> tensors) throws IOException {
        StringBuilder header = new StringBuilder("{");
        List<byte[]> chunks = new ArrayList<>();
        long off = 0;
        for (Map.Entry<String, Object[]> e : tensors.entrySet()) {
            Object data = e.getValue()[2];
            byte[] bytes;
            if (data instanceof float[] f) {
                ByteBuffer bb = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
                bb.asFloatBuffer().put(f);
                bytes = bb.array();
            } else {
                bytes = (byte[]) data;
            }
            if (header.length() > 1) {
                header.append(',');
            }
            header.append('"').append(e.getKey()).append("\":{\"dtype\":\"").append(e.getValue()[0])
                    .append("\",\"shape\":").append(Arrays.toString((long[]) e.getValue()[1]).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(off).append(',').append(off + bytes.length).append("]}");
            off += bytes.length;
            chunks.add(bytes);
        }
        header.append('}');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate((int) (8 + h.length + off)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h);
        chunks.forEach(out::put);
        Path base = dir.resolve(name);
        Files.write(CheckpointIO.weightsFile(base), out.array());
        Files.write(CheckpointIO.cardFile(base),
                JSON.writeValueAsBytes(card.withTensorsSha256(CheckpointIO.sha256(out.array()))));
        return base;
    }
}
