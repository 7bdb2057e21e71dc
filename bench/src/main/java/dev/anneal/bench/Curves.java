package dev.anneal.bench;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import dev.anneal.builder.Schedules;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;

/**
 * The benchmarked schedules as a user builds them without the processor (the fluent builder, whose
 * {@code Sequence} the model interprets) and, where DJL has trackers for the curve, as DJL's
 * trackers. Each equals its annotated twin ({@link WarmupCosine}, {@link WarmupStableDecay},
 * {@link OneCycleMomentum}, {@link LongWarmupCosine}); {@code CurvesTest} checks it at every step.
 */
public final class Curves {
  /** The declared end of {@link WarmupCosine} and {@link WarmupStableDecay}. */
  public static final int HUNDRED_THOUSAND = 100_000;
  /** The declared end of {@link OneCycleMomentum}. */
  public static final int ONE_CYCLE_END = 10_000;
  /** The declared end of {@link LongWarmupCosine}, and the count of the bulk benchmark. */
  public static final int TEN_MILLION = 10_000_000;

  private static final int WARMUP_STEPS = 2_000;
  private static final int COSINE_STEPS = 98_000;
  private static final float WARMUP_FROM = 3e-6f;
  private static final float PEAK = 3e-4f;
  private static final float FLOOR = 3e-5f;

  private Curves() {}

  /** {@link WarmupCosine} from the fluent builder. */
  public static Schedule warmupCosine() {
    return Schedules.linear(3e-6, 3e-4).over(WARMUP_STEPS).then().cosineTo(3e-5).over(COSINE_STEPS).build();
  }

  /**
   * {@link WarmupCosine} as DJL's trackers: {@code getNewValue(n)} is the schedule's value at step
   * {@code n} to float precision (DJL computes in float, Anneal in double and rounds once). The
   * final value is set explicitly: {@code CosineTracker} otherwise ends at a hidden 0.01.
   */
  public static Tracker djlWarmupCosine() {
    Tracker cosine = CosineTracker.builder().setBaseValue(PEAK).optFinalValue(FLOOR).setMaxUpdates(COSINE_STEPS).build();
    return WarmUpTracker.builder()
        .setMainTracker(cosine)
        .optWarmUpBeginValue(WARMUP_FROM)
        .optWarmUpSteps(WARMUP_STEPS)
        .optWarmUpMode(WarmUpTracker.Mode.LINEAR)
        .build();
  }

  /** {@link WarmupStableDecay} from the fluent builder. */
  public static Schedule warmupStableDecay() {
    return Schedules.linear(6e-6, 6e-4).over(1_000)
        .then().constant().over(79_000)
        .then().oneMinusSqrtTo(6e-5).over(18_000)
        .then().constant().over(2_000)
        .build();
  }

  /** {@link OneCycleMomentum} from the fluent builder. */
  public static Plan oneCycleMomentum() {
    Schedule lr = Schedules.cosine(0.004, 0.1).over(3_000).then().cosineTo(4e-7).over(7_000).build();
    Schedule momentum = Schedules.cosine(0.95, 0.85).over(3_000).then().cosineTo(0.95).over(7_000).build();
    return Plan.of(lr).with(Plan.MOMENTUM, momentum);
  }

  /** {@link LongWarmupCosine} from the fluent builder. */
  public static Schedule longWarmupCosine() {
    return Schedules.linear(3e-6, 3e-4).over(100_000).then().cosineTo(3e-5).over(9_900_000).build();
  }

  /** {@link LongWarmupCosine} as DJL's trackers, as {@link #djlWarmupCosine()}. */
  public static Tracker djlLongWarmupCosine() {
    Tracker cosine = CosineTracker.builder().setBaseValue(PEAK).optFinalValue(FLOOR).setMaxUpdates(9_900_000).build();
    return WarmUpTracker.builder()
        .setMainTracker(cosine)
        .optWarmUpBeginValue(WARMUP_FROM)
        .optWarmUpSteps(100_000)
        .optWarmUpMode(WarmUpTracker.Mode.LINEAR)
        .build();
  }
}
