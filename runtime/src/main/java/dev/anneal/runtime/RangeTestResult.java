package dev.anneal.runtime;

import java.util.List;

/**
 * The curve an {@link LrRangeTest} measured and the learning rates it suggests.
 *
 * @param points every update of the test: its learning rate, the batch loss and the smoothed loss
 * @param stoppedEarly whether the test stopped because the loss diverged (or was not finite)
 * @param steepest the learning rate where the smoothed loss fell fastest against log(lr) (fastai's {@code steep})
 * @param minimumOverTen a tenth of the learning rate at the lowest smoothed loss (fastai's {@code minimum})
 * @param cycleMaxLr DeepSpeed's {@code cycle_max_lr} for a one-cycle run: the largest learning rate
 *     that still lowered the loss (the one at the lowest smoothed loss)
 * @param cycleMinLr DeepSpeed's {@code cycle_min_lr}: a tenth of {@code cycleMaxLr}
 */
public record RangeTestResult(
    List<Point> points, boolean stoppedEarly, double steepest, double minimumOverTen, double cycleMaxLr, double cycleMinLr) {

  public RangeTestResult {
    points = List.copyOf(points);
  }

  /**
   * One update of the range test.
   *
   * @param step the updates applied before it
   * @param lr the learning rate it used
   * @param loss the loss of its batch (before the update)
   * @param smoothedLoss the bias-corrected exponential moving average of the losses so far
   */
  public record Point(long step, double lr, double loss, double smoothedLoss) {}
}
