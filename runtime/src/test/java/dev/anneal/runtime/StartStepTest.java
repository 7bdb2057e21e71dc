package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import dev.anneal.builder.Schedules;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run begun at update N ({@link ScheduledTraining.Builder#optStartStep}) applies, update for
 * update, the values of the tail of a run begun at 0, and with the same parameters reaches the same
 * parameters bit for bit.
 */
class StartStepTest {
  /** Warm-up, then cosine, with weight decay ramping up; no momentum, so SGD keeps no state the late run lacks. */
  static final Plan PLAN = Plan.of(Schedules.linear(0.01, 0.1).over(10).then().cosineTo(0.001).over(30).build())
      .with(Plan.WEIGHT_DECAY, Schedules.linear(0.0, 0.05).over(40).build());
  static final int UPDATES = 40;
  /** Inside the cosine, so the first late update is neither a phase boundary nor the warm-up. */
  static final int START = 17;

  @Test
  void aRunBegunAtNAppliesTheTailOfTheRunBegunAtZero() throws Exception {
    ScheduledTraining whole = ScheduledTraining.of(PLAN);
    List<String> wholeValues = new ArrayList<>();
    Map<String, float[]> atStart = null;
    Map<String, float[]> wholeEnd;
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(whole).build(), whole)) {
      Tiny.setParameters(model);
      for (int b = 0; b < UPDATES; b++) {
        if (b == START) {
          atStart = Tiny.parameters(model);
        }
        wholeValues.add(describe(whole.nextValues()));
        Tiny.step(trainer, whole, b);
      }
      wholeEnd = Tiny.parameters(model);
    }

    ScheduledTraining late = ScheduledTraining.builder().setPlan(PLAN).optStartStep(START).build();
    assertEquals(START, late.step());
    List<String> lateValues = new ArrayList<>();
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(late).build(), late)) {
      setParameters(model, atStart);
      for (int b = START; b < UPDATES; b++) {
        lateValues.add(describe(late.nextValues()));
        Tiny.step(trainer, late, b);
      }
      assertEquals(UPDATES, late.step());
      Map<String, float[]> lateEnd = Tiny.parameters(model);
      for (Map.Entry<String, float[]> parameter : wholeEnd.entrySet()) {
        assertArrayEquals(parameter.getValue(), lateEnd.get(parameter.getKey()), parameter.getKey());
      }
    }
    assertEquals(wholeValues.subList(START, UPDATES), lateValues, "the values of every update, by step");
  }

  @Test
  void aLateAdamRunUsesTheValuesFromTheStartStepOn() throws Exception {
    ScheduledTraining late = ScheduledTraining.builder().setPlan(PLAN).optStartStep(START).build();
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledAdam.adamW(late).build(), late)) {
      Tiny.setParameters(model);
      assertEquals(describeAt(START), describe(late.nextValues()));
      Tiny.step(trainer, late, START);
      assertEquals(describeAt(START + 1), describe(late.nextValues()));
    }
  }

  @Test
  void aNegativeStartStepIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> ScheduledTraining.builder().optStartStep(-1));
    assertEquals("[NegativeStep] startStep: step -1 is negative; steps count the updates already applied, from 0", e.getMessage());
  }

  @Test
  void aRestoreBeforeTheFirstUpdateTakesTheCheckpointsStep(@TempDir Path dir) throws Exception {
    ScheduledTraining first = ScheduledTraining.of(PLAN);
    Path params;
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(first).build(), first)) {
      Tiny.setParameters(model);
      for (int b = 0; b < 5; b++) {
        Tiny.step(trainer, first, b);
      }
      params = Checkpoints.save(trainer, first, dir, "tiny");
    }
    ScheduledTraining late = ScheduledTraining.builder().setPlan(PLAN).optStartStep(START).build();
    Tiny.restore(late, params, ResumePolicy.FAIL_ON_DIFFERENCE);
    assertEquals(5, late.step());
  }

  @Test
  void aRestoreAfterAnUpdateOfALateRunCountsTheUpdatesItApplied(@TempDir Path dir) throws Exception {
    ScheduledTraining first = ScheduledTraining.of(PLAN);
    Path params;
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(first).build(), first)) {
      Tiny.setParameters(model);
      Tiny.step(trainer, first, 0);
      params = Checkpoints.save(trainer, first, dir, "tiny");
    }
    ScheduledTraining late = ScheduledTraining.builder().setPlan(PLAN).optStartStep(START).build();
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(late).build(), late)) {
      Tiny.setParameters(model);
      Tiny.step(trainer, late, START);
    }
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Tiny.restore(late, params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[RestoreAfterUpdate] step: restore a checkpoint before the first update; this schedule has already applied 1 updates",
        e.getMessage());
  }

  /** The step and every value, exactly (Java prints the shortest decimal that reads back to the same double). */
  private static String describe(StepValues values) {
    return values.step() + " " + values.groups() + " " + values.channels() + " " + Arrays.deepToString(values.values());
  }

  private static String describeAt(long step) {
    return describe(ScheduledTraining.builder().setPlan(PLAN).optStartStep(step).build().nextValues());
  }

  private static void setParameters(Model model, Map<String, float[]> values) {
    for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
      pair.getValue().getArray().set(values.get(pair.getKey()));
    }
  }
}
