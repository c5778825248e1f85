package org.diffusionplayground.cli;

import picocli.CommandLine;

/**
 * The I-th of N shares of a list of independent work items, {@code --shard I/N} (1 ≤ I ≤ N): item k
 * belongs to share (k mod N) + 1, so the shares differ in size by at most one and a job array's task
 * I runs {@code --shard I/N}.
 */
record Shard(int index, int count) {

    Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is I/N with 1 ≤ I ≤ N, got " + index + "/" + count);
        }
    }

    boolean includes(int item) {
        return item % count == index - 1;
    }

    static final class Converter implements CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            String[] parts = value.split("/");
            try {
                if (parts.length == 2) {
                    return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                }
            } catch (NumberFormatException e) {
                // the message below says what is expected
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            throw new CommandLine.TypeConversionException("a shard is I/N, e.g. 3/20, got '" + value + "'");
        }
    }
}
