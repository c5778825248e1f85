package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The self-test's blank-picture check: the share of pixels off the most frequent colour. */
class SelfTestTest {

    @Test
    void aPictureOfOneColourHasNoInk() {
        int[] blank = new int[640 * 360];
        Arrays.fill(blank, 0xFFFAFAFA);
        assertEquals(0.0, SelfTest.inkFraction(blank));
        assertEquals(0.0, SelfTest.inkFraction(new int[0]));
    }

    @Test
    void inkIsTheShareOfPixelsOffTheBackgroundWhateverTheirColours() {
        int[] picture = new int[1000];
        Arrays.fill(picture, 0xFF101010);
        for (int i = 0; i < 30; i++) {
            picture[i * 7] = 0xFF000000 | (i * 0x010203); // 30 particles of 30 colours
        }
        assertEquals(0.03, SelfTest.inkFraction(picture), 1e-12);
        assertTrue(SelfTest.inkFraction(picture) >= SelfTest.MIN_INK);
    }

    @Test
    void theBackgroundIsTheCommonestColourNotTheFirstPixel() {
        int[] picture = {1, 2, 2, 2};
        assertEquals(0.25, SelfTest.inkFraction(picture), 1e-12);
    }

    @Test
    void onlyTheFlagAsksForIt() {
        assertTrue(SelfTest.requested(List.of("--dark", "--self-test")));
        assertFalse(SelfTest.requested(List.of("--self-tests", "--dark")));
    }
}
