package org.diffusionplayground.model.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Limits on JSON the app reads (Jackson's {@link StreamReadConstraints}: nesting, string and number
 * length, document size), and the sentences that explain a JSON problem to the user: the line, what is
 * wrong, and which limit was passed, without the library's option or class names.
 *
 * @param maxNesting   deepest nesting of arrays and objects
 * @param maxString    longest string value, in characters
 * @param maxNumber    longest number, in characters
 * @param maxDocument  largest document, in bytes
 */
public record JsonLimits(int maxNesting, int maxString, int maxNumber, long maxDocument) {

    private static final Pattern LIMIT = Pattern.compile("\\((\\d+)\\)\\s+exceeds the maximum allowed \\((\\d+)");
    private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.{1,2})' \\(code (\\d+)");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '([^']*)'");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    /** A stream factory that enforces these limits. */
    public JsonFactory factory() {
        JsonFactory f = new JsonFactory();
        f.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNesting)
                .maxStringLength(maxString).maxNumberLength(maxNumber).maxDocumentLength(maxDocument)
                .maxNameLength(Math.min(maxString, 1000)).build());
        return f;
    }

    /** The field a binding error concerns, "sampler.particles" or "data.points.xy[3]"; empty at the top. */
    public static String fieldPath(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() > 0 ? "." : "").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** "line 3, column 7: …" or just the problem when the parser gave no position. */
    public static String explain(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at != null && at.getLineNr() > 0
                ? "line " + at.getLineNr() + (at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "") + ": "
                : "";
        return where + problem(e);
    }

    /** What is wrong, in words (see the class comment). */
    public static String problem(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException || m.contains("exceeds the maximum allowed")) {
            Matcher l = LIMIT.matcher(m);
            String limit = l.find() ? l.group(2) : "the limit";
            if (m.startsWith("Document nesting depth") || m.contains("nesting depth")) {
                return "nested more than " + limit + " levels deep (the limit is " + limit + ")";
            }
            if (m.startsWith("String value length")) {
                return "a text value longer than " + limit + " characters (the limit is " + limit + ")";
            }
            if (m.startsWith("Number value length")) {
                return "a number with more than " + limit + " digits (the limit is " + limit + ")";
            }
            if (m.startsWith("Name length")) {
                return "a field name longer than " + limit + " characters (the limit is " + limit + ")";
            }
            if (m.startsWith("Document length")) {
                return "the document is longer than " + limit + " bytes (the limit is " + limit + ")";
            }
            return "the JSON passes a size limit";
        }
        if (m.contains("Non-standard token") || m.contains("NON_NUMERIC")) {
            return "NaN and Infinity are not numbers in JSON; write a finite number";
        }
        if (m.contains("Trailing token") || m.contains("TRAILING_TOKENS")) {
            return "there is more text after the end of the JSON document";
        }
        if (m.contains("end-of-input") || m.contains("Unexpected EOF")) {
            return "the JSON ends early (is the file truncated?)";
        }
        Matcher d = DUPLICATE.matcher(m);
        if (d.find()) {
            return "the field \"" + UserText.shown(d.group(1)) + "\" appears twice (a duplicate key)";
        }
        Matcher c = CHARACTER.matcher(m);
        if (c.find()) {
            int code = Integer.parseInt(c.group(2));
            return "unexpected character " + (code < 32 || code == 127 ? UserText.shown(Character.toString(code))
                    : "'" + c.group(1) + "'");
        }
        Matcher t = TOKEN.matcher(m);
        if (t.find()) {
            return "unexpected text \"" + UserText.shown(t.group(1), 40) + "\" (strings need double quotes)";
        }
        if (m.contains("Illegal unquoted character") || m.contains("CTRL-CHAR")) {
            return "a control character inside a text value (write it escaped, e.g. \\n)";
        }
        if (m.contains("Invalid UTF-8") || m.contains("Invalid UTF-16") || m.contains("Invalid UTF-32")) {
            return "the text is not UTF-8";
        }
        if (m.contains("Leading zeroes") || m.contains("Invalid numeric value") || m.contains("Numeric value")) {
            return "a malformed or out-of-range number";
        }
        return plain(m);
    }

    /** The library's first line without anything in backquotes (option and class names) or "(code N)". */
    private static String plain(String m) {
        int nl = m.indexOf('\n');
        String first = nl < 0 ? m : m.substring(0, nl);
        first = first.replaceAll("`[^`]*`", "").replaceAll("\\(code \\d+\\)", "")
                .replaceAll("\\b(?:[a-z]+\\.)+[A-Z]\\w*(?:\\$\\w+)*", "").replaceAll("\\s+", " ").strip();
        return first.isEmpty() ? "the JSON is malformed" : UserText.shown(first, 160);
    }
}
