package org.diffusionplayground.model.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.FileSteps;
import org.diffusionplayground.model.util.InputFiles;
import org.diffusionplayground.model.util.JsonLimits;
import org.diffusionplayground.model.util.UserText;

/**
 * Saves and loads {@link Checkpoint}s as two files: {@code <base>.safetensors} (the weights) and
 * {@code <base>.json} (the {@link ModelCard}).
 *
 * <p>The weights file is the real safetensors format: an 8-byte little-endian header length N, N bytes of
 * JSON header {@code {"__metadata__": {...}, "net.0.weight": {"dtype": "F32", "shape": [out, in],
 * "data_offsets": [begin, end]}, ...}} (padded with spaces to a multiple of 8), then the little-endian
 * data. Tensors: {@code net.<l>.weight} (fanOut × fanIn, PyTorch's nn.Linear layout) and
 * {@code net.<l>.bias}, l = 0 … depth; imported or drawn data adds {@value #POINTS_TENSOR} (F64, n × 2)
 * and, when labelled, {@value #LABELS_TENSOR} (I32, n). A conditional network's {@code net.0.weight} has
 * the label's one-hot columns after x and the time features; the card's {@code network.classes} says how
 * many classes there are (cards without it are unconditional). Reading it from Python:
 * <pre>
 *   from safetensors.numpy import load_file           # pip install safetensors numpy
 *   w = load_file("model.safetensors")                # {"net.0.weight": array(128×3), ...}
 *   # or with the standard library and numpy only:
 *   import json, struct, numpy as np
 *   b = open("model.safetensors", "rb").read(); n = struct.unpack("&lt;Q", b[:8])[0]; h = json.loads(b[8:8 + n])
 *   w = {k: np.frombuffer(b[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]],
 *        dtype={"F32": "&lt;f4", "F64": "&lt;f8", "I32": "&lt;i4"}[v["dtype"]]).reshape(v["shape"]) for k, v in h.items() if k != "__metadata__"}
 * </pre>
 *
 * <p>Each file is written atomically: to a temporary file in the same directory, forced to disk, then
 * renamed over the target with ATOMIC_MOVE, so a crash or Ctrl-C leaves the old file or the new one,
 * never half of one. The card records the SHA-256 of the weights file; a crash between the two renames
 * leaves a pair whose checksums disagree, which {@link #load} reports instead of mixing them.
 *
 * <p>{@link #load} validates everything before building anything: a corrupt, truncated, foreign,
 * wrong-shape, wrong-dtype, non-finite or mismatched file gives a {@link CheckpointException} naming the
 * file and the problem, and no partial result.
 */
public final class CheckpointIO {

    public static final String WEIGHTS_SUFFIX = ".safetensors";
    public static final String CARD_SUFFIX = ".json";
    public static final String POINTS_TENSOR = "data.points";
    /** The class label of each stored point (I32, n), when the data are labelled. */
    public static final String LABELS_TENSOR = "data.labels";
    private static final String METADATA = "__metadata__";
    /** Largest header read (safetensors itself caps it at 100 MB). */
    private static final long MAX_HEADER_BYTES = 100L << 20;
    /** Largest weights file read: far above any network the app builds (4096 wide × 16 deep ≈ 1 GB). */
    private static final long MAX_FILE_BYTES = 2L << 30;

    /** Largest model card read: a card is a few KB. */
    static final long MAX_CARD_BYTES = 1L << 20;
    /** Card and header: flat objects of short strings and small numbers. */
    private static final JsonLimits LIMITS = new JsonLimits(32, 100_000, 40, MAX_HEADER_BYTES);

    private static final ObjectMapper JSON = new ObjectMapper(LIMITS.factory())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CheckpointIO() {
    }

    /** {@code <base>.safetensors} */
    public static Path weightsFile(Path base) {
        return base.resolveSibling(base.getFileName() + WEIGHTS_SUFFIX);
    }

    /** {@code <base>.json} */
    public static Path cardFile(Path base) {
        return base.resolveSibling(base.getFileName() + CARD_SUFFIX);
    }

