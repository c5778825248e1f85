package org.diffusionplayground.cli;

import java.util.Arrays;
import org.diffusionplayground.model.sampling.ReverseProcess;

/** The {@code --hs} list of a command: each value by the one rule for 𝔥 ({@link ReverseProcess#problemWithH}). */
final class HValues {

    private HValues() {
    }

    /**
     * What is wrong with the list, in words for the user, or null.
     *
     * @param zeroAllowed false where 𝔥 = 0 is always computed and listing it would repeat it
     */
    static String problem(double[] hs, boolean zeroAllowed) {
        if (hs.length == 0) {
            return "--hs: give at least one 𝔥";
        }
        for (double h : hs) {
            String problem = ReverseProcess.problemWithH(h);
            if (problem != null) {
                return "--hs: " + problem + ", got " + h;
            }
            if (h == 0 && !zeroAllowed) {
                return "--hs: 𝔥 = 0 is always computed; list only 𝔥 > 0";
            }
        }
        if (Arrays.stream(hs).distinct().count() != hs.length) {
            return "--hs: a value is repeated";
        }
        return null;
    }
}
