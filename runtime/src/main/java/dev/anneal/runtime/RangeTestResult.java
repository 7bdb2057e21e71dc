package dev.anneal.runtime;

import java.util.List;
import java.util.Optional;

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

  /** The learning rate at the lowest smoothed loss, the curve trimmed as for the other suggestions. */
  public double lowestLossLr() {
    return cycleMaxLr;
  }

  /**
   * How far above its lowest the smoothed loss must stay for the loss to have started to diverge:
   * 10% above it. The batch losses are noisy, so the smoothed loss wanders a little above its
   * lowest before it climbs for good; the test stops once it exceeds 4 times its best.
   */
  public static final double DIVERGENCE_RISE = 0.1;

  /**
   * Where the loss started to diverge, or empty if it did not within the test. Over the usable
   * updates (finite, measured before the update that stopped the test), the loss started to
   * diverge at the first update after the lowest smoothed loss from which every smoothed loss is
   * more than {@link #DIVERGENCE_RISE} (10%) above that lowest, never coming back within it; the
   * update before it is the last one before divergence. Where no usable update is, but the test
   * stopped because the loss diverged (a loss not finite, or a smoothed loss above 4 times its best),
   * the divergence starts at the update that stopped the test and the last usable update is the
   * last one before it. A test that ran all its updates with the loss still within 10% of its
   * lowest at the end saw no divergence.
   */
  public Optional<Divergence> divergence() {
    int usable = 0;
    int last = stoppedEarly ? points.size() - 1 : points.size();
    while (usable < last && Double.isFinite(points.get(usable).loss()) && Double.isFinite(points.get(usable).smoothedLoss())) {
      usable++;
    }
    int lowest = 0;
    for (int i = 1; i < usable; i++) {
      if (points.get(i).smoothedLoss() < points.get(lowest).smoothedLoss()) {
        lowest = i;
      }
    }
    double best = points.get(lowest).smoothedLoss();
    double threshold = best + DIVERGENCE_RISE * Math.abs(best); // a loss may be negative: 10% of its size above it
    int first = usable;
    while (first > lowest + 1 && points.get(first - 1).smoothedLoss() > threshold) {
      first--;
    }
    if (first == usable && !stoppedEarly) {
      return Optional.empty();
    }
    return Optional.of(new Divergence(points.get(first - 1), points.get(first)));
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

  /**
   * Where the loss started to diverge; see {@link RangeTestResult#divergence()}.
   *
   * @param lastBefore the last update before the divergence, the lowest point of the final climb
   * @param first the first update of the divergence, the one right after {@code lastBefore}
   */
  public record Divergence(Point lastBefore, Point first) {}
}
