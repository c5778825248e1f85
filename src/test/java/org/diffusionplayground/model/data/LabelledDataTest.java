package org.diffusionplayground.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Data sets with parts carry a label per point (the mode, the moon, the ring, a CSV's third column, a stroke);
 * labels survive slicing, standardising and a CSV round trip; unlabelled data stays unlabelled.
 */
class LabelledDataTest {

    @Test
    void eachGaussianPointIsLabelledWithTheModeItWasDrawnFrom() {
        for (ToyData kind : new ToyData[] {ToyData.GAUSSIANS_8, ToyData.GAUSSIANS_25}) {
            GaussianMixture m = kind.mixture().orElseThrow();
            PointSet p = kind.generate(2000, 4);
            assertEquals(m.components(), p.classes());
            int[] count = new int[m.components()];
            for (int i = 0; i < p.size(); i++) {
                int nearest = 0;
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k < m.components(); k++) {
                    double d = Math.hypot(p.x(i) - m.meanX(k), p.y(i) - m.meanY(k));
                    if (d < best) {
                        best = d;
                        nearest = k;
                    }
                }
                assertEquals(nearest, p.label(i), kind + " point " + i); // modes are ≥ 10σ apart
                count[p.label(i)]++;
            }
            for (int c : count) {
                assertTrue(Math.abs(c - 2000 / m.components()) <= 1, "balanced classes");
            }
        }
    }

    @Test
    void moonsAndRingsAreLabelledByTheirParts() {
        PointSet rings = ToyData.RINGS.generate(3000, 2);
        assertEquals(3, rings.classes());
        for (int i = 0; i < rings.size(); i++) {
            double r = Math.hypot(rings.x(i), rings.y(i)) * 1.75; // radius 1, 2, 3 before the divisor
            assertEquals(rings.label(i) + 1, r, 0.4, "ring of point " + i);
        }
        PointSet moons = ToyData.TWO_MOONS.generate(1000, 2);
        assertEquals(2, moons.classes());
        // the upper moon (label 0) lies above the line through the centres of both, the lower one below
        double[] upper = PointSet.of(moons.classPoints(0)).mean();
        double[] lower = PointSet.of(moons.classPoints(1)).mean();
        assertTrue(upper[1] > lower[1] + 0.5, "upper moon above: " + upper[1] + " vs " + lower[1]);
        assertFalse(ToyData.SWISS_ROLL.generate(100, 1).hasLabels(), "one piece: no labels");
        assertEquals(0, ToyData.CHECKERBOARD.classes());
    }

    @Test
    void labelsFollowSlicesStandardisingAndHeldOutDraws() {
        PointSet p = ToyData.GAUSSIANS_8.generate(100, 1);
        PointSet s = p.slice(10, 20);
        for (int i = 0; i < 10; i++) {
            assertEquals(p.label(10 + i), s.label(i));
        }
        assertArrayEquals(p.labelArray(), p.standardised().labelArray());
        assertTrue(DataSet.builtIn(ToyData.GAUSSIANS_8, 100, 1).heldOut(50, 1).hasLabels());
        assertEquals(p.unlabelled(), PointSet.of(p.toArray()));
        assertFalse(p.equals(p.unlabelled()), "labels are part of the set");
    }

    @Test
    void labelledPointsRoundTripThroughCsv() throws IOException {
        PointSet p = ToyData.RINGS.generate(500, 9);
        StringWriter w = new StringWriter();
        CsvPoints.write(p, w);
        assertEquals(p, CsvPoints.parse(new StringReader(w.toString()), "rings.csv"));
        PointSet plain = ToyData.SWISS_ROLL.generate(50, 9);
        StringWriter w2 = new StringWriter();
        CsvPoints.write(plain, w2);
        assertEquals(plain, CsvPoints.parse(new StringReader(w2.toString()), "swiss.csv"));
    }

    @Test
    void aThirdColumnOfWordsNamesClassesInOrderOfAppearance() throws IOException {
        PointSet p = CsvPoints.parse(new StringReader("x;y;species\n1,5;2;setosa\n3;4;virginica\n5;6;setosa\n"),
                "iris.csv");
        assertEquals(2, p.classes());
        assertArrayEquals(new int[] {0, 1, 0}, p.labelArray());
        assertEquals(1.5, p.x(0));
    }

    @Test
    void aThirdColumnThatIsNotAClassLeavesTheDataUnlabelled() throws IOException {
        assertNull(CsvPoints.parse(new StringReader("1,2,0.5\n3,4,1.5\n"), "weights.csv").labelArray(),
                "a numeric column of weights");
        assertNull(CsvPoints.parse(new StringReader("1,2,1\n3,4\n"), "partly.csv").labelArray(),
                "some points without a label");
        assertNull(CsvPoints.parse(new StringReader("1,2,100\n3,4,0\n"), "ids.csv").labelArray(),
                "more classes than the limit");
        PointSet ints = CsvPoints.parse(new StringReader("1,2,3\n3,4,0\n"), "ints.csv");
        assertEquals(4, ints.classes(), "whole numbers are labels as written: classes 0 … 3");
    }

    @Test
    void eachStrokeOfADrawingIsAClass() {
        DrawnPoints d = new DrawnPoints(1);
        d.spray(0, 0, 0.01, 5);
        d.newStroke();
        d.newStroke(); // a click without a drag leaves no empty class
        d.spray(1, 1, 0.01, 4);
        PointSet p = d.toDataSet().points();
        assertEquals(2, p.classes());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1}, p.labelArray());
        DrawnPoints one = new DrawnPoints(1);
        one.spray(0, 0, 0.01, 5);
        one.newStroke();
        assertFalse(one.toDataSet().points().hasLabels(), "a single stroke is one piece");
    }
}
