package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.Configs.assertWarnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Imported;
import dev.anneal.schedule.Schedule;
import org.junit.jupiter.api.Test;

/**
 * {@code get_wsd_schedule} with {@code num_training_steps} shorter than warm-up plus decay: upstream
 * computes {@code num_stable_steps = num_training_steps - num_warmup_steps - num_decay_steps}, a
 * negative number, and its lambda runs on: the stable branch is never taken, and the decay's
 * progress {@code (step - num_warmup_steps - num_stable_steps) / num_decay_steps} is already past 0
 * when the warm-up ends. The expected values below are upstream's {@code _get_wsd_scheduler_lambda}
 * (transformers 005edacb, optimization.py) worked by hand for these arguments.
 */
class WsdNegativeStableTest {
  private static final String WARNING = "[StablePhaseNegative] max_steps: max_steps (100) is less than num_warmup_steps +"
      + " num_decay_steps (10 + 95): the stable phase lasts -5 steps, so transformers runs none and starts the decay part-way"
      + " through (or, where the warm-up reaches num_training_steps, goes straight to min_lr_ratio); raise num_training_steps or"
      + " shorten the warm-up or the decay";

  private static Imported read(String decayType, double cycles) {
    return assertWarnings("{'learning_rate': 1.0, 'lr_scheduler_type': 'warmup_stable_decay', 'warmup_steps': 10, 'max_steps': 100,"
        + " 'lr_scheduler_kwargs': {'num_decay_steps': 95, 'decay_type': '" + decayType + "', 'min_lr_ratio': 0.1, 'num_cycles': "
        + cycles + "}}", WARNING);
  }

  @Test
  void theCosineDecayStartsFiveStepsIn() {
    Schedule lr = read("cosine", 0.5).plan().lr();
    assertEquals(0.9 * (1.0 - 0.1) + 0.1, lr.valueAt(9)); // the linear warm-up, progress 9 / 10
    for (long step = 10; step < 100; step++) {
      double progress = (double) (step - 10 + 5) / 95;
      double factor = 0.5 * (1.0 + Math.cos(Math.PI * 0.5 * 2.0 * progress));
      assertEquals(factor * (1.0 - 0.1) + 0.1, lr.valueAt(step), "step " + step);
    }
    assertEquals(0.1, lr.valueAt(100));
    assertEquals(0.1, lr.valueAt(5000));
  }

  @Test
  void theLinearAndSquareRootDecaysToo() {
    Schedule linear = read("linear", 0.5).plan().lr();
    Schedule sqrt = read("1-sqrt", 0.5).plan().lr();
    for (long step = 10; step < 100; step++) {
      double progress = (double) (step - 10 + 5) / 95;
      assertEquals((1.0 - progress) * (1.0 - 0.1) + 0.1, linear.valueAt(step), "linear, step " + step);
      assertEquals((1.0 - Math.sqrt(progress)) * (1.0 - 0.1) + 0.1, sqrt.valueAt(step), "1-sqrt, step " + step);
    }
  }

  @Test
  void aRunShorterThanTheWarmupSkipsTheDecayEntirely() {
    Schedule lr = assertWarnings("{'learning_rate': 1.0, 'function': 'get_wsd_schedule', 'kwargs': {'num_warmup_steps': 10,"
            + " 'num_decay_steps': 20, 'num_training_steps': 8}}",
        "[FirstUpdateAtZero] kwargs.num_warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts at"
            + " min_lr_ratio = 0); it changes nothing",
        "[StablePhaseNegative] kwargs.num_training_steps: num_training_steps (8) is less than num_warmup_steps + num_decay_steps"
            + " (10 + 20): the stable phase lasts -22 steps, so transformers runs none and starts the decay part-way through (or,"
            + " where the warm-up reaches num_training_steps, goes straight to min_lr_ratio); raise num_training_steps or shorten"
            + " the warm-up or the decay").plan().lr();
    assertEquals(0.9, lr.valueAt(9));
    assertEquals(0.0, lr.valueAt(10), "min_lr_ratio 0 right after the warm-up");
  }

  @Test
  void aCosineOfOtherThanHalfAPeriodStartsPartWayToo() {
    // Once refused (no shape drew it); upstream runs it, and Anneal draws its curve: a cosine read 5 steps ahead, its
    // count scaled to the shorter phase, so the angle may differ in the last bit (the golden tolerance).
    Schedule lr = read("cosine", 1.0).plan().lr();
    for (long step = 10; step < 100; step++) {
      double progress = (double) (step - 10 + 5) / 95;
      double factor = 0.5 * (1.0 + Math.cos(Math.PI * 1.0 * 2.0 * progress));
      double expected = factor * (1.0 - 0.1) + 0.1;
      assertEquals(expected, lr.valueAt(step), Math.max(1e-12, 1e-9 * Math.abs(expected)), "step " + step);
    }
    assertEquals(0.1, lr.valueAt(100));
  }
}
