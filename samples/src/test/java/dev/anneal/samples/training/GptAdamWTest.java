package dev.anneal.samples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.schedule.Plan;
import org.junit.jupiter.api.Test;

/** The GPT-style sample, run for a few hundred updates; expected values derived by hand. */
class GptAdamWTest {
  private static final long STEPS = 400;

  @Test
  void warmsUpDecaysWithCosineAndSparesBiasesAndNormsFromWeightDecay() {
    GptAdamW.Result result = GptAdamW.run(Samples.digits(), STEPS);
    Trace trace = result.trace();
    assertEquals(STEPS, trace.updates());
    for (int group = 0; group < 2; group++) {
      assertEquals(3e-5, trace.value(0, group, Plan.LR), 1e-18, "the warm-up starts at a hundredth of the peak");
      assertEquals((3e-5 + 3e-3) / 2, trace.value(20, group, Plan.LR), 1e-17, "half-way up the 40 warm-up steps");
      assertEquals(3e-3, trace.value(40, group, Plan.LR), 1e-18, "the peak, where the cosine starts");
      // half-way down the cosine of 360 steps: (peak + peak / 10) / 2
      assertEquals((3e-3 + 3e-4) / 2, trace.value(40 + 180, group, Plan.LR), 1e-17);
    }
    for (long step = 0; step < STEPS; step++) {
      assertEquals(0.1, trace.value(step, 0, Plan.WEIGHT_DECAY), "decay group at step " + step);
      assertEquals(0.0, trace.value(step, 1, Plan.WEIGHT_DECAY), "no_decay group at step " + step);
    }
    assertTrue(trace.meanLoss(20, true) < trace.meanLoss(20, false) / 4, "the loss fell: " + trace.meanLoss(20, false) + " -> " + trace.meanLoss(20, true));
    assertTrue(result.heldOutAccuracy() > 0.9, "held-out accuracy " + result.heldOutAccuracy());
  }

  @Test
  void mainRunsAndPrintsTheSummary() {
    String out = Samples.stdout(() -> GptAdamW.main(new String[] {"60"}));
    assertTrue(out.startsWith("step     0  lr 3.000e-05  weight decay: decay 0.10, no_decay 0.00\n"), out);
  }
}
