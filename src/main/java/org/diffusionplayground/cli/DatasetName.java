package org.diffusionplayground.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.diffusionplayground.model.data.ToyData;
import picocli.CommandLine;

/** The command-line names of the built-in data sets. */
enum DatasetName {
    SWISSROLL("swissroll", ToyData.SWISS_ROLL),
    GAUSSIANS_25("25gaussians", ToyData.GAUSSIANS_25),
    GAUSSIANS_8("8gaussians", ToyData.GAUSSIANS_8),
    MOONS("moons", ToyData.TWO_MOONS),
    RINGS("rings", ToyData.RINGS),
    CHECKERBOARD("checkerboard", ToyData.CHECKERBOARD),
    PINWHEEL("pinwheel", ToyData.PINWHEEL),
    SPIRALS("spirals", ToyData.TWO_SPIRALS);

    final String cliName;
    final ToyData kind;

    DatasetName(String cliName, ToyData kind) {
        this.cliName = cliName;
        this.kind = kind;
    }

    /** The command-line name of a built-in data set. */
    static String of(ToyData kind) {
        for (DatasetName d : values()) {
            if (d.kind == kind) {
                return d.cliName;
            }
        }
        throw new IllegalArgumentException("no command-line name for " + kind);
    }

    static String choices() {
        return Arrays.stream(values()).map(d -> d.cliName).collect(Collectors.joining(", "));
    }

    /** picocli converter: exact names, case-insensitive, with the list of choices on a mistake. */
    static final class Converter implements CommandLine.ITypeConverter<ToyData> {
        @Override
        public ToyData convert(String value) {
            for (DatasetName d : values()) {
                if (d.cliName.equalsIgnoreCase(value)) {
                    return d.kind;
                }
            }
            throw new CommandLine.TypeConversionException("unknown data set '" + value + "' (choose one of "
                    + choices() + ")");
        }
    }
}
