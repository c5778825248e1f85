package org.diffusionplayground.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Seeded generators of malformed input: byte-level damage (flips, cuts, splices, repeats) for any file,
 * and structural damage for JSON (a value replaced by a hostile one: deep nesting, huge strings and numbers,
 * control characters, wrong types, NaN). Every generator is a pure function of its Random.
 */
final class Mutations {

    /** Writes what the loaders must refuse: deeper nesting than Jackson's default writer allows. */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamWriteConstraints(com.fasterxml.jackson.core.StreamWriteConstraints.builder()
                    .maxNestingDepth(1 << 20).build()).build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Mutations() {
    }

    /** One to four random byte-level changes of {@code good}. */
    static byte[] bytes(byte[] good, Random r) {
        byte[] b = good.clone();
        int changes = 1 + r.nextInt(4);
        for (int c = 0; c < changes; c++) {
            b = oneByteChange(b, r);
        }
        return b;
    }

    private static byte[] oneByteChange(byte[] b, Random r) {
        if (b.length == 0) {
            return new byte[] {(byte) r.nextInt(256)};
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(7)) {
            case 0: { // flip a bit
                byte[] out = b.clone();
                out[at] ^= (byte) (1 << r.nextInt(8));
                return out;
            }
            case 1: // cut the end off
                return Arrays.copyOf(b, at);
            case 2: { // drop a slice
                int len = 1 + r.nextInt(Math.min(64, b.length - at));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                return out;
            }
            case 3: { // repeat a slice
                int len = 1 + r.nextInt(Math.min(64, b.length - at));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at + len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                return out;
            }
            case 4: { // a hostile byte
                byte[] out = b.clone();
                byte[] hostile = {0, 0x7f, (byte) 0xff, (byte) 0xc3, (byte) 0x80, '\n', '\r', '"', '\\', '{', '[',
                    ',', ';', '-', 'e', '.', '9'};
                out[at] = hostile[r.nextInt(hostile.length)];
                return out;
            }
            case 5: { // overwrite 8 bytes with a random long (lengths, offsets)
                byte[] out = b.clone();
                long v = r.nextBoolean() ? r.nextLong() : (1L << r.nextInt(63)) + r.nextInt(3) - 1;
                for (int i = 0; i < 8 && at + i < out.length; i++) {
                    out[at + i] = (byte) (v >>> (8 * i));
                }
                return out;
            }
            default: { // insert hostile text
                byte[] text = hostileText(r).getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[b.length + text.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(text, 0, out, at, text.length);
                System.arraycopy(b, at, out, at + text.length, b.length - at);
                return out;
            }
        }
    }

    static String hostileText(Random r) {
        switch (r.nextInt(10)) {
            case 0:
                return "NaN";
            case 1:
                return "1e999";
            case 2:
                return "9".repeat(1 + r.nextInt(5000));
            case 3:
                return "[".repeat(1 + r.nextInt(3000));
            case 4:
                return "\u0000\u001b[31m\u202e";
            case 5:
                return "\"" + "x".repeat(r.nextInt(150_000)) + "\"";
            case 6:
                return "-0.0e-400";
            case 7:
                return "\uFEFF";
            case 8:
                return ",,,,;;;;\t\t";
            default:
                return "1,5;2,5";
        }
    }

    /** {@code good} JSON with one to three values replaced by hostile ones, or damaged bytes (one in three). */
    static byte[] json(byte[] good, Random r) {
        if (r.nextInt(3) == 0) {
            return bytes(good, r);
        }
        try {
            JsonNode tree = JSON.readTree(good);
            int changes = 1 + r.nextInt(3);
            for (int c = 0; c < changes; c++) {
                replaceRandomValue(tree, r);
            }
            return JSON.writeValueAsBytes(tree);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the seed input is valid JSON", e);
        }
    }

    private static void replaceRandomValue(JsonNode tree, Random r) {
        List<ContainerNode<?>> parents = new ArrayList<>();
        collect(tree, parents);
        ContainerNode<?> parent = parents.get(r.nextInt(parents.size()));
        JsonNode hostile = hostileValue(r);
        if (parent instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || r.nextInt(6) == 0) {
                o.set(r.nextBoolean() ? "unknownField" : hostileName(r), hostile); // an extra field
            } else if (r.nextInt(8) == 0) {
                o.remove(names.get(r.nextInt(names.size()))); // a field left out
            } else {
                o.set(names.get(r.nextInt(names.size())), hostile);
            }
        } else if (parent instanceof ArrayNode a) {
            if (a.isEmpty() || r.nextInt(6) == 0) {
                a.add(hostile);
            } else {
                a.set(r.nextInt(a.size()), hostile);
            }
        }
    }

    private static String hostileName(Random r) {
        return r.nextBoolean() ? "\u0000ctrl\n\u001b" : "n".repeat(r.nextInt(5000));
    }

    private static void collect(JsonNode n, List<ContainerNode<?>> out) {
        if (n instanceof ContainerNode<?> c) {
            out.add(c);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext();) {
                collect(it.next(), out);
            }
        }
    }

    static JsonNode hostileValue(Random r) {
        switch (r.nextInt(16)) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.booleanNode(r.nextBoolean());
            case 2:
                return NODES.textNode("");
            case 3:
                return NODES.textNode("\u0000\u0007\n\u001b[2J" + "é".repeat(r.nextInt(100)));
            case 4:
                return NODES.textNode("x".repeat(r.nextInt(150_000))); // the loaders' limit is 100 000
            case 5:
                return NODES.numberNode(new java.math.BigDecimal("9".repeat(1 + r.nextInt(3000))));
            case 6:
                return NODES.numberNode(r.nextBoolean() ? Double.MAX_VALUE : -Double.MIN_VALUE);
            case 7:
                return NODES.numberNode(r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
            case 8:
                return NODES.numberNode(r.nextDouble() * 10 - 5);
            case 9:
                return NODES.numberNode(r.nextInt(7) - 3);
            case 10: {
                ArrayNode deep = NODES.arrayNode();
                ArrayNode at = deep;
                for (int i = r.nextInt(900); i > 0; i--) { // the writer stops at 1000; raw text goes deeper
                    at = at.addArray();
                }
                return deep;
            }
            case 11:
                return NODES.objectNode();
            case 12:
                return NODES.arrayNode();
            case 13: {
                ArrayNode pairs = NODES.arrayNode();
                for (int i = r.nextInt(5); i > 0; i--) {
                    pairs.addArray().add(r.nextGaussian() * 1e200).add(r.nextGaussian());
                }
                return pairs;
            }
            case 14:
                return NODES.textNode(r.nextBoolean() ? "../../etc/passwd" : "asset:" + "a".repeat(r.nextInt(300)));
            default:
                return NODES.numberNode(Double.longBitsToDouble(r.nextLong()) % 1e6);
        }
    }
}
