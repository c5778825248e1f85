package org.diffusionplayground.preset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.diffusionplayground.model.util.JsonLimits;
import org.diffusionplayground.model.util.UserText;

/**
 * Binding errors of a preset explained in words: the field ({@code sampler.particles}), what was expected and
 * what was found, never the library's class or option names.
 */
final class PresetErrors {

    private PresetErrors() {
    }

    /** A binding error as "field: what was expected, what was found". */
    static String explain(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? JsonLimits.fieldPath(m) : "";
        String at = field.isEmpty() ? "" : "field \"" + field + "\": ";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown field \"" + UserText.shown(field) + "\"" + (known.isEmpty() ? "" : " (known fields here: " + known + ")");
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String allowed = Arrays.stream(f.getTargetType().getEnumConstants()).map(Object::toString)
                    .map(s -> enumName(f.getTargetType(), s)).collect(Collectors.joining(", "));
            return at + UserText.shown(String.valueOf(f.getValue())) + " is not one of " + allowed;
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return at + "expected " + describe(mi.getTargetType()) + ", got " + found(e);
        }
        if (e.getCause() instanceof InputCoercionException || e instanceof InputCoercionException) {
            return at + "the number is too large";
        }
        return at + JsonLimits.problem(e);
    }

    private static String enumName(Class<?> type, String display) {
        for (Object c : type.getEnumConstants()) {
            if (c.toString().equals(display)) {
                return ((Enum<?>) c).name();
            }
        }
        return display;
    }

    private static String found(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.contains("out of range")) {
            return "a number out of range";
        }
        if (m.contains("from String") || m.contains("String value")) {
            return "a string";
        }
        if (m.contains("Floating-point") || m.contains("floating-point")) {
            return "a number with a fraction";
        }
        if (m.contains("Array value") || m.contains("START_ARRAY")) {
            return "a list";
        }
        if (m.contains("Object value") || m.contains("START_OBJECT")) {
            return "an object";
        }
        if (m.contains("Boolean") || m.contains("boolean")) {
            return "true/false";
        }
        return "something else";
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == double[].class) {
            return type == double[].class ? "a pair [x, y] of numbers" : "a number";
        }
        if (type == double[][].class) {
            return "a list of [x, y] pairs";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
