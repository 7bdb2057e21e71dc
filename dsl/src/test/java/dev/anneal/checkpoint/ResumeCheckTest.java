package dev.anneal.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.builder.Schedules;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.ScheduleState;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shifted;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResumeCheckTest {
  private static final Plan SAVED = Plan.of(Schedules.linear(0, 1e-3).over(100).then().cosineTo(1e-4).over(900).build());
  private static final Plan EDITED = Plan.of(Schedules.linear(0, 1e-3).over(100).then().cosineTo(1e-5).over(1_900).build());

  @Test
  void equalDefinitionsHaveEqualFingerprintsAndDifferentOnesDoNot() {
    Plan again = Plan.of(Schedules.linear(0, 1e-3).over(100).then().cosineTo(1e-4).over(900).build());
    assertEquals(Fingerprint.of(SAVED), Fingerprint.of(again));
    assertNotEquals(Fingerprint.of(SAVED), Fingerprint.of(EDITED));
    assertEquals(64, Fingerprint.of(SAVED).length());
  }

  @Test
  void aTinyValueChangeChangesTheFingerprint() {
    Plan nudged = Plan.of(Schedules.linear(0, Math.nextUp(1e-3)).over(100).then().cosineTo(1e-4).over(900).build());
    assertNotEquals(Fingerprint.of(SAVED), Fingerprint.of(nudged));
  }

  @Test
  void everyDifferenceIsListedWithBothValues() {
    assertEquals(
        List.of("lr.phases[1].steps: checkpoint 900, now 1900", "lr.phases[1].to: checkpoint 1.0E-4, now 1.0E-5"),
        ResumeCheck.differences(SAVED, EDITED).stream().map(Difference::toString).toList());
  }

  @Test
  void aDifferenceInsideAWrappedShapeIsListedAtItsNestedPath() {
    Plan saved = Plan.of(new Sequence(List.of(new Phase(new Shifted(new Cosine(1e-3, 1e-4), 1), 100))));
    Plan edited = Plan.of(new Sequence(List.of(new Phase(new Shifted(new Cosine(1e-3, 1e-5), 1), 100))));

    assertEquals(
        List.of("lr.phases[0].inner.to: checkpoint 1.0E-4, now 1.0E-5"),
        ResumeCheck.differences(saved, edited).stream().map(Difference::toString).toList());
    assertNotEquals(Fingerprint.of(saved), Fingerprint.of(edited));
  }

  @Test
  void theDefaultPolicyRefusesAChangedSchedule() {
    InvalidScheduleException e =
        assertThrows(InvalidScheduleException.class, () -> ResumeCheck.resolve(SAVED, EDITED, 500, ResumePolicy.FAIL_ON_DIFFERENCE));
    List<String> messages = e.violations().stream().map(Violation::toString).toList();
    assertEquals(2, messages.size());
    assertEquals(
        "[ScheduleChanged] lr.phases[1].steps: the schedule differs from the checkpoint's (lr.phases[1].steps: checkpoint 900, now 1900);"
            + " resume with policy USE_CHECKPOINT (Megatron's --use-checkpoint-opt_param-scheduler), USE_NEW (--override-opt_param-scheduler),"
            + " CONTINUE_FROM_CURRENT_VALUE or REFIT_TO_NEW_END (the checkpoint's plan fitted to this run's end)",
        messages.get(0));
  }

  @Test
  void checkpointAndNewPoliciesPickTheirPlan() {
    assertSame(SAVED, ResumeCheck.resolve(SAVED, EDITED, 500, ResumePolicy.USE_CHECKPOINT).plan());
    assertSame(EDITED, ResumeCheck.resolve(SAVED, EDITED, 500, ResumePolicy.USE_NEW).plan());
  }

  @Test
  void continuingFromTheCurrentValueAvoidsAJump() {
    Plan resumed = ResumeCheck.resolve(SAVED, EDITED, 500, ResumePolicy.CONTINUE_FROM_CURRENT_VALUE).plan();
    assertEquals(SAVED.lr().valueAt(500), resumed.lr().valueAt(500), 1e-18);
    double ratio = resumed.lr().valueAt(1_000) / EDITED.lr().valueAt(1_000);
    assertEquals(SAVED.lr().valueAt(500) / EDITED.lr().valueAt(500), ratio, 1e-12);
  }

  @Test
  void continuingFromTheCurrentValueIncludesWhatAPlateauPhaseReduced() {
    Plan saved = Plan.of(Schedules.plateau(1e-3).forever().build());
    Plan edited = Plan.of(Schedules.linear(1e-3, 1e-4).over(1_000).build());
    ScheduleState state = saved.lr().initialState();
    for (long step = 0; step < 12; step++) {
      state = saved.lr().observe(state, step, 1.0); // no improvement after the first: patience 10 runs out
    }
    double reduced = saved.lr().valueAt(12, state);
    assertEquals(1e-4, reduced, 1e-18); // ReduceLROnPlateau's factor 0.1 applied once

    Plan resumed = ResumeCheck.resolve(saved, Map.of(Plan.LR, state), edited, 12, ResumePolicy.CONTINUE_FROM_CURRENT_VALUE).plan();

    assertEquals(reduced, resumed.lr().valueAt(12), 1e-18);
    assertEquals(reduced / edited.lr().valueAt(12) * edited.lr().valueAt(600), resumed.lr().valueAt(600), 1e-18);
  }

  @Test
  void withoutTheSavedStateAPlateauChannelContinuesFromItsDeclaredValue() {
    Plan saved = Plan.of(Schedules.plateau(1e-3).forever().build());
    Plan edited = Plan.of(Schedules.linear(1e-3, 1e-4).over(1_000).build());

    Plan resumed = ResumeCheck.resolve(saved, edited, 12, ResumePolicy.CONTINUE_FROM_CURRENT_VALUE).plan();

    assertEquals(1e-3, resumed.lr().valueAt(12), 1e-18);
  }

  @Test
  void aSavedScheduleThatEndsThereHasNoValueToContinueFrom() {
    Plan saved = Plan.of(new Sequence(List.of(new Phase(new Cosine(1e-3, 1e-4), 100)), dev.anneal.schedule.AfterEnd.FAIL));
    Plan edited = Plan.of(Schedules.linear(1e-3, 1e-4).over(1_000).build());

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> ResumeCheck.resolve(saved, edited, 100, ResumePolicy.CONTINUE_FROM_CURRENT_VALUE));

    assertEquals("[NoValueToContinue] channels.lr: the checkpoint's schedule has no value at step 100 (it ends there and its after-end"
        + " policy is FAIL), so there is no value to continue from; resume with policy USE_NEW", e.getMessage());
  }

  @Test
  void aNewScheduleAtZeroCannotBeScaledToTheCurrentValue() {
    // The edited schedule decays to 0 by step 100 and holds it, so no factor turns it into the saved value at 500.
    Plan edited = Plan.of(Schedules.linear(1e-3, 0).over(100).build());

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> ResumeCheck.resolve(SAVED, edited, 500, ResumePolicy.CONTINUE_FROM_CURRENT_VALUE));

    assertEquals("[CannotContinueFromZero] channels.lr: cannot continue channel lr from its current value 6.281416799501188E-4:"
        + " the new schedule is 0 at step 500, so no scale reaches it", e.getMessage());
  }
}
