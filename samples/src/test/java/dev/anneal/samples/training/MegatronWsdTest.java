package dev.anneal.samples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Imported;
import dev.anneal.schedule.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Megatron WSD launch replayed on DJL. Expected values by hand from Megatron's {@code
 * OptimizerParamScheduler} for the flags of {@code training/megatron-wsd.sh}: warm-up {@code 3e-3 *
 * i / 40}; the peak up to iteration 300; then {@code 3e-5 + (1 - sqrt((i - 300) / 100)) * (3e-3 -
 * 3e-5)}; weight decay {@code 0.01 + 0.045 * (cos(pi * (1 - i / 400)) + 1)}.
 */
class MegatronWsdTest {
  private static final Imported IMPORTED = MegatronWsd.read(ConfigFiles.text(new String[0], MegatronWsd.FLAGS));
  private static final Trace TRACE = MegatronWsd.run(Samples.digits(), IMPORTED.plan(), 400);

  @Test
  void theFlagsAreReadWithMegatronsOwnWarningAndANoteOnTheOtherFlags() {
    assertEquals(
        List.of("[IgnoredSetting] --num-layers, --hidden-size, --bf16: ignored: not schedule settings (Megatron-LM's transformer configuration"
                + " flags)",
            "[FirstUpdateAtZero] --lr-warmup-init: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing"),
        IMPORTED.warnings().stream().map(Object::toString).toList());
  }

  @Test
  void everyUpdateAppliesMegatronsLearningRate() {
    assertEquals(0.0, TRACE.value(0, 0, Plan.LR));
    assertEquals(1.5e-3, TRACE.value(20, 0, Plan.LR), 1e-18);
    assertEquals(3e-3, TRACE.value(40, 0, Plan.LR));
    assertEquals(3e-3, TRACE.value(300, 0, Plan.LR), "the last iteration of the stable phase");
    assertEquals(3e-5 + 0.5 * (3e-3 - 3e-5), TRACE.value(325, 0, Plan.LR), 1e-17, "a quarter into the cool-down: 1 - sqrt(1/4)");
    assertEquals(3e-5 + (1 - Math.sqrt(0.99)) * (3e-3 - 3e-5), TRACE.value(399, 0, Plan.LR), 1e-17);
  }

  @Test
  void weightDecayRisesOnTheWeightsAndBiasesHaveNone() {
    assertEquals(0.01, TRACE.value(0, 0, Plan.WEIGHT_DECAY), 1e-17);
    assertEquals(0.055, TRACE.value(200, 0, Plan.WEIGHT_DECAY), 1e-17);
    assertEquals(0.01 + 0.045 * (Math.cos(Math.PI * (1 - 300 / 400.0)) + 1), TRACE.value(300, 0, Plan.WEIGHT_DECAY), 1e-16);
    for (long step = 0; step < 400; step++) {
      assertEquals(TRACE.value(step, 0, Plan.LR), TRACE.value(step, 1, Plan.LR), "one learning rate for both groups at " + step);
      assertEquals(0.0, TRACE.value(step, 1, Plan.WEIGHT_DECAY), "biases at " + step);
    }
    assertTrue(TRACE.meanLoss(20, true) < TRACE.meanLoss(20, false) / 4, "the loss fell");
  }

  @Test
  void mainPrintsTheNoteTheWarningAndTheCurve() {
    String out = Samples.stdout(() -> MegatronWsd.main(new String[0]));
    assertTrue(out.startsWith("note: [IgnoredSetting] --num-layers, --hidden-size, --bf16: ignored: not schedule settings (Megatron-LM's"
        + " transformer configuration flags)\nnote: [FirstUpdateAtZero] --lr-warmup-init: "), out);
    assertTrue(out.contains("iteration 350  lr 8.9989e-04  weight decay 0.0966\n"), out);
  }
}
