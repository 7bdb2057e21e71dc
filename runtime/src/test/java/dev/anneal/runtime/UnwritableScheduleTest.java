package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.builder.Schedules;
import dev.anneal.checkpoint.Fingerprint;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan whose learning rate is a {@code Schedule} class of the user's ({@link Halving}): Anneal
 * JSON cannot write it, so the checkpoint holds only its fingerprint. Saving works; the policies
 * that need no definition work; {@code USE_CHECKPOINT} works where the schedule did not change and
 * is refused, with the reason, where it did.
 */
class UnwritableScheduleTest {
  static final Schedule SAVED_LR = new Halving(0.1, 5);
  static final Schedule MOMENTUM = Schedules.constant(0.9).forever().build();
  static final Plan PLAN = Plan.of(SAVED_LR).with(Plan.MOMENTUM, MOMENTUM);
  static final Plan EDITED = Plan.of(new Halving(0.1, 7)).with(Plan.MOMENTUM, MOMENTUM);

  @TempDir Path dir;
  Path params;

  @BeforeEach
  void saveAfterTenUpdates() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(PLAN);
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      for (int b = 0; b < 10; b++) {
        Tiny.step(trainer, schedule, b);
      }
      params = Checkpoints.save(trainer, schedule, dir, "tiny");
    }
  }

  /** What the runtime relies on: AnnealFormat refuses, with Unsupported, a schedule class it does not know. */
  @Test
  void annealJsonHasNoFormForIt() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> new AnnealFormat().write(PLAN));
    assertEquals("[Unsupported] lr: cannot be written as Anneal JSON: Anneal JSON has no form for a Halving schedule; please report this", e.getMessage());
  }

  @Test
  void useCheckpointIsRefusedForAChangedScheduleWithoutDefinition() {
    ScheduledTraining schedule = ScheduledTraining.of(EDITED);
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(schedule, params, ResumePolicy.USE_CHECKPOINT));
    assertEquals("[CheckpointWithoutDefinition] groups.all.lr: the checkpoint holds only a fingerprint of this schedule, not its"
        + " definition (Anneal JSON has no form for a Halving), so policy USE_CHECKPOINT cannot restore it; resume with the schedule"
        + " the checkpoint was saved with, or with policy USE_NEW or CONTINUE_FROM_CURRENT_VALUE", e.getMessage());
    assertEquals(0, schedule.step());
  }

  @Test
  void theDefaultPolicyListsTheChangeByFingerprint() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(ScheduledTraining.of(EDITED), params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[ScheduleChanged] groups.all.lr: the schedule differs from the checkpoint's (groups.all.lr: checkpoint schedule "
        + Fingerprint.of(SAVED_LR).substring(0, 12) + "… (no definition saved), now schedule "
        + Fingerprint.of(EDITED.lr()).substring(0, 12) + "…); resume with policy USE_CHECKPOINT (Megatron's"
        + " --use-checkpoint-opt_param-scheduler), USE_NEW (--override-opt_param-scheduler), CONTINUE_FROM_CURRENT_VALUE or REFIT_TO_NEW_END (the checkpoint's plan fitted to this run's end)",
        e.getMessage());
  }

  /** Only the momentum changed: the checkpoint's momentum is restored, its learning rate is the very schedule the run holds. */
  @Test
  void useCheckpointWorksWhereTheScheduleWithoutDefinitionIsUnchanged() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(PLAN.with(Plan.MOMENTUM, Schedules.constant(0.8).forever().build()));
    Tiny.restore(schedule, params, ResumePolicy.USE_CHECKPOINT);
    assertEquals(PLAN, schedule.groups().get(0).plan());
    assertEquals(0.9, schedule.nextValues().value(0, Plan.MOMENTUM), 0.0);
  }

  /** 0.1 · 0.5^⌊10/5⌋ = 0.025 reached; the new schedule gives 0.1 · 0.5^⌊10/7⌋ = 0.05 there, so it is halved. */
  @Test
  void continueFromCurrentValueNeedsOnlyTheValueReached() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(EDITED);
    Tiny.restore(schedule, params, ResumePolicy.CONTINUE_FROM_CURRENT_VALUE);
    assertEquals(0.025, schedule.nextValues().value(0, Plan.LR), 0.0);
    assertEquals(0.5, ((Scaled) schedule.groups().get(0).plan().lr()).factor(), 0.0);
  }
}
