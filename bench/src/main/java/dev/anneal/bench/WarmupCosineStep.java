package dev.anneal.bench;

import ai.djl.training.tracker.Tracker;
import dev.anneal.schedule.Schedule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step's value of {@link WarmupCosine}, four ways: the generated stepper ({@code
 * next()}), the generated {@code valueAt}, the interpreted schedule from the fluent builder, and
 * DJL's {@code WarmUpTracker} around {@code CosineTracker}. Steps run in order from 0 to the end of
 * the schedule and start again, as consecutive training runs would, so every phase is weighted by
 * its length. A new stepper per run is the only allocation: one object per 100,000 steps. {@link
 * #cosineFloor()} is the cost of the cosine arithmetic alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class WarmupCosineStep {
  private static final int END = Curves.HUNDRED_THOUSAND;

  private final WarmupCosineSchedule generated = WarmupCosineSchedule.SCHEDULE;
  private final Schedule interpreted = Curves.warmupCosine();
  private final Tracker djl = Curves.djlWarmupCosine();
  private WarmupCosineSchedule.Stepper stepper = generated.stepper();
  private int step;

  private int nextStep() {
    int current = step;
    step = current + 1 == END ? 0 : current + 1;
    return current;
  }

  @Benchmark
  public double generatedStepper() {
    if (stepper.step() == END) {
      stepper = generated.stepper();
    }
    return stepper.next();
  }

  @Benchmark
  public double generatedValueAt() {
    return generated.valueAt(nextStep());
  }

  @Benchmark
  public double interpreted() {
    return interpreted.valueAt(nextStep());
  }

  /**
   * Not a way to evaluate the schedule: the cosine phase's arithmetic alone, its constants folded,
   * at the same steps. Any evaluation that is exact at a cosine step does at least this (one {@code
   * Math.cos}), so it is the floor under the other three.
   */
  @Benchmark
  public double cosineFloor() {
    return 3e-5 + (3e-4 - 3e-5) * (1 + Math.cos(Math.PI * ((double) nextStep() / 98_000))) / 2;
  }

  @Benchmark
  public float djlTrackers() {
    return djl.getNewValue(nextStep());
  }
}
