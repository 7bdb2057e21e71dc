package dev.anneal.config.pytorch;

import static dev.anneal.config.pytorch.PyTorchFormatErrorsTest.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenCase;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The upstream quirks a preset reproduces come with a warning a user can see ({@code
 * Imported.warnings()}), and the curve shows the quirk. Expected values are hand-derived from
 * torch 1.13's code or taken from the golden data.
 */
class PyTorchWarningsTest {
  private static final String SGD = "{\"type\": \"SGD\", \"lr\": 0.1, \"momentum\": 0.9}";

  @Test
  void aRepeatedMilestoneAppliesTheFactorTwiceAndUnsortedMilestonesActAsASet() {
    Imported imported = read(SGD, "{\"type\": \"MultiStepLR\", \"kwargs\": {\"milestones\": [60, 30, 30], \"gamma\": 0.1}}");

    assertWarnings(imported,
        "[MilestonesUnsorted] scheduler.kwargs.milestones: milestones [60, 30, 30] are not in increasing order;"
            + " PyTorch counts them as a set, so they act as [30, 30, 60]",
        "[RepeatedMilestone] scheduler.kwargs.milestones[1]: milestone 30 is repeated 2 times, so the factor is applied 2 times"
            + " at once (PyTorch behaviour)");
    Schedule lr = imported.plan().lr();
    assertEquals(0.1, lr.valueAt(29), 1e-18);
    assertEquals(0.001, lr.valueAt(30), 1e-18); // 0.1 * 0.1^2 at once
    assertEquals(0.0001, lr.valueAt(60), 1e-18);
  }

  @Test
  void cosineAnnealingRisesAgainPastTMax() {
    Imported imported = read(SGD, "{\"type\": \"CosineAnnealingLR\", \"kwargs\": {\"T_max\": 100}}");

    assertWarnings(imported,
        "[RisesPastEnd] scheduler.kwargs.T_max: past step 100 the CosineAnnealingLR cosine formula rises again (upstream behaviour);"
            + " stop training at the end or clamp with HOLD");
    Schedule lr = imported.plan().lr();
    assertEquals(0.0, lr.valueAt(100), 1e-18);
    assertEquals(0.05, lr.valueAt(150), 1e-15); // (1 + cos(1.5π)) / 2 = 1/2
    assertEquals(0.1, lr.valueAt(200), 1e-15);
  }

