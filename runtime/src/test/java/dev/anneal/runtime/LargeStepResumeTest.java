package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.builder.Schedules;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Past 2^31 updates DJL's {@code int} update counter wraps to negative numbers; Anneal's own step
 * is a {@code long}. A run resumed at step 2^31 − 2 (its checkpoint rewritten to say so) applies the
 * schedule's values at 2^31 − 2, 2^31 − 1, 2^31 and 2^31 + 1 — across the boundary of a phase that
 * starts at 2^31 — and its step counts on past it.
 */
class LargeStepResumeTest {
  static final long START = (1L << 31) - 2;

  @Test
  void aRunPast2To31UpdatesAppliesTheValuesOfItsSteps(@TempDir Path dir) throws Exception {
    Schedule lr = Schedules.constant(0.02).over(1L << 31).then().linearTo(0.01).over(1L << 31).build();
    Plan plan = Plan.of(lr);
    ScheduledTraining first = ScheduledTraining.of(plan);
    Path params;
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(first).build(), first)) {
      Tiny.setParameters(model);
      Tiny.step(trainer, first, 0);
      params = Checkpoints.save(trainer, first, dir, "tiny");
    }
    Sidecar.Content saved = Sidecar.read(params, Sidecar.sha256(Files.readAllBytes(params)));
    Sidecar.write(params, new Sidecar.Content(saved.paramsFile(), saved.paramsSha256(), START, saved.parameterShapes(), saved.groups(),
        saved.optimizerKind(), saved.optimizerState()));

    ScheduledTraining resumed = ScheduledTraining.of(plan);
    try (Model model = Tiny.model(Tiny.linear())) {
      Checkpoints.restore(model, resumed, params, ResumePolicy.FAIL_ON_DIFFERENCE);
      assertEquals(START, resumed.step());
      try (Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(resumed).build(), resumed)) {
        for (int b = 0; b < 4; b++) {
          long step = START + b;
          StepValues next = resumed.nextValues();
          assertEquals(step, next.step());
          assertEquals((float) lr.valueAt(step), next.applied(0, Plan.LR), "the learning rate of update " + (step + 1));
          Tiny.step(trainer, resumed, b);
        }
      }
    }
    assertEquals(START + 4, resumed.step());
    // Hand-derived: 0.02 up to step 2^31 - 1, then 0.02 + (0.01 - 0.02) * t / 2^31 from t = 0.
    assertEquals(0.02, lr.valueAt(START + 1));
    assertEquals(0.02, lr.valueAt(START + 2));
    assertEquals(0.02 - 0.01 * 0x1p-31, lr.valueAt(START + 3));
  }
}
