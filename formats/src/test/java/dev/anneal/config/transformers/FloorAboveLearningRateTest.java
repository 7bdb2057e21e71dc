package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.Configs.assertWarnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.schedule.Schedule;
import org.junit.jupiter.api.Test;

/**
 * A floor above the peak, which upstream runs: {@code factor * (1 - floor) + floor} climbs as the
 * factor falls. Anneal draws that climb and warns ({@code FloorAboveLearningRate}).
 */
class FloorAboveLearningRateTest {
  @Test
  void aMinLrAboveTheLearningRateClimbs() {
    Schedule lr = assertWarnings("{'learning_rate': 1.0, 'function': 'get_cosine_with_min_lr_schedule_with_warmup', 'kwargs':"
            + " {'num_warmup_steps': 0, 'num_training_steps': 100, 'min_lr': 2.0}}",
        "[FloorAboveLearningRate] kwargs.min_lr: min_lr (2) puts the floor above the learning rate (2 times it): transformers"
            + " runs it, and the cosine rises to the floor instead of falling to it; use a floor below the learning rate",
        "[RisesPastEnd] kwargs.num_training_steps: past step 100 the cosine formula rises again (upstream behaviour); stop training"
            + " at the end or clamp with HOLD").plan().lr();
    assertEquals(1.0, lr.valueAt(0));
    // factor 0.5 * (1 + cos(π * 0.5 * 2 * 0.5)) = 0.5 at step 50: 0.5 * (1 - 2) + 2.
    assertEquals(0.5 * (1 - 2.0) + 2.0, lr.valueAt(50), 1e-15);
    assertEquals(2.0, lr.valueAt(100), 1e-15);
  }

  @Test
  void aWsdMinLrRatioAboveOneClimbsToIt() {
    Schedule lr = assertWarnings("{'learning_rate': 1.0, 'function': 'get_wsd_schedule', 'kwargs': {'num_warmup_steps': 0,"
            + " 'num_stable_steps': 2, 'num_decay_steps': 4, 'decay_type': 'linear', 'min_lr_ratio': 1.5}}",
        "[FloorAboveLearningRate] kwargs.min_lr_ratio: min_lr_ratio (1.5) puts the floor above the learning rate (1.5 times"
            + " it): transformers runs it, and the decay rises to the floor instead of falling to it; use a floor below the"
            + " learning rate")
        .plan().lr();
    assertEquals(1.0, lr.valueAt(1));
    assertEquals(0.5 * (1 - 1.5) + 1.5, lr.valueAt(4), 1e-15);
    assertEquals(1.5, lr.valueAt(6));
  }
}
