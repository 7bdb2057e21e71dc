package dev.anneal.cli;

import dev.anneal.runtime.RangeTestResult;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * DeepSpeed {@code OneCycle} bounds read off a range test by the rule its users follow: {@code
 * cycle_min_lr} a fraction (½) of the learning rate at the lowest loss, {@code cycle_max_lr} a
 * fraction (0.9) of the last learning rate before the loss started to diverge ({@link
 * RangeTestResult#divergence()}). Both are rounded to 3 significant digits: the rule is a rule of
 * thumb, and the printed bounds are then exactly those the written config holds.
 *
 * @param cycleMinLr {@code minFraction × lowestLossLr}, rounded
 * @param cycleMaxLr {@code maxFraction × lastLr}, rounded
 * @param lowestLossLr the learning rate at the lowest smoothed loss
 * @param lastLr the last learning rate before the loss started to diverge, or the last one tested
 *     when it never did
 * @param diverged whether the loss diverged within the test
 */
record OneCycleBounds(double cycleMinLr, double cycleMaxLr, double lowestLossLr, double lastLr, boolean diverged) {
  /** The significant digits the bounds keep. */
  static final int DIGITS = 3;

  /** The bounds of {@code result} with the fractions given. */
  static OneCycleBounds of(RangeTestResult result, double minFraction, double maxFraction) {
    var divergence = result.divergence();
    double lastLr = divergence.map(d -> d.lastBefore().lr()).orElse(result.points().get(result.points().size() - 1).lr());
    return new OneCycleBounds(round(minFraction * result.lowestLossLr()), round(maxFraction * lastLr), result.lowestLossLr(), lastLr,
        divergence.isPresent());
  }

  /** Whether DeepSpeed would run this cycle upside down. */
  boolean reversed() {
    return cycleMinLr > cycleMaxLr;
  }

  private static double round(double value) {
    return new BigDecimal(value).round(new MathContext(DIGITS)).doubleValue();
  }
}
