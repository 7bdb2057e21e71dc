package dev.anneal.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Ticks#spacing} and how {@link AxisTicks} hands it to XChart. */
class TicksSpacingTest {
  @Test
  void fortyStepsGetATickEveryTen() {
    assertEquals(10, Ticks.spacing(0, 39, AxisTicks.X_INTERVALS, 1));
    assertEquals(40, AxisTicks.end(39, 10), "the axis ends on the tick just past the data");
  }

  @Test
  void longRunsGetAFewRoundTicks() {
    assertEquals(200, Ticks.spacing(0, 1099, AxisTicks.X_INTERVALS, 1));
    assertEquals(1000, Ticks.spacing(0, 5499, AxisTicks.X_INTERVALS, 1));
    assertEquals(20000, Ticks.spacing(0, 109999, AxisTicks.X_INTERVALS, 1));
    assertEquals(5499, AxisTicks.end(5499, 1000), "6000 is 9% past the data: the axis ends with it");
  }

  @Test
  void stepsNeverGetFractionalTicks() {
    assertEquals(1, Ticks.spacing(0, 4, AxisTicks.X_INTERVALS, 1));
    assertEquals(1, Ticks.spacing(0, 1, AxisTicks.X_INTERVALS, 1));
  }

  @Test
  void smallLearningRatesGetRoundTicksWithoutNoise() {
    assertEquals(1e-4, Ticks.spacing(0, 3.9e-4, AxisTicks.Y_INTERVALS, 0));
    assertEquals(5e-5, Ticks.spacing(0, 1.3e-4, AxisTicks.Y_INTERVALS, 0));
    assertEquals(2e-4, Ticks.spacing(0.0099, 0.0106, AxisTicks.Y_INTERVALS, 0), "a constant weight decay of 0.01");
    assertEquals(0.02, Ticks.spacing(0.84, 0.98, 7, 0), "0.14 in at most 7 parts: 0.02 each, exactly");
  }

  @Test
  void aSpacingNeverCutsTheAxisIntoMorePartsThanAsked() {
    for (double span = 0.37; span < 1e6; span *= 1.37) {
      for (int intervals = 1; intervals <= 9; intervals++) {
        double spacing = Ticks.spacing(0, span, intervals, 0);
        assertTrue(span / spacing <= intervals + 1e-9, span + " in " + intervals + ": " + spacing);
        assertTrue(span / spacing > intervals / 2.5 - 1e-9, span + " in " + intervals + " is too coarse: " + spacing);
      }
    }
  }

  @Test
  void noIntervalsIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ticks.spacing(0, 1, 0, 0));
    assertEquals("intervals must be at least 1: 0", e.getMessage());
  }

  /**
   * XChart turns {@code span / pixels × hint} into 1, 2 or 5 times a power of ten (0.75 to 1.5 →
   * 1, to 3.5 → 2, to 7.5 → 5): the hint must give the spacing chosen even when the plot is a third
   * narrower or wider than estimated.
   */
  @Test
  void theHintMakesXChartChooseTheSpacingWithinAThirdOfThePlotsSize() {
    for (double spacing : new double[] {1, 2, 5, 10, 20, 50, 200, 1000, 20000, 1e-4, 2e-5, 5e-3}) {
      double span = spacing * 4.3;
      int hint = AxisTicks.hint(spacing, span, 800);
      for (double pixels : new double[] {800 / 1.33, 800, 800 * 1.33}) {
        assertEquals(spacing, xchartSpacing(span / pixels * hint), spacing * 1e-9, spacing + " at " + pixels + " pixels");
      }
    }
  }

  /** XChart 3.8's rounding of a spacing hint (AxisTickCalculator_.calculate). */
  private static double xchartSpacing(double significand) {
    int exponent = (int) Math.floor(Math.log10(significand));
    double s = significand / Math.pow(10, exponent);
    double grid = s > 7.5 ? 10 : s > 3.5 ? 5 : s > 1.5 ? 2 : 1;
    return grid * Math.pow(10, exponent);
  }
}
