package org.diffusionplayground.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Pattern;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.checkpoint.TestModels;
import org.diffusionplayground.model.data.CsvPoints;
import org.diffusionplayground.model.data.InvalidDataException;
import org.diffusionplayground.preset.Autosave;
import org.diffusionplayground.preset.AutosaveFixture;
import org.diffusionplayground.preset.PresetScene;
import org.diffusionplayground.preset.PresetException;
import org.diffusionplayground.preset.PresetIO;
import org.diffusionplayground.preset.lesson.LessonException;
import org.diffusionplayground.preset.lesson.LessonIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever a damaged or hostile file holds, each loader either accepts it or throws its own typed
 * exception with a message a user can read (no Java class or library option names, no raw control
 * characters, of bounded length), never another exception, and without allocating more than a bound.
 * {@value #CASES} seeded inputs per loader, made by {@link Mutations} from a valid file.
 */
class MalformedInputFuzzTest {

    static final int CASES = 1000;
    /** Bytes a loader may allocate for one input of at most a few hundred KB. */
    private static final long ALLOCATION_BOUND = 256L << 20;
    private static final Pattern JARGON = Pattern.compile(
            "Exception|java\\.|jackson|[A-Z][a-z]+Feature|StreamReadConstraints|START_OBJECT|START_ARRAY|END_ARRAY|"
                    + "END_OBJECT|VALUE_STRING|VALUE_NUMBER|`[A-Za-z]+\\.[A-Za-z.]+`");

    @TempDir
    Path dir;

    /** A loader run on one input: returns normally when it accepts the input. */
    @FunctionalInterface
    interface Load {
        void run(byte[] input) throws Exception;
    }

    private static void fuzz(String loader, long seed, Class<? extends Throwable> typed, byte[] good,
            java.util.function.BiFunction<byte[], Random, byte[]> mutate, Load load) {
        Random r = new Random(seed);
        int rejected = 0;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutate.apply(good, r);
            String where = loader + " case " + i + " of seed " + seed + " (" + input.length + " bytes: "
                    + preview(input) + ")";
            long before = threads.getCurrentThreadAllocatedBytes();
            try {
                load.run(input);
            } catch (Throwable e) {
                if (!typed.isInstance(e)) {
                    throw new AssertionError(where + " threw " + e, e);
                }
                rejected++;
                assertReadable(e.getMessage(), where);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < ALLOCATION_BOUND, where + " allocated " + (allocated >> 20) + " MB");
        }
        assertTrue(rejected > CASES / 2, loader + ": most damaged inputs are refused, " + rejected + " were");
    }

    static void assertReadable(String message, String where) {
        if (message == null || message.isBlank()) {
            fail(where + ": an empty message");
        }
        if (message.length() > 4000) {
            fail(where + ": a message of " + message.length() + " characters");
        }
        if (JARGON.matcher(message).find()) {
            fail(where + ": jargon in \"" + message + "\"");
        }
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c) && c != '\n' || c == '\u202E') {
                fail(where + ": a raw control character (" + (int) c + ") in \"" + message + "\"");
            }
        }
    }

    private static String preview(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 60), StandardCharsets.UTF_8);
        return org.diffusionplayground.model.util.UserText.shown(s, 60);
    }

    private static byte[] resource(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    @Test
    void csv() {
        StringBuilder good = new StringBuilder("x,y\n");
        Random r = new Random(1);
        for (int i = 0; i < 40; i++) {
            good.append(r.nextGaussian()).append(',').append(r.nextGaussian()).append('\n');
        }
        fuzz("CSV", 0xC5L, InvalidDataException.class, good.toString().getBytes(StandardCharsets.UTF_8),
                (b, rnd) -> rnd.nextInt(4) == 0 ? Mutations.hostileText(rnd).getBytes(StandardCharsets.UTF_8)
                        : Mutations.bytes(b, rnd),
                input -> CsvPoints.parse(new StringReader(new String(input, StandardCharsets.UTF_8)), "data.csv"));
    }

    @Test
    void preset() throws IOException {
        byte[] good = resource(Path.of("presets/noise-helps-h-sweep.json"));
        fuzz("preset", 0x9E5E7L, PresetException.class, good, Mutations::json,
                input -> PresetIO.parse(input, "lecture.json"));
    }

    @Test
    void lesson() throws IOException {
        // a lesson names its presets relative to itself: the shipped presets sit one folder up, as they ship
        Path presets = Files.createDirectories(dir.resolve("presets"));
        Path lessons = Files.createDirectories(presets.resolve("lessons"));
        try (java.util.stream.Stream<Path> shipped = Files.list(Path.of("presets"))) {
            for (Path p : shipped.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.copy(p, presets.resolve(p.getFileName().toString()));
            }
        }
        byte[] good = resource(Path.of("presets/lessons/noise-to-data-ode-versus-sde.json"));
        Path file = lessons.resolve("lesson.json");
        fuzz("lesson", 0x1E550L, LessonException.class, good, Mutations::json, input -> {
            Files.write(file, input);
            LessonIO.read(file);
        });
    }

    /** A saved model's files: [0] the card, [1] the weights. */
    private byte[][] savedModel(Path base) throws IOException {
        CheckpointIO.save(base, TestModels.model(1));
        return new byte[][] {Files.readAllBytes(CheckpointIO.cardFile(base)),
            Files.readAllBytes(CheckpointIO.weightsFile(base))};
    }

    @Test
    void safetensors() throws IOException {
        Path base = dir.resolve("model");
        byte[][] model = savedModel(base);
        byte[] good = model[1];
        byte[] card = model[0];
        fuzz("safetensors", 0x5AFEL, CheckpointException.class, good, (b, rnd) -> {
            // the header is JSON: damage it structurally half of the time, keeping the length prefix right
            if (rnd.nextBoolean()) {
                return Mutations.bytes(b, rnd);
            }
            long n = java.nio.ByteBuffer.wrap(b, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            byte[] header = Mutations.json(java.util.Arrays.copyOfRange(b, 8, 8 + (int) n), rnd);
            java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8 + header.length + b.length - 8 - (int) n)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            out.putLong(header.length).put(header).put(b, 8 + (int) n, b.length - 8 - (int) n);
            return out.array();
        }, input -> CheckpointIO.decode(CheckpointIO.cardFile(base), card, CheckpointIO.weightsFile(base), input));
    }

    @Test
    void modelCard() throws IOException {
        Path base = dir.resolve("model");
        byte[][] model = savedModel(base);
        byte[] good = model[0];
        byte[] weights = model[1];
        fuzz("model card", 0xCA4DL, CheckpointException.class, good, Mutations::json,
                input -> CheckpointIO.decode(CheckpointIO.cardFile(base), input, CheckpointIO.weightsFile(base), weights));
    }

    @Test
    void autosave() throws IOException {
        // a crashed session: per case one of its files is damaged; the next start must still list it, and
        // restoring it either works or says why
        Path root = dir.resolve("autosave");
        Path session = AutosaveFixture.crashedSession(root, TestModels.model(1));
        String[] names = AutosaveFixture.fileNames(session);
        byte[][] good = new byte[names.length][];
        boolean[] dirty = new boolean[names.length];
        Autosave nextStart = Autosave.forThisProcess(root);
        for (int i = 0; i < names.length; i++) {
            good[i] = Files.readAllBytes(session.resolve(names[i]));
        }
        fuzz("autosave", 0xA5A7EL, PresetException.class, new byte[0], (unused, rnd) -> {
            int which = rnd.nextInt(names.length);
            byte[] damaged = names[which].endsWith(".safetensors") ? Mutations.bytes(good[which], rnd)
                    : Mutations.json(good[which], rnd);
            byte[] out = new byte[damaged.length + 1];
            out[0] = (byte) which;
            System.arraycopy(damaged, 0, out, 1, damaged.length);
            return out;
        }, input -> {
            // put back what the case before damaged, then damage this case's file
            for (int i = 0; i < names.length; i++) {
                if (i == input[0] || dirty[i]) {
                    Files.write(session.resolve(names[i]), i == input[0] ? java.util.Arrays.copyOfRange(input, 1,
                            input.length) : good[i]);
                    dirty[i] = i == input[0];
                }
            }
            java.util.List<Autosave.Orphan> orphans = nextStart.orphans();
            if (orphans.size() != 1) {
                throw new AssertionError("the crashed session is listed whatever its files hold: " + orphans);
            }
            PresetScene.load(orphans.get(0).scene());
        });
    }
}
