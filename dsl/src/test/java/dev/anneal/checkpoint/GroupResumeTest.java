package dev.anneal.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.builder.Schedules;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupResumeTest {
  private static final Schedule SAVED = Schedules.linear(0, 1e-3).over(100).then().cosineTo(1e-4).over(900).build();
  private static final Schedule EDITED = Schedules.linear(0, 1e-3).over(100).then().cosineTo(1e-5).over(1_900).build();
  private static final ScheduleState REACHED = new ScheduleState(Map.of());

  private static SavedChannel saved(Schedule schedule, boolean withDefinition, double nextValue) {
    return new SavedChannel(Fingerprint.of(schedule), withDefinition ? schedule : null, withDefinition ? "" : "a lambda", nextValue, REACHED);
  }

  @Test
  void theRunsChoiceComesFromThePolicyAndFailureListsEveryDifference() {
    List<Difference> differences = List.of(new Difference("groups.all.lr.phases[1].to", "1.0E-4", "1.0E-5"));
    assertEquals(ResumeCheck.Choice.CURRENT, ResumeCheck.choose(ResumePolicy.FAIL_ON_DIFFERENCE, List.of()));
    assertEquals(ResumeCheck.Choice.CHECKPOINT, ResumeCheck.choose(ResumePolicy.USE_CHECKPOINT, differences));
    assertEquals(ResumeCheck.Choice.CURRENT, ResumeCheck.choose(ResumePolicy.USE_NEW, differences));
    assertEquals(ResumeCheck.Choice.CONTINUED, ResumeCheck.choose(ResumePolicy.CONTINUE_FROM_CURRENT_VALUE, differences));
    InvalidScheduleException e =
        assertThrows(InvalidScheduleException.class, () -> ResumeCheck.choose(ResumePolicy.FAIL_ON_DIFFERENCE, differences));
    assertEquals(List.of("groups.all.lr.phases[1].to"), e.violations().stream().map(Violation::path).toList());
  }

  @Test
  void aChannelSavedWithoutDefinitionComparesByFingerprintAtItsName() {
    assertEquals(List.of(), GroupResume.differences(Map.of("lr", saved(SAVED, false, 1e-3)), Plan.of(SAVED)));
    List<Difference> found = GroupResume.differences(Map.of("lr", saved(SAVED, false, 1e-3)), Plan.of(EDITED));
    assertEquals(List.of("lr"), found.stream().map(Difference::path).toList());
  }

  @Test
  void theCurrentPlanKeepsTheStateOfUnchangedChannelsOnly() {
    GroupResume.Decision same = GroupResume.decide(ResumeCheck.Choice.CURRENT, "groups.all", Map.of("lr", saved(SAVED, true, 1e-3)), Plan.of(SAVED), 500);
    assertSame(REACHED, same.states().get("lr"));
    GroupResume.Decision edited = GroupResume.decide(ResumeCheck.Choice.CURRENT, "groups.all", Map.of("lr", saved(SAVED, true, 1e-3)), Plan.of(EDITED), 500);
    assertEquals(EDITED.initialState(), edited.states().get("lr"));
    assertEquals(List.of(), edited.problems());
  }

  @Test
  void theCheckpointsPlanNeedsADefinitionOrTheVerySameSchedule() {
    GroupResume.Decision taken = GroupResume.decide(ResumeCheck.Choice.CHECKPOINT, "groups.all", Map.of("lr", saved(SAVED, false, 1e-3)), Plan.of(SAVED), 500);
    assertEquals(Plan.of(SAVED), taken.plan());
    GroupResume.Decision refused = GroupResume.decide(ResumeCheck.Choice.CHECKPOINT, "groups.all", Map.of("lr", saved(SAVED, false, 1e-3)), Plan.of(EDITED), 500);
    assertEquals(List.of("groups.all.lr"), refused.problems().stream().map(Violation::path).toList());
  }

  @Test
  void aChangedChannelContinuesFromTheValueTheSavedRunReached() {
    double reached = SAVED.valueAt(500, SAVED.initialState());
    GroupResume.Decision continued =
        GroupResume.decide(ResumeCheck.Choice.CONTINUED, "groups.all", Map.of("lr", saved(SAVED, true, reached)), Plan.of(EDITED), 500);
    assertEquals(List.of(), continued.problems());
    assertEquals(reached, continued.plan().lr().valueAt(500, continued.states().get("lr")), 1e-15);
    GroupResume.Decision ended =
        GroupResume.decide(ResumeCheck.Choice.CONTINUED, "groups.all", Map.of("lr", saved(SAVED, true, Double.NaN)), Plan.of(EDITED), 500);
    assertEquals(List.of("groups.all.lr"), ended.problems().stream().map(Violation::path).toList());
  }
}
