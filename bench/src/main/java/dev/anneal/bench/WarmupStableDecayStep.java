package dev.anneal.bench;

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
 * One training step's value of the four-phase {@link WarmupStableDecay}: the generated stepper, the
 * generated {@code valueAt} and the interpreted schedule from the fluent builder (no DJL tracker
 * expresses it). Steps run in order through the whole schedule, as in {@link WarmupCosineStep}.
 * {@link #harness()} is the cost of the measuring loop alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class WarmupStableDecayStep {
  private static final int END = Curves.HUNDRED_THOUSAND;

  private final WarmupStableDecaySchedule generated = WarmupStableDecaySchedule.SCHEDULE;
  private final Schedule interpreted = Curves.warmupStableDecay();
  private WarmupStableDecaySchedule.Stepper stepper = generated.stepper();
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
   * Not a way to evaluate the schedule: the step counter alone, returned as the value. What JMH's
   * loop and this class's step counter cost, which every score here includes.
   */
  @Benchmark
  public double harness() {
    return nextStep();
  }
}
