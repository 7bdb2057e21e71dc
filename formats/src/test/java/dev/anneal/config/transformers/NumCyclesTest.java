package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.Configs.assertErrors;
import static dev.anneal.config.transformers.Configs.assertWarnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.schedule.Schedule;
import org.junit.jupiter.api.Test;

/**
 * {@code num_cycles} of 0 or below, which upstream runs: its cosines compute {@code cos(π *
 * num_cycles * 2 * progress)}, which is 1 for 0 cycles (the peak held) and, cos being even and the
 * negated product exact, the curve of the positive count for a negative one. The expected values are
 * upstream's lambdas (transformers 005edacb, optimization.py) worked by hand.
 */
class NumCyclesTest {
  private static final String FIRST_UPDATE_AT_ZERO = "[FirstUpdateAtZero] kwargs.num_warmup_steps: the first update uses a learning"
      + " rate of 0 (the linear warm-up starts at 0); it changes nothing";

  private static String cosine(String function, String cycles, String extra) {
    return "{'learning_rate': 1.0, 'function': '" + function + "', 'kwargs': {'num_warmup_steps': 10, 'num_training_steps': 100,"
        + " 'num_cycles': " + cycles + extra + "}}";
  }

  @Test
  void zeroCyclesHoldThePeakAfterTheWarmup() {
    Schedule lr = assertWarnings(cosine("get_cosine_schedule_with_warmup", "0", ""),
        FIRST_UPDATE_AT_ZERO,
        "[NumCyclesZero] kwargs.num_cycles: num_cycles is 0, so the cosine's angle is 0 at every step: after the warm-up"
            + " transformers holds the learning rate at its peak for ever; for one decay from the peak to the floor use"
            + " num_cycles 0.5").plan().lr();
    assertEquals(0.5, lr.valueAt(5));
    assertEquals(1.0, lr.valueAt(10));
    assertEquals(1.0, lr.valueAt(100_000));
  }

  @Test
  void aNegativeCountDrawsThePositiveOnesCurve() {
    Schedule negative = assertWarnings(cosine("get_cosine_schedule_with_warmup", "-0.5", ""),
        FIRST_UPDATE_AT_ZERO,
        "[NumCyclesNegative] kwargs.num_cycles: num_cycles (-0.5) is negative: the cosine is even, so transformers draws the"
            + " curve of num_cycles 0.5; write 0.5",
        "[RisesPastEnd] kwargs.num_training_steps: past step 100 the cosine formula rises again (upstream behaviour); stop training"
            + " at the end or clamp with HOLD").plan().lr();
    Schedule positive = Configs.read(cosine("get_cosine_schedule_with_warmup", "0.5", "")).plan().lr();
    for (long step = 0; step < 300; step++) {
      assertEquals(positive.valueAt(step), negative.valueAt(step), "step " + step);
    }
  }

  @Test
  void theFloorVariantsHoldTheirFactorOfOne() {
    // factor 1.0 * (1 - min_lr_rate) + min_lr_rate
    Schedule minLr = Configs.read(cosine("get_cosine_with_min_lr_schedule_with_warmup", "0", ", 'min_lr_rate': 0.1")).plan().lr();
    assertEquals(1.0 * (1 - 0.1) + 0.1, minLr.valueAt(50));
    Schedule lrRate = Configs.read(cosine("get_cosine_with_min_lr_schedule_with_warmup_lr_rate", "0", ", 'min_lr_rate': 0.1"))
        .plan().lr();
    assertEquals(1.0 * (1 - 0.1) + 0.1, lrRate.valueAt(500));
  }

  @Test
  void hardRestartsWithZeroCyclesHoldThePeakUntilTheEnd() {
    Schedule lr = Configs.read(cosine("get_cosine_with_hard_restarts_schedule_with_warmup", "0", "")).plan().lr();
    assertEquals(1.0, lr.valueAt(99));
    assertEquals(0.0, lr.valueAt(100));
    // Python's (num_cycles * progress) % 1.0 is never negative: Anneal draws a negative count down to -1 (one rising
    // cycle, TransformersUpstreamRunsTest); below -1 it stays refused.
    assertErrors(cosine("get_cosine_with_hard_restarts_schedule_with_warmup", "-2", ""),
        "[HardRestartsNegativeCycles] kwargs.num_cycles: num_cycles (-2) is below -1: transformers runs it, and as Python's"
            + " modulo keeps (num_cycles * progress) mod 1 in [0, 1) each of its cycles rises from 0 towards the learning"
            + " rate and drops back, where a positive count decays and restarts; Anneal reproduces a negative count only"
            + " down to -1 (one rising cycle), so it refuses; use a positive num_cycles");
  }

  @Test
  void aWsdCosineDecayOfZeroCyclesHoldsThePeakThenDrops() {
    Schedule lr = Configs.read("{'learning_rate': 1.0, 'function': 'get_wsd_schedule', 'kwargs': {'num_warmup_steps': 0,"
        + " 'num_stable_steps': 5, 'num_decay_steps': 10, 'min_lr_ratio': 0.2, 'num_cycles': 0}}").plan().lr();
    assertEquals(1.0 * (1.0 - 0.2) + 0.2, lr.valueAt(10));
    assertEquals(0.2, lr.valueAt(15));
  }
}