  @Test
  void oneCycleBouncesBackAtTotalStepsAndRefusesTheStepAfter() {
    GoldenCase golden = GoldenCase.named("pytorch", "onecyclelr-one-step-past-total");
    Imported imported = withoutNotes(PyTorchParityTest.read(golden));

    assertWarnings(imported,
        "[BouncesPastTotal] scheduler.kwargs.total_steps: at step 100 (total_steps) PyTorch evaluates the cycle once past its end,"
            + " so the learning rate bounces back to " + Values.show(golden.lr()[100]) + "; one more scheduler.step() raises"
            + " ValueError upstream, so Anneal refuses steps after 100");
    Schedule lr = imported.plan().lr();
    assertEquals(golden.lr()[100], lr.valueAt(100));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> lr.valueAt(101));
    assertEquals("[StepBeyondEnd] step: step 101 is past the declared end (101); declare after-end HOLD or CONTINUE to go on", e.getMessage());
  }

  @Test
  void aLinearOneCycleWhoseBounceWouldBeNegativeEndsAtTotalSteps() {
    // Linear anneal 0.1 → 4e-7 over steps 29..99 (0.3 * 100 - 1 = 29); one step further is
    // 4e-7 + (4e-7 - 0.1) / 70, below 0.
    Imported imported = read(SGD,
        "{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1, \"epochs\": 10, \"steps_per_epoch\": 10, \"anneal_strategy\": \"linear\","
            + " \"cycle_momentum\": false}}");

    double bounce = 0.1 / 25 / 1e4 + (0.1 / 25 / 1e4 - 0.1) / 70;
    assertEquals(1, imported.warnings().size());
    Violation warning = imported.warnings().get(0);
    String shown = warning.message().replaceFirst(".*would be (\\S+); Anneal.*", "$1");
    assertEquals(bounce, Double.parseDouble(shown), 1e-15);
    assertEquals(
        "[InvalidBounce] scheduler.kwargs.epochs: at step 100 (epochs * steps_per_epoch) PyTorch evaluates the cycle once past"
            + " its end, where the learning rate would be " + shown + "; Anneal ends the plan before that step",
        warning.toString());
    // PyTorch's (end - start) * pct + start loses the last digits of the tiny end value to cancellation.
    assertEquals(0.1 / 25 / 1e4, imported.plan().lr().valueAt(99), 1e-17);
    assertThrows(InvalidScheduleException.class, () -> imported.plan().lr().valueAt(100));
  }

  @Test
  void aFirstUpdateAtZeroIsNamedAtTheArgumentThatCausesIt() {
    Imported cyclic = read(SGD,
        "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0, \"max_lr\": 0.01, \"step_size_up\": 10}}");
    Imported optimizer = read("{\"type\": \"SGD\", \"lr\": 0}", "{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 10}}");

    assertWarnings(cyclic, "[FirstUpdateAtZero] scheduler.kwargs.base_lr: the first update uses a learning rate of 0 (base_lr is 0); it changes nothing");
    assertWarnings(optimizer, "[FirstUpdateAtZero] optimizer.lr: the first update uses a learning rate of 0 (lr is 0); it changes nothing");
    assertEquals(0.001, cyclic.plan().lr().valueAt(1), 1e-18);
  }

  @Test
  void argumentsWithoutEffectAreNamed() {
    Imported imported = read(SGD,
        "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.001, \"max_lr\": 0.01, \"gamma\": 0.9, \"scale_mode\": \"iterations\","
            + " \"cycle_momentum\": false, \"base_momentum\": 0.85, \"verbose\": true}}");

    assertWarnings(imported,
        "[IgnoredArgument] scheduler.kwargs.scale_mode: scale_mode is ignored by CyclicLR without scale_fn (mode decides it);"
            + " remove it or pick a type that uses it",
        "[NoEffect] scheduler.kwargs.verbose: verbose has no effect in Anneal (it makes PyTorch print every change of the learning rate);"
            + " remove it",
        "[IgnoredArgument] scheduler.kwargs.gamma: gamma is ignored by CyclicLR in mode 'triangular'; remove it or pick a type that uses it",
        "[IgnoredArgument] scheduler.kwargs.base_momentum: base_momentum is ignored by CyclicLR with cycle_momentum false;"
            + " remove it or pick a type that uses it");
    assertEquals(Optional.empty(), imported.plan().findChannel(Plan.MOMENTUM));
  }

  @Test
  void oneCycleIgnoresEpochsWhenTotalStepsIsGiven() {
    Imported imported = read(SGD,
        "{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1, \"total_steps\": 100, \"epochs\": 5, \"steps_per_epoch\": 10}}");

    assertEquals(
        List.of(
            "[IgnoredArgument] scheduler.kwargs.epochs: epochs is ignored by OneCycleLR when total_steps is given; remove it or pick a type that uses it",
            "[IgnoredArgument] scheduler.kwargs.steps_per_epoch: steps_per_epoch is ignored by OneCycleLR when total_steps is given;"
                + " remove it or pick a type that uses it"),
        imported.warnings().subList(0, 2).stream().map(Violation::toString).toList());
    assertEquals(0.004, imported.plan().lr().valueAt(0), 1e-17); // max_lr / div_factor 25
  }

  @Test
  void zeroTotalItersFreezesTheFirstFactorOnItsOwn() {
    Imported constant = read(SGD, "{\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0.5, \"total_iters\": 0}}");
    Imported linear = read(SGD, "{\"type\": \"LinearLR\", \"kwargs\": {\"start_factor\": 0.25, \"total_iters\": 0}}");
    Imported polynomial = read(SGD, "{\"type\": \"PolynomialLR\", \"kwargs\": {\"total_iters\": 0}}");

    assertWarnings(constant,
        "[ZeroTotalIters] scheduler.kwargs.total_iters: total_iters is 0, so PyTorch 1.13 applies factor (0.5) at step 0 and never undoes it:"
            + " the learning rate stays at 0.05");
    assertWarnings(linear,
        "[ZeroTotalIters] scheduler.kwargs.total_iters: total_iters is 0, so PyTorch 1.13 applies start_factor (0.25) at step 0 and never"
            + " moves to end_factor: the learning rate stays at 0.025");
    assertWarnings(polynomial,
        "[ZeroTotalIters] scheduler.kwargs.total_iters: total_iters is 0, so PyTorch 1.13 never decays: the learning rate stays at 0.1");
    assertEquals(0.05, constant.plan().lr().valueAt(1_000));
    assertEquals(0.025, linear.plan().lr().valueAt(1_000));
    assertEquals(0.1, polynomial.plan().lr().valueAt(1_000));
  }

  @Test
  void zeroTotalItersInALaterSequentialMemberNeverAppliesTheFactor() {
    Imported imported = read(SGD,
        "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": [{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0.9}},"
            + " {\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0.5, \"total_iters\": 0}}], \"milestones\": [3]}}");

    assertWarnings(imported,
        "[ZeroTotalIters] scheduler.kwargs.schedulers[1].kwargs.total_iters: total_iters is 0, so PyTorch 1.13 never applies factor (0.5)"
            + " here: SequentialLR starts this scheduler by its closed form, which is the plain learning rate");
    Schedule lr = imported.plan().lr();
    assertEquals(0.081, lr.valueAt(2), 1e-16);
    assertEquals(0.1, lr.valueAt(3));
    assertEquals(0.1, lr.valueAt(1_000));
  }

  @Test
  void goldenCasesCarryTheWarningsOfTheirQuirks() {
    assertWarnings(withoutNotes(PyTorchParityTest.read(GoldenCase.named("pytorch", "sequentiallr-linear-cosine"))),
        "[RisesPastEnd] scheduler.kwargs.schedulers[1].kwargs.T_max: past step 900 the CosineAnnealingLR cosine formula rises again"
            + " (upstream behaviour); stop training at the end or clamp with HOLD");
    assertWarnings(withoutNotes(PyTorchParityTest.read(GoldenCase.named("pytorch", "steplr"))));
    assertWarnings(withoutNotes(PyTorchParityTest.read(GoldenCase.named("pytorch", "reducelronplateau-min"))));
  }

  /** The config read, without the notes naming the optimizer settings it ignores (IgnoredSettingsTest pins those). */
  private static Imported read(String optimizer, String scheduler) {
    return withoutNotes(Formats.byName("pytorch").read(config(optimizer, scheduler)));
  }

  private static Imported withoutNotes(Imported imported) {
    return new Imported(imported.format(), imported.plan(),
        imported.warnings().stream().filter(warning -> warning.code() != ConfigCode.IGNORED_SETTING).toList());
  }

  private static void assertWarnings(Imported imported, String... expected) {
    assertEquals(List.of(expected), imported.warnings().stream().map(Violation::toString).toList());
  }
}
