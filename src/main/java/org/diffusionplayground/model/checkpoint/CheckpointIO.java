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

/**
 * Saves and loads {@link Checkpoint}s as two files: {@code <base>.safetensors} (the weights) and
 * {@code <base>.json} (the {@link ModelCard}).
 *
 * <p>The weights file is the real safetensors format: an 8-byte little-endian header length N, N bytes of
 * JSON header {@code {"__metadata__": {...}, "net.0.weight": {"dtype": "F32", "shape": [out, in],
 * "data_offsets": [begin, end]}, ...}} (padded with spaces to a multiple of 8), then the little-endian
 * data. Tensors: {@code net.<l>.weight} (fanOut × fanIn, PyTorch's nn.Linear layout) and
 * {@code net.<l>.bias}, l = 0 … depth; imported or drawn data adds {@value #POINTS_TENSOR} (F64, n × 2).
 * Reading it from Python:
 * <pre>
 *   from safetensors.numpy import load_file           # pip install safetensors numpy
 *   w = load_file("model.safetensors")                # {"net.0.weight": array(128×3), ...}
 *   # or with the standard library and numpy only:
 *   import json, struct, numpy as np
 *   b = open("model.safetensors", "rb").read(); n = struct.unpack("&lt;Q", b[:8])[0]; h = json.loads(b[8:8 + n])
 *   w = {k: np.frombuffer(b[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]],
 *        dtype={"F32": "&lt;f4", "F64": "&lt;f8"}[v["dtype"]]).reshape(v["shape"]) for k, v in h.items() if k != "__metadata__"}
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
    private static final String METADATA = "__metadata__";
    /** Largest header read (safetensors itself caps it at 100 MB). */
    private static final long MAX_HEADER_BYTES = 100L << 20;
    /** Largest weights file read: far above any network the app builds (4096 wide × 16 deep ≈ 1 GB). */
    private static final long MAX_FILE_BYTES = 2L << 30;

    private static final ObjectMapper JSON = new ObjectMapper()
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
        Path weights = weightsFile(base);
        Path card = cardFile(base);
        try {
            byte[] tensors = encodeSafetensors(checkpoint);
            ModelCard sealed = checkpoint.card().withTensorsSha256(sha256(tensors));
            byte[] cardBytes = JSON.writeValueAsBytes(sealed);
            Path dir = weights.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            writeAtomically(weights, tensors);
            writeAtomically(card, cardBytes);
            return weights;
        } catch (IOException e) {
            throw new CheckpointException("could not save the model to " + weights + ": " + e.getMessage(), e);
        }
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

    private static byte[] doubles(double[] a) {
        ByteBuffer b = ByteBuffer.allocate(8 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(a);
        return b.array();
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
        byte[] bytes = readLimited(weightsPath, "weights file");
        byte[] cardBytes = readLimited(cardPath, "model card");
        ModelCard card = parseCard(cardPath, cardBytes);
        MlpSpec spec;
        try {
            spec = card.network().toSpec();
            card.schedule().toSpec();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CheckpointException(cardPath.getFileName() + ": invalid model description: " + e.getMessage(), e);
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
        if (pointsName != null) {
            points = requirePoints(file, tensors, pointsName, card.data().size(), bytes);
        }
        for (String name : tensors.keySet()) {
            boolean expected = name.equals(pointsName) || name.matches("net\\.\\d+\\.(weight|bias)")
                    && Integer.parseInt(name.substring(4, name.indexOf('.', 4))) < spec.layers();
            if (!expected) {
                throw new CheckpointException(file + ": unexpected tensor '" + name + "' for a "
                        + spec.depth() + "×" + spec.width() + " network: the file belongs to another model");
            }
        }
        if (card.tensorsSha256() == null || !card.tensorsSha256().equalsIgnoreCase(sha256(bytes))) {
            throw new CheckpointException(cardPath.getFileName() + " does not belong to " + file
                    + " (checksum differs): the two files come from different saves or one was modified");
        }
        try {
            return new Checkpoint(card, Mlp.of(spec, w, b), points);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readLimited(Path p, String what) throws CheckpointException {
        try {
            long size = Files.size(p);
            if (size > MAX_FILE_BYTES) {
                throw new CheckpointException(p.getFileName() + ": " + size / (1 << 20)
                        + " MB is too large for a model of this app");
            }
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("no " + what + " at " + p, e);
        } catch (IOException e) {
            throw new CheckpointException("could not read " + p + ": " + e.getMessage(), e);
        }
    }

    private static ModelCard parseCard(Path cardPath, byte[] bytes) throws CheckpointException {
        String name = cardPath.getFileName().toString();
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new CheckpointException(name + " is not valid JSON: " + firstLine(e.getMessage()), e);
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
        } catch (JsonProcessingException e) {
            throw new CheckpointException(name + ": " + firstLine(e.getOriginalMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
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
            throw new CheckpointException(file + " has a corrupt header: " + firstLine(e.getMessage()), e);
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
                throw new CheckpointException(file + ": tensor '" + name + "' has a malformed header entry");
            }
            long[] shape = new long[shapeNode.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong(-1);
                if (shape[i] < 0 || !shapeNode.get(i).canConvertToLong()) {
                    throw new CheckpointException(file + ": tensor '" + name + "' has an invalid shape " + shapeNode);
                }
                try {
                    count = Math.multiplyExact(count, shape[i]);
                } catch (ArithmeticException overflow) {
                    throw new CheckpointException(file + ": tensor '" + name + "' has an impossible shape " + shapeNode);
                }
            }
            long begin = offsets.get(0).asLong(-1);
            long end = offsets.get(1).asLong(-1);
            int size = dtypeSize(dtype);
            if (begin < 0 || end < begin || size > 0 && end - begin != count * size) {
                throw new CheckpointException(file + ": tensor '" + name + "' has offsets " + offsets
                        + " that do not fit its shape " + shapeNode + " and dtype " + dtype);
            }
            if (end > dataLength) {
                throw new CheckpointException(file + " is truncated: tensor '" + name + "' ends at byte " + end
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
            throw new CheckpointException(file + ": tensor '" + name + "' is missing (the model card describes "
                    + "a different network, or the file is from another program)");
        }
        if (!t.dtype().equals("F32")) {
            throw new CheckpointException(file + ": tensor '" + name + "' has dtype " + t.dtype() + ", expected F32");
        }
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new CheckpointException(file + ": tensor '" + name + "' has shape "
                    + java.util.Arrays.toString(t.shape()) + " but the model card's network needs "
                    + java.util.Arrays.toString(shape));
        }
        float[] a = new float[(int) ((t.end() - t.begin()) / 4)];
        ByteBuffer.wrap(bytes, (int) t.begin(), (int) (t.end() - t.begin())).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().get(a);
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                throw new CheckpointException(file + ": tensor '" + name + "' holds a non-finite value (" + a[i]
                        + " at index " + i + "): the model diverged before it was saved");
            }
        }
        return a;
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
            throw new CheckpointException(file + ": tensor '" + name + "' should be F64 of shape [" + size
                    + ", 2], found " + t.dtype() + " " + java.util.Arrays.toString(t.shape()));
        }
        double[] xy = new double[(int) ((t.end() - t.begin()) / 8)];
        ByteBuffer.wrap(bytes, (int) t.begin(), (int) (t.end() - t.begin())).order(ByteOrder.LITTLE_ENDIAN)
                .asDoubleBuffer().get(xy);
        try {
            return PointSet.of(xy);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": tensor '" + name + "': " + e.getMessage(), e);
        }
    }
}
