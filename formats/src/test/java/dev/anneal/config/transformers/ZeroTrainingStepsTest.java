package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.Configs.assertErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.schedule.Schedule;
import org.junit.jupiter.api.Test;

/**
 * {@code num_training_steps} 0, a run of no steps that upstream's functions run anyway: each divides
 * by {@code max(1, num_training_steps - num_warmup_steps)}, so the schedule is the one of a warm-up
 * not shorter than the run. The polynomial decay alone divides by the bare difference and raises
 * {@code ZeroDivisionError}. Expected values: upstream's lambdas (transformers 005edacb) by hand.
 */
class ZeroTrainingStepsTest {
  private static Schedule lr(String function, long warmup) {
    return Configs.read("{'learning_rate': 1.0, 'function': '" + function + "', 'kwargs': {'num_warmup_steps': " + warmup
        + ", 'num_training_steps': 0}}").plan().lr();
  }

  @Test
  void theLinearDecayIsZeroAtOnce() {
    // max(0.0, (0 - step) / max(1, 0 - 0)) = 0 from the first step.
    Schedule lr = lr("get_linear_schedule_with_warmup", 0);
    assertEquals(0.0, lr.valueAt(0));
    assertEquals(0.0, lr.valueAt(7));
  }

  @Test
  void theCosineFlipsBetweenThePeakAndZero() {
    // progress = step / max(1, 0): 0.5 * (1 + cos(π * step)) is 1, 0, 1, 0, ...
    Schedule lr = lr("get_cosine_schedule_with_warmup", 0);
    assertEquals(1.0, lr.valueAt(0));
    assertEquals(0.0, lr.valueAt(1), 1e-16);
    assertEquals(1.0, lr.valueAt(2));
  }

  @Test
  void aWarmupRunsOnThenTheDecayIsOver() {
    Schedule lr = lr("get_linear_schedule_with_warmup", 4);
    assertEquals(0.75, lr.valueAt(3));
    assertEquals(0.0, lr.valueAt(4));
  }

  @Test
  void thePolynomialDecayDividesByZeroAsUpstreamDoes() {
    assertErrors("{'learning_rate': 1.0, 'function': 'get_polynomial_decay_schedule_with_warmup', 'kwargs': {'num_warmup_steps': 0,"
            + " 'num_training_steps': 0}}",
        "[PolynomialWithoutDecay] kwargs.num_warmup_steps: num_warmup_steps equals num_training_steps (0): the polynomial decay would"
            + " divide by num_training_steps - num_warmup_steps = 0 at step 0 (upstream raises ZeroDivisionError); make"
            + " num_training_steps larger");
  }
}
