package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.builder.Schedules;
import dev.anneal.schedule.Schedule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plain SGD (no momentum, no weight decay) applies {@code w ← w − lr·g}, so the learning rate each
 * update really used can be read back from the parameters: {@code lr = (w_before − w_after) / g}.
 */
class SgdLearningRateTest {
  static final int STEPS = 300;

  /** Warm-up 0.01 → 0.1 over 30 steps, then cosine to 0.001 over 270. */
  static Schedule warmupCosine() {
    return Schedules.linear(0.01, 0.1).over(30).then().cosineTo(0.001).over(270).build();
  }

  @Test
  void everyUpdateUsesTheScheduleValueOfItsStep() {
    Schedule lr = warmupCosine();
    ScheduledTraining schedule = ScheduledTraining.of(lr);
    try (Model model = Tiny.model(Tiny.linear());
        Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      int compared = 0;
      for (int step = 0; step < STEPS; step++) {
        assertEquals(step, schedule.step());
        Map<String, float[]> before = Tiny.parameters(model);
        Tiny.backward(trainer, step);
        Map<String, float[]> gradients = Tiny.gradients(model);
        trainer.step();
        schedule.endStep();
        Map<String, float[]> after = Tiny.parameters(model);
        float expected = (float) lr.valueAt(step);
        for (String name : before.keySet()) {
          float[] w0 = before.get(name);
          float[] g = gradients.get(name);
          float[] w1 = after.get(name);
          for (int i = 0; i < w0.length; i++) {
            // The engine computes w − fl(lr·g) in float: predict it bit for bit ...
            assertEquals(w0[i] - expected * g[i], w1[i], 0f, name + "[" + i + "] at step " + step);
            // ... and read the learning rate back, within the rounding of the two float operations.
            if (g[i] != 0) {
              double recovered = ((double) w0[i] - w1[i]) / g[i];
              double bound = (Math.ulp(w0[i]) + Math.ulp(w1[i])) / Math.abs(g[i]) + Math.ulp(expected);
              assertTrue(Math.abs(recovered - lr.valueAt(step)) <= bound,
                  () -> name + " at step: recovered " + recovered + " vs " + expected);
              compared++;
            }
          }
        }
      }
      assertEquals(STEPS, schedule.step());
      assertTrue(compared >= STEPS * 8, "compared " + compared);
    }
  }
}
