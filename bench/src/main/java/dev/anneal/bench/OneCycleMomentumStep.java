package dev.anneal.bench;

import dev.anneal.schedule.Plan;
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
 * One training step of {@link OneCycleMomentum}: both values, learning rate and momentum, the
 * generated steppers, the generated {@code valueAt} and the interpreted plan from the fluent
 * builder (DJL cannot express it). Steps run in order through the plan's 10,000 steps and again.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class OneCycleMomentumStep {
  private static final int END = Curves.ONE_CYCLE_END;

  private final OneCycleMomentumPlan.Lr generatedLr = OneCycleMomentumPlan.Lr.SCHEDULE;
  private final OneCycleMomentumPlan.Momentum generatedMomentum = OneCycleMomentumPlan.Momentum.SCHEDULE;
  private final Schedule interpretedLr;
  private final Schedule interpretedMomentum;
  private OneCycleMomentumPlan.Lr.Stepper lrStepper = generatedLr.stepper();
  private OneCycleMomentumPlan.Momentum.Stepper momentumStepper = generatedMomentum.stepper();
  private int step;

  public OneCycleMomentumStep() {
    Plan plan = Curves.oneCycleMomentum();
    interpretedLr = plan.lr();
    interpretedMomentum = plan.channel(Plan.MOMENTUM);
  }

  private int nextStep() {
    int current = step;
    step = current + 1 == END ? 0 : current + 1;
    return current;
  }

  @Benchmark
  public double generatedStepper() {
    if (lrStepper.step() == END) {
      lrStepper = generatedLr.stepper();
      momentumStepper = generatedMomentum.stepper();
    }
    return lrStepper.next() + momentumStepper.next();
  }

  @Benchmark
  public double generatedValueAt() {
    int at = nextStep();
    return generatedLr.valueAt(at) + generatedMomentum.valueAt(at);
  }

  @Benchmark
  public double interpreted() {
    int at = nextStep();
    return interpretedLr.valueAt(at) + interpretedMomentum.valueAt(at);
  }
}
