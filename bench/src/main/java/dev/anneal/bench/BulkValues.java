package dev.anneal.bench;

import ai.djl.training.tracker.Tracker;
import dev.anneal.schedule.Schedule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every value of a ten-million-step schedule ({@link LongWarmupCosine}), as a plot or a check
 * needs them: {@code Schedule.values(0, n)} into an array, a loop over the interpreted and the
 * generated {@code valueAt}, the generated stepper, and DJL's trackers. Scores are per step
 * ({@code @OperationsPerInvocation}); steps per second = 10^9 / score.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(Curves.TEN_MILLION)
public class BulkValues {
  private static final int COUNT = Curves.TEN_MILLION;

  private final Schedule interpreted = Curves.longWarmupCosine();
  private final LongWarmupCosineSchedule generated = LongWarmupCosineSchedule.SCHEDULE;
  private final Tracker djl = Curves.djlLongWarmupCosine();

  @Benchmark
  public double[] interpretedValuesArray() {
    return interpreted.values(0, COUNT);
  }

  @Benchmark
  public double interpretedLoop() {
    double sum = 0;
    for (int step = 0; step < COUNT; step++) {
      sum += interpreted.valueAt(step);
    }
    return sum;
  }

  @Benchmark
  public double[] generatedValuesArray() {
    return generated.values(0, COUNT);
  }

  @Benchmark
  public double generatedStepperLoop() {
    LongWarmupCosineSchedule.Stepper stepper = generated.stepper();
    double sum = 0;
    for (int step = 0; step < COUNT; step++) {
      sum += stepper.next();
    }
    return sum;
  }

  @Benchmark
  public double djlTrackersLoop() {
    double sum = 0;
    for (int step = 0; step < COUNT; step++) {
      sum += djl.getNewValue(step);
    }
    return sum;
  }
}