    /** The base of a path given as the base itself, its .safetensors or its .json. */
    public static Path baseOf(Path path) {
        String name = path.getFileName().toString();
        for (String suffix : new String[] {WEIGHTS_SUFFIX, CARD_SUFFIX}) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return path.resolveSibling(name.substring(0, name.length() - suffix.length()));
            }
        }
        return path;
    }

    // ------------------------------------------------------------------ save

    /** Writes both files; returns the weights file. The parent directory is created if needed. */
    public static Path save(Path base, Checkpoint checkpoint) throws CheckpointException {
        return save(base, checkpoint, FileSteps.DISK);
    }

    /**
     * The save as a sequence of {@link FileSteps}, each of which may fail (or the process may die after it)
     * without losing the model that was there: (1) settle a save an earlier crash interrupted; (2) keep the
     * current weights under a second name, {@code .<name>.safetensors.previous}; (3) write the new weights;
     * (4) write the new card: the commit, since a card is only ever paired with weights whose checksum it
     * records; (5) drop the kept weights. A failure in (3) or (4) puts the kept weights back; a crash there
     * leaves the old card with the kept weights beside it, which {@link #load} pairs by checksum.
     */
    public static Path save(Path base, Checkpoint checkpoint, FileSteps steps) throws CheckpointException {
        Path weights = weightsFile(base);
        Path card = cardFile(base);
        Path kept = keptWeightsFile(base);
        String shownBase = UserText.shown(String.valueOf(base.getFileName()));
        byte[] tensors;
        byte[] cardBytes;
        try {
            tensors = encodeSafetensors(checkpoint);
            ModelCard sealed = checkpoint.card().withTensorsSha256(sha256(tensors));
            cardBytes = JSON.writeValueAsBytes(sealed);
            Files.createDirectories(weights.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new CheckpointException("could not save the model " + shownBase + ": " + UserText.reason(e), e);
        }
        boolean hadWeights;
        try {
            settleInterruptedSave(base, steps);
            hadWeights = Files.isRegularFile(weights);
            if (hadWeights) {
                steps.keep(weights, kept);
            }
        } catch (IOException e) {
            throw new CheckpointException("could not save the model " + shownBase + ": " + UserText.reason(e)
                    + (Files.isRegularFile(weights) ? "; the previous model is unchanged" : "; nothing was saved"), e);
        }
        try {
            steps.write(weights, tensors);
            steps.write(card, cardBytes);
        } catch (IOException e) {
            String outcome = undo(weights, kept, hadWeights, steps);
            throw new CheckpointException("could not save the model " + shownBase + ": " + UserText.reason(e)
                    + "; " + outcome, e);
        }
        try {
            steps.delete(kept);
        } catch (IOException e) {
            // the new model is saved; the kept copy is dropped by the next save
        }
        return weights;
    }

    /** Puts the kept weights back after a failed write; says what the user has now. */
    private static String undo(Path weights, Path kept, boolean hadWeights, FileSteps steps) {
        try {
            if (hadWeights) {
                steps.move(kept, weights);
                return "the previous model is unchanged";
            }
            steps.delete(weights);
            return "nothing was saved";
        } catch (IOException again) {
            return hadWeights ? "the previous model is kept and still loads" : "no complete model was saved";
        }
    }

    /**
     * A crash between steps (3) and (5) of {@link #save} leaves a kept copy: if the card matches it, the
     * weights are put back; if the card matches the weights (the save was committed), the copy goes.
     */
    private static void settleInterruptedSave(Path base, FileSteps steps) throws IOException {
        Path kept = keptWeightsFile(base);
        if (!Files.exists(kept, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String recorded = recordedChecksum(cardFile(base));
        if (recorded != null && Files.isRegularFile(kept) && recorded.equalsIgnoreCase(sha256(
                InputFiles.read(kept, MAX_FILE_BYTES, "model weights")))) {
            steps.move(kept, weightsFile(base));
        } else {
            steps.delete(kept);
        }
    }

    /** The weights checksum a card records, or null when there is no readable card. */
    private static String recordedChecksum(Path card) {
        try {
            return parseCard(card, InputFiles.read(card, MAX_CARD_BYTES, "model card")).tensorsSha256();
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code .<base>.safetensors.previous}: the weights a save in progress keeps until its card is written. */
    static Path keptWeightsFile(Path base) {
        return base.resolveSibling("." + base.getFileName() + WEIGHTS_SUFFIX + ".previous");
    }

    private static byte[] encodeSafetensors(Checkpoint cp) throws JsonProcessingException {
        Mlp net = cp.network();
        MlpSpec spec = net.spec();
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject(METADATA);
        meta.put("format", ModelCard.FORMAT);
        meta.put("format_version", Integer.toString(ModelCard.FORMAT_VERSION));
        List<byte[]> chunks = new ArrayList<>();
        long offset = 0;
        for (int l = 0; l < spec.layers(); l++) {
            offset = addTensor(header, chunks, "net." + l + ".weight", "F32",
                    new long[] {spec.fanOut(l), spec.fanIn(l)}, floats(net.weight(l)), offset);
            offset = addTensor(header, chunks, "net." + l + ".bias", "F32", new long[] {spec.fanOut(l)},
                    floats(net.bias(l)), offset);
        }
        if (cp.points() != null) {
            offset = addTensor(header, chunks, POINTS_TENSOR, "F64", new long[] {cp.points().size(), 2},
                    doubles(cp.points().toArray()), offset);
            if (cp.points().hasLabels()) {
                offset = addTensor(header, chunks, LABELS_TENSOR, "I32", new long[] {cp.points().size()},
                        ints(cp.points().labelArray()), offset);
            }
        }
        byte[] json = JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (byte[] c : chunks) {
            out.put(c);
        }
        return out.array();
    }

    private static long addTensor(ObjectNode header, List<byte[]> chunks, String name, String dtype, long[] shape,
            byte[] data, long offset) {
        ObjectNode t = header.putObject(name);
        t.put("dtype", dtype);
        ArrayNode s = t.putArray("shape");
        for (long d : shape) {
            s.add(d);
        }
        ArrayNode o = t.putArray("data_offsets");
        o.add(offset);
        o.add(offset + data.length);
        chunks.add(data);
        return offset + data.length;
    }

    private static byte[] floats(float[] a) {
        ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(a);
        return b.array();
    }

    private static byte[] ints(int[] a) {
        ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(a);
        return b.array();
    }

    private static byte[] doubles(double[] a) {
        ByteBuffer b = ByteBuffer.allocate(8 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(a);
        return b.array();
    }

    /**
     * Checks, before any long work, that a model can be saved at {@code base}: the folder (or, when it does
     * not exist yet, the nearest existing folder above it, in which it would be created) takes a file. Probes
     * by creating and deleting a hidden file, since permission bits do not show a read-only mount or a
     * full quota; creates nothing that stays.
     */
    public static void checkWritable(Path base) throws CheckpointException {
        Path dir = weightsFile(base).toAbsolutePath().getParent();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        String shown = UserText.shown(dir.toString(), 200);
        if (existing == null || !Files.isDirectory(existing)) {
            throw new CheckpointException("cannot save the model in " + shown + ": "
                    + (existing == null ? "no such folder" : UserText.shown(existing.toString(), 200)
                    + " is not a folder"));
        }
        Path probe = existing.resolve("." + base.getFileName() + ".probe." + Long.toHexString(System.nanoTime())
                + ".tmp");
        try {
            Files.createFile(probe);
        } catch (IOException e) {
            throw new CheckpointException("cannot save the model in " + shown + ": the folder "
                    + UserText.shown(existing.toString(), 200) + " is not writable ("
                    + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : UserText.reason(e))
                    + ")", e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // created but not deletable: a leftover the temporary-file cleaning removes
            }
        }
    }

    /** The first 16 hex digits of the weights file's SHA-256: a name that changes when the model does. */
    public static String contentId(Checkpoint checkpoint) {
        try {
            return sha256(encodeSafetensors(checkpoint)).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checkpoint always encodes", e);
        }
    }

    /** Temp file in the target's directory, fsync, atomic rename ({@link AtomicFiles}). */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        AtomicFiles.write(target, bytes, AtomicFiles.Existing.REPLACE);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    // ------------------------------------------------------------------ load

    /** Loads a checkpoint given its base path, its .safetensors or its .json. */
    public static Checkpoint load(Path path) throws CheckpointException {
        Path base = baseOf(path);
        Path weightsPath = weightsFile(base);
        Path cardPath = cardFile(base);
        byte[] cardBytes = readLimited(cardPath, "model card", MAX_CARD_BYTES);
        ModelCard card = parseCard(cardPath, cardBytes);
        byte[] bytes = readLimited(weightsPath, "weights file", MAX_FILE_BYTES);
        if (!matches(card, bytes)) {
            // a save interrupted after it replaced the weights: the card's own weights are kept beside them
            byte[] kept = readKept(base);
            if (kept != null && matches(card, kept)) {
                bytes = kept;
            }
        }
        return build(card, cardPath, weightsPath, bytes);
    }

    /**
     * A checkpoint from the contents of its two files, checked as {@link #load} checks them; the paths name
     * the files in messages only.
     */
    public static Checkpoint decode(Path cardPath, byte[] cardBytes, Path weightsPath, byte[] weights)
            throws CheckpointException {
        return build(parseCard(cardPath, cardBytes), cardPath, weightsPath, weights);
    }

    private static Checkpoint build(ModelCard card, Path cardPath, Path weightsPath, byte[] bytes)
            throws CheckpointException {
        MlpSpec spec;
        try {
            spec = card.network().toSpec();
            card.schedule().toSpec();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CheckpointException(cardPath.getFileName() + ": invalid model description: "
                    + UserText.shown(String.valueOf(e.getMessage()), 200), e);
        }
        Map<String, Tensor> tensors = parseSafetensors(weightsPath, bytes);
        String file = weightsPath.getFileName().toString();
        float[][] w = new float[spec.layers()][];
        float[][] b = new float[spec.layers()][];
        for (int l = 0; l < spec.layers(); l++) {
            w[l] = requireF32(file, tensors, "net." + l + ".weight", new long[] {spec.fanOut(l), spec.fanIn(l)}, bytes);
            b[l] = requireF32(file, tensors, "net." + l + ".bias", new long[] {spec.fanOut(l)}, bytes);
        }
        PointSet points = null;
        String pointsName = card.data() == null ? null : card.data().pointsTensor();
        String labelsName = pointsName == null ? null : card.data().labelsTensor();
        if (pointsName != null) {
            points = requirePoints(file, tensors, pointsName, card.data().size(), bytes);
            if (labelsName != null) {
                points = requireLabels(file, tensors, labelsName, points, card.data().classes(), bytes);
            }
        }
        for (String name : tensors.keySet()) {
            boolean expected = name.equals(pointsName) || name.equals(labelsName) || name.matches("net\\.\\d{1,6}\\.(weight|bias)")
                    && Integer.parseInt(name.substring(4, name.indexOf('.', 4))) < spec.layers();
            if (!expected) {
                throw new CheckpointException(file + ": unexpected tensor '" + UserText.shown(name) + "' for a "
                        + spec.depth() + "×" + spec.width() + " network: the file belongs to another model");
            }
        }
        if (!matches(card, bytes)) {
            throw new CheckpointException(cardPath.getFileName() + " does not belong to " + file
                    + " (checksum differs): the two files come from different saves or one was modified");
        }
        try {
            return new Checkpoint(card, Mlp.of(spec, w, b), points);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": " + UserText.shown(String.valueOf(e.getMessage()), 200), e);
        }
    }

    private static boolean matches(ModelCard card, byte[] weights) {
        return card.tensorsSha256() != null && card.tensorsSha256().equalsIgnoreCase(sha256(weights));
    }

    private static byte[] readKept(Path base) {
        try {
            return InputFiles.read(keptWeightsFile(base), MAX_FILE_BYTES, "model weights");
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] readLimited(Path p, String what, long max) throws CheckpointException {
        if (!Files.exists(p)) {
            throw new CheckpointException("no " + what + " at " + UserText.shown(p.toString(), 200));
        }
        try {
            return InputFiles.read(p, max, what);
        } catch (IOException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
    }

    private static ModelCard parseCard(Path cardPath, byte[] bytes) throws CheckpointException {
        String name = cardPath.getFileName().toString();
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new CheckpointException(name + " is not valid JSON: " + explainJson(e), e);
        }
        if (tree == null || !tree.isObject() || !ModelCard.FORMAT.equals(tree.path("format").asText(null))) {
            throw new CheckpointException(name + " is not a Diffusion Playground model card (no \"format\": \""
                    + ModelCard.FORMAT + "\")");
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version < 1 || version > ModelCard.FORMAT_VERSION) {
            throw new CheckpointException(name + " has format version " + version + "; this app reads versions 1 to "
                    + ModelCard.FORMAT_VERSION + (version > ModelCard.FORMAT_VERSION ? " (saved by a newer app)" : ""));
        }
        try {
            ModelCard card = JSON.treeToValue(tree, ModelCard.class);
            if (card.network() == null || card.schedule() == null) {
                throw new CheckpointException(name + " lacks the network or the schedule description");
            }
            return card;
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new CheckpointException(name + ": the field \"" + UserText.shown(JsonLimits.fieldPath(e)) + "\" has a value "
                    + "of the wrong kind or out of range", e);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(name + ": " + explainJson(e), e);
        }
    }

    private static String explainJson(IOException e) {
        return e instanceof JsonProcessingException j ? JsonLimits.explain(j) : UserText.reason(e);
    }

    /** One header entry; begin/end are absolute byte positions in the file. */
    private record Tensor(String dtype, long[] shape, long begin, long end) {
    }

    private static Map<String, Tensor> parseSafetensors(Path p, byte[] bytes) throws CheckpointException {
        String file = p.getFileName().toString();
        if (bytes.length < 8) {
            throw new CheckpointException(file + " is not a safetensors file: only " + bytes.length + " bytes");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n <= 1 || n > MAX_HEADER_BYTES || n > bytes.length - 8L) {
            throw new CheckpointException(file + " is not a safetensors file or is truncated: header length " + n
                    + " with " + (bytes.length - 8) + " bytes after it");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CheckpointException(file + " has a corrupt header: " + explainJson(e), e);
        }
        if (header == null || !header.isObject()) {
            throw new CheckpointException(file + " has a corrupt header: not a JSON object");
        }
        long dataStart = 8 + n;
        long dataLength = bytes.length - dataStart;
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(METADATA)) {
                continue;
            }
            JsonNode t = e.getValue();
            String name = e.getKey();
            JsonNode shapeNode = t.path("shape");
            JsonNode offsets = t.path("data_offsets");
            String dtype = t.path("dtype").asText("");
            if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2 || dtype.isEmpty()) {
                throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "' has a malformed header entry (it needs dtype, shape and data_offsets)");
            }
            long[] shape = new long[shapeNode.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = wholeNumber(shapeNode.get(i));
                if (shape[i] < 0) {
                    throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "' has an invalid shape "
                            + UserText.shown(shapeNode.toString()) + " (sizes are whole numbers, 0 or more)");
                }
                try {
                    count = Math.multiplyExact(count, shape[i]);
                } catch (ArithmeticException overflow) {
                    throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "' has an impossible shape "
                            + UserText.shown(shapeNode.toString()) + " (more elements than any file holds)");
                }
            }
            long begin = wholeNumber(offsets.get(0));
            long end = wholeNumber(offsets.get(1));
            int size = dtypeSize(dtype);
            long expected;
            try {
                expected = size > 0 ? Math.multiplyExact(count, size) : -1;
            } catch (ArithmeticException overflow) {
                throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "' has an impossible shape "
                        + UserText.shown(shapeNode.toString()) + " (more bytes than any file holds)");
            }
            if (begin < 0 || end < begin || size > 0 && end - begin != expected) {
                throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "' has offsets "
                        + UserText.shown(offsets.toString()) + " that do not fit its shape "
                        + UserText.shown(shapeNode.toString()) + " and dtype " + UserText.shown(dtype)
                        + " (offsets are whole numbers of bytes)");
            }
            if (end > dataLength) {
                throw new CheckpointException(file + " is truncated: tensor '" + UserText.shown(name) + "' ends at byte " + end
                        + " of the data but only " + dataLength + " bytes are there");
            }
            out.put(name, new Tensor(dtype, shape, dataStart + begin, dataStart + end));
        }
        // safetensors requires the tensors to tile the data region exactly: no gaps, no overlaps
        List<Tensor> sorted = new ArrayList<>(out.values());
        sorted.sort(java.util.Comparator.comparingLong(Tensor::begin));
        long at = dataStart;
        for (Tensor t : sorted) {
            if (t.begin() != at) {
                throw new CheckpointException(file + ": tensor data offsets overlap or leave gaps (corrupt header)");
            }
            at = t.end();
        }
        if (at != bytes.length) {
            throw new CheckpointException(file + ": " + (bytes.length - at) + " bytes after the last tensor "
                    + "(corrupt, or not written by a safetensors writer)");
        }
        return out;
    }

    /** A JSON whole number that fits a long, else -1: 3.5 or 1e30 is not a size or an offset. */
    private static long wholeNumber(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong() ? n.asLong() : -1;
    }

    private static int dtypeSize(String dtype) {
        switch (dtype) {
            case "F64":
            case "I64":
            case "U64":
                return 8;
            case "F32":
            case "I32":
            case "U32":
                return 4;
            case "F16":
            case "BF16":
            case "I16":
            case "U16":
                return 2;
            case "I8":
            case "U8":
            case "BOOL":
                return 1;
            default:
                return -1;
        }
    }

    private static float[] requireF32(String file, Map<String, Tensor> tensors, String name, long[] shape,
            byte[] bytes) throws CheckpointException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "' is missing (the model card describes "
                    + "a different network, or the file is from another program)");
        }
        if (!t.dtype().equals("F32")) {
            throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "' has dtype " + UserText.shown(t.dtype()) + ", expected F32");
        }
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "' has shape "
                    + java.util.Arrays.toString(t.shape()) + " but the model card's network needs "
                    + java.util.Arrays.toString(shape));
        }
        float[] a = new float[(int) ((t.end() - t.begin()) / 4)];
        ByteBuffer.wrap(bytes, (int) t.begin(), (int) (t.end() - t.begin())).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().get(a);
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "' holds a non-finite value (" + a[i]
                        + " at index " + i + "): the model diverged before it was saved");
            }
        }
        return a;
    }

    private static PointSet requireLabels(String file, Map<String, Tensor> tensors, String name, PointSet points,
            Integer classes, byte[] bytes) throws CheckpointException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException(file + ": the model card says the data labels are stored as '"
                    + UserText.shown(name) + "' but there is no such tensor");
        }
        if (!t.dtype().equals("I32") || t.shape().length != 1 || t.shape()[0] != points.size() || classes == null) {
            throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "' should be I32 of shape ["
                    + points.size() + "] with the number of classes on the card, found " + UserText.shown(t.dtype())
                    + " " + java.util.Arrays.toString(t.shape()));
        }
        int[] labels = new int[points.size()];
        ByteBuffer.wrap(bytes, (int) t.begin(), (int) (t.end() - t.begin())).order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer().get(labels);
        try {
            return points.withLabels(labels, classes);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "': " + e.getMessage(), e);
        }
    }

    private static PointSet requirePoints(String file, Map<String, Tensor> tensors, String name, Integer size,
            byte[] bytes) throws CheckpointException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException(file + ": the model card says the data points are stored as '" + name
                    + "' but there is no such tensor");
        }
        if (!t.dtype().equals("F64") || t.shape().length != 2 || t.shape()[1] != 2
                || size != null && t.shape()[0] != size) {
            throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "' should be F64 of shape [" + size
                     + ", 2], found " + UserText.shown(t.dtype()) + " " + java.util.Arrays.toString(t.shape()));
        }
        double[] xy = new double[(int) ((t.end() - t.begin()) / 8)];
        ByteBuffer.wrap(bytes, (int) t.begin(), (int) (t.end() - t.begin())).order(ByteOrder.LITTLE_ENDIAN)
                .asDoubleBuffer().get(xy);
        try {
            return PointSet.of(xy);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": tensor '" + UserText.shown(name) + "': " + e.getMessage(), e);
        }
    }
}
