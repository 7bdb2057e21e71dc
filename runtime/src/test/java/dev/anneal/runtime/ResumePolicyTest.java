package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.builder.Schedules;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run saved after {@value #K} updates, resumed in a fresh model and trainer with an edited
 * schedule under each {@link ResumePolicy}, and trained to {@value #N} updates: the learning rates
 * the resumed updates applied (its CSV log) are those the policy promises, computed here from the
 * closed forms of the two schedules.
 *
 * <p>Saved: weights {@code lr} = linear 0.01 → 0.1 over 10 steps, then cosine 0.1 → 0.001 over 30;
 * biases half of it; momentum 0.9. Edited: the cosine goes to 0.0001 over 50 steps instead.
 */
class ResumePolicyTest {
  static final int K = 15;
  static final int N = 27;
  static final Schedule MOMENTUM = Schedules.constant(0.9).forever().build();
  static final Schedule SAVED = Schedules.linear(0.01, 0.1).over(10).then().cosineTo(0.001).over(30).build();
  static final Schedule EDITED = Schedules.linear(0.01, 0.1).over(10).then().cosineTo(0.0001).over(50).build();

  @TempDir Path dir;
  Path checkpoint;

  /** The saved schedule's learning rate for weights at {@code step} ≥ 10: cosine from 0.1 to 0.001 over 30 steps. */
  static double saved(long step) {
    return 0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * (step - 10) / 30)) / 2;
  }

  /** The edited schedule's learning rate for weights at {@code step} ≥ 10: cosine from 0.1 to 0.0001 over 50 steps. */
  static double edited(long step) {
    return 0.0001 + (0.1 - 0.0001) * (1 + Math.cos(Math.PI * (step - 10) / 50)) / 2;
  }

  static ScheduledTraining schedule(Schedule lr, Path log) {
    Plan plan = Plan.of(lr).with(Plan.MOMENTUM, MOMENTUM);
    return ScheduledTraining.builder()
        .addGroup(ParameterGroup.of("weights", "glob:*_weight", plan))
        .addGroup(ParameterGroup.scaled("biases", "glob:*_bias", plan, Map.of(Plan.LR, 0.5)))
        .optCsvLog(log)
        .build();
  }

  @BeforeEach
  void trainWithTheSavedScheduleAndSave() throws Exception {
    ScheduledTraining first = schedule(SAVED, dir.resolve("first.csv"));
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(first).build(), first)) {
      Tiny.setParameters(model);
      for (int b = 0; b < K; b++) {
        Tiny.step(trainer, first, b);
      }
      checkpoint = Checkpoints.save(trainer, first, dir.resolve("checkpoints"), "tiny");
    }
  }

  @Test
  void failOnDifferenceListsEveryDifferenceAndRestoresNothing() {
    ScheduledTraining second = schedule(EDITED, dir.resolve("second.csv"));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(second, checkpoint, ResumePolicy.FAIL_ON_DIFFERENCE));
    String fix = "; resume with policy USE_CHECKPOINT (Megatron's --use-checkpoint-opt_param-scheduler), USE_NEW"
        + " (--override-opt_param-scheduler), CONTINUE_FROM_CURRENT_VALUE or REFIT_TO_NEW_END (the checkpoint's plan fitted to this run's end)";
    assertEquals(String.join("\n",
        "[ScheduleChanged] groups.biases.lr.schedule.phases[1].steps: the schedule differs from the checkpoint's"
            + " (groups.biases.lr.schedule.phases[1].steps: checkpoint 30, now 50)" + fix,
        "[ScheduleChanged] groups.biases.lr.schedule.phases[1].to: the schedule differs from the checkpoint's"
            + " (groups.biases.lr.schedule.phases[1].to: checkpoint 0.001, now 1.0E-4)" + fix,
        "[ScheduleChanged] groups.weights.lr.phases[1].steps: the schedule differs from the checkpoint's"
            + " (groups.weights.lr.phases[1].steps: checkpoint 30, now 50)" + fix,
        "[ScheduleChanged] groups.weights.lr.phases[1].to: the schedule differs from the checkpoint's"
            + " (groups.weights.lr.phases[1].to: checkpoint 0.001, now 1.0E-4)" + fix),
        e.getMessage());
    assertEquals(0, second.step());
  }

  @Test
  void useCheckpointAppliesTheCheckpointsSchedule() throws Exception {
    ScheduledTraining second = schedule(EDITED, dir.resolve("second.csv"));
    resume(second, ResumePolicy.USE_CHECKPOINT);
    assertEquals(Plan.of(SAVED).with(Plan.MOMENTUM, MOMENTUM), second.groups().get(0).plan());
    assertApplied(dir.resolve("second.csv"), Map.of("weights", 1.0, "biases", 0.5), ResumePolicyTest::saved);
  }

  /** The checkpoint's groups too: a run rebuilt with one group for every parameter gets the saved two back. */
  @Test
  void useCheckpointRestoresTheCheckpointsGroups() throws Exception {
    ScheduledTraining second = ScheduledTraining.builder()
        .setPlan(Plan.of(EDITED).with(Plan.MOMENTUM, MOMENTUM))
        .optCsvLog(dir.resolve("second.csv"))
        .build();
    resume(second, ResumePolicy.USE_CHECKPOINT);
    assertEquals(List.of("weights", "biases"), second.groups().stream().map(ParameterGroup::name).toList());
    assertEquals(List.of("glob:*_weight", "glob:*_bias"), second.groups().stream().map(g -> g.selector().text()).toList());
    assertApplied(dir.resolve("second.csv"), Map.of("weights", 1.0, "biases", 0.5), ResumePolicyTest::saved);
  }

  @Test
  void useNewAppliesTheNewSchedule() throws Exception {
    ScheduledTraining second = schedule(EDITED, dir.resolve("second.csv"));
    resume(second, ResumePolicy.USE_NEW);
    assertApplied(dir.resolve("second.csv"), Map.of("weights", 1.0, "biases", 0.5), ResumePolicyTest::edited);
  }

  /** The edited schedule scaled by saved(K) / edited(K): the first resumed update uses the value the run had reached. */
  @Test
  void continueFromCurrentValueScalesTheNewScheduleToTheValueReached() throws Exception {
    ScheduledTraining second = schedule(EDITED, dir.resolve("second.csv"));
    resume(second, ResumePolicy.CONTINUE_FROM_CURRENT_VALUE);
    double scale = saved(K) / edited(K);
    assertApplied(dir.resolve("second.csv"), Map.of("weights", 1.0, "biases", 0.5), step -> scale * edited(step));
    assertEquals(String.valueOf((float) saved(K)), Files.readAllLines(dir.resolve("second.csv")).get(1).split(",")[3]);
  }

  /**
   * The checkpoint's schedule fitted from K to the edited schedule's end, 60: the rest of its
   * cosine (steps 15 to 40, 25 updates) becomes 45 updates, so the phase is a cosine 0.1 → 0.001
   * over 5 + 45 = 50 steps, mapped to start from saved(K) and still end on 0.001.
   */
  @Test
  void refitToNewEndContinuesTheCheckpointsDecayToTheNewEnd() throws Exception {
    ScheduledTraining second = schedule(EDITED, dir.resolve("second.csv"));
    resume(second, ResumePolicy.REFIT_TO_NEW_END);
    double ratio = (saved(K) - 0.001) / (cosineOver50(K) - 0.001);
    assertApplied(dir.resolve("second.csv"), Map.of("weights", 1.0, "biases", 0.5),
        step -> step == K ? saved(K) : 0.001 + (cosineOver50(step) - 0.001) * ratio);
    assertEquals(60, second.groups().get(0).plan().lr().declaredEnd().getAsLong());
    assertEquals(0.001, second.groups().get(0).plan().lr().valueAt(60));
    assertEquals(String.valueOf((float) saved(K)), Files.readAllLines(dir.resolve("second.csv")).get(1).split(",")[3]);
  }

  /** Cosine from 0.1 to 0.001 over 50 steps from step 10. */
  private static double cosineOver50(long step) {
    return 0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * (step - 10) / 50)) / 2;
  }

  /** Restores the checkpoint under {@code policy} into a fresh model, builds the trainer, trains to N. */
  private void resume(ScheduledTraining second, ResumePolicy policy) throws Exception {
    try (Model model = Tiny.model(Tiny.linear())) {
      Checkpoints.restore(model, second, checkpoint, policy);
      try (Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(second).build(), second)) {
        assertEquals(K, second.step());
        for (int b = K; b < N; b++) {
          Tiny.step(trainer, second, b);
        }
      }
    }
  }

  /**
   * Every row of the resumed run's log, steps K to N − 1: each group's learning rate is its factor
   * times {@code lr(step)}, rounded to float as the update applied it, and momentum 0.9.
   */
  private static void assertApplied(Path log, Map<String, Double> factors, LongToDoubleFunction lr) throws Exception {
    List<String> rows = Files.readAllLines(log);
    assertEquals("step,group,channel,value", rows.get(0));
    assertEquals(1 + (N - K) * 2 * 2, rows.size());
    int row = 1;
    for (long step = K; step < N; step++) {
      for (String group : List.of("weights", "biases")) {
        double lrValue = factors.get(group) * lr.applyAsDouble(step);
        assertEquals(step + "," + group + ",lr," + (float) lrValue, rows.get(row++));
        assertEquals(step + "," + group + ",momentum," + 0.9f, rows.get(row++));
      }
    }
  }
}
