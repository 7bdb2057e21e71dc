package dev.anneal.bench;

import static dev.anneal.geometry.Unit.EPOCHS;
import static dev.anneal.geometry.Unit.TOKENS;

import dev.anneal.builder.Schedules;
import dev.anneal.geometry.MegatronBatchSteps;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Schedule;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Unit resolution is paid once, when a schedule is built, never per step: a plan written in tokens
 * (with a batch ramp) or in epochs costs per update what the same plan written in updates costs.
 *
 * <ul>
 *   <li>{@link #tokensPlan()}: GPT-3 175B's learning rate, warm-up over 375M tokens, cosine to 10 %
 *       ending at 260B tokens, then constant, built against a geometry of 2,048-token sequences and
 *       Megatron's batch steps 16 → 1,536 over 12B tokens ({@code examples/gpt3-175b-tokens.json});
 *       {@link #updatesPlan()}: the same phases with the update counts the first resolved;
 *   <li>{@link #epochPlan()}: ResNet-50's step decay written in epochs (0.1, × 0.1 every 30 epochs,
 *       for 90) stepped per epoch of 45 updates; {@link #updatesStepPlan()}: a step decay every
 *       1,350 updates over 4,050, stepped per update: the same values;
 *   <li>{@link #clockedTokensPlan()}: the same phases on the token clock ({@code "clock": "tokens"},
 *       Megatron's way): each update is evaluated at the tokens consumed before it, a binary search
 *       over the batch schedule's stretches; its values differ from the others' inside the batch
 *       ramp (they are linear in tokens there), so it is compared for cost only;
 *   <li>{@link #resolveTokens()} and {@link #resolveEpochs()}: building the schedule from its
 *       units, the cost a step would pay if resolution were done per step;
 *   <li>{@link #harness()}: the measuring loop alone.
 * </ul>
 *
 * Steps run in order through 200,000 updates (into the tokens plan's cosine) or 4,050 (the whole
 * step decay) and again. The setup checks that each pair gives the same value at every step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class UnitResolutionStep {
  private static final int TOKENS_END = 200_000;
  private static final int EPOCHS_END = 4_050;
  private static final RunGeometry GPT3 = RunGeometry.builder()
      .sequenceLength(2048)
      .batchSchedule(MegatronBatchSteps.parse("batch_steps", "0:16 2.4B:320 4.8B:624 7.2B:928 9.6B:1232 12B:1536", 2048))
      .build();
  private static final RunGeometry IMAGENET = RunGeometry.ofUpdatesPerEpoch(45);

  private Schedule tokens;
  private Schedule clocked;
  private Schedule updates;
  private Schedule epochs;
  private Schedule updatesStep;
  private int step;
  private int epochStep;

  /** GPT-3's learning rate in tokens, resolved against {@link #GPT3}. */
  static Schedule gpt3InTokens() {
    return Schedules.linear(0, 6e-5).over(375, TOKENS.millions())
        .then().cosineTo(6e-6).over(259.625, TOKENS.billions())
        .then().constant(6e-6).forever()
        .build(GPT3);
  }

  /** GPT-3's learning rate on the token clock of {@link #GPT3}, as examples/gpt3-175b-tokens.json has it. */
  static Schedule gpt3OnTokenClock() {
    return Schedules.linear(0, 6e-5).over(375, TOKENS.millions())
        .then().cosineTo(6e-6).over(259.625, TOKENS.billions())
        .then().constant(6e-6).forever()
        .clockedIn(Clock.TOKENS).build(GPT3);
  }

  /** ResNet-50's step decay in epochs, stepped per epoch of {@link #IMAGENET}. */
  static Schedule resnetInEpochs() {
    return Schedules.stepDecay(0.1, 30, 0.1).over(90, EPOCHS).steppedPerEpoch().build(IMAGENET);
  }

  @Setup
  public void setUp() {
    tokens = gpt3InTokens();
    clocked = gpt3OnTokenClock();
    List<Phase> resolved = tokens.phases();
    updates = Schedules.linear(0, 6e-5).over(resolved.get(0).steps())
        .then().cosineTo(6e-6).over(resolved.get(1).steps())
        .then().constant(6e-6).forever()
        .build();
    epochs = resnetInEpochs();
    updatesStep = Schedules.stepDecay(0.1, 1_350, 0.1).over(EPOCHS_END).build();
    for (int s = 0; s < TOKENS_END; s++) {
      requireSame("tokens", s, tokens.valueAt(s), updates.valueAt(s));
    }
    for (int s = 0; s < EPOCHS_END; s++) {
      requireSame("epochs", s, epochs.valueAt(s), updatesStep.valueAt(s));
    }
  }

  private static void requireSame(String plan, int step, double inUnits, double inUpdates) {
    if (Double.doubleToLongBits(inUnits) != Double.doubleToLongBits(inUpdates)) {
      throw new IllegalStateException("the " + plan + " plan gives " + inUnits + " at update " + step + ", the same in updates " + inUpdates);
    }
  }

  private int nextStep() {
    int current = step;
    step = current + 1 == TOKENS_END ? 0 : current + 1;
    return current;
  }

  private int nextEpochStep() {
    int current = epochStep;
    epochStep = current + 1 == EPOCHS_END ? 0 : current + 1;
    return current;
  }

  @Benchmark
  public double tokensPlan() {
    return tokens.valueAt(nextStep());
  }

  @Benchmark
  public double clockedTokensPlan() {
    return clocked.valueAt(nextStep());
  }

  @Benchmark
  public double updatesPlan() {
    return updates.valueAt(nextStep());
  }

  @Benchmark
  public double epochPlan() {
    return epochs.valueAt(nextEpochStep());
  }

  @Benchmark
  public double updatesStepPlan() {
    return updatesStep.valueAt(nextEpochStep());
  }

  /** Not a per-step path: what resolving the tokens plan against its geometry costs, once. */
  @Benchmark
  public Schedule resolveTokens() {
    return gpt3InTokens();
  }

  /** Not a per-step path: what resolving the epochs plan against its geometry costs, once. */
  @Benchmark
  public Schedule resolveEpochs() {
    return resnetInEpochs();
  }

  /** Not a way to evaluate a schedule: the step counter alone, which every per-step score includes. */
  @Benchmark
  public double harness() {
    return nextStep();
  }
}
