package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The one entry point of the rules: what stops what, and in which order violations come. */
class RuleSetTest {
  private static final Function<String, Violation> OVERFLOW = path -> RuleCode.lengthOverflow(path, Phase.OPEN, Phase.OPEN - 1);

  private static List<String> shown(List<Violation> violations) {
    return violations.stream().map(Violation::toString).toList();
  }

  @Test
  void everyPhaseErrorComesBeforeAndInsteadOfTheSequencesRules() {
    List<Shape> shapes = List.of(new Linear(0, 1), new Constant(1), new Linear(1, 0));
    List<OptionalLong> lengths = List.of(OptionalLong.of(0), OptionalLong.empty(), OptionalLong.of(Long.MAX_VALUE));
    // The open middle phase is not last, but the sequence's rules wait for valid phases.
    assertEquals(List.of(
            "[NonPositiveLength] phases[0].steps: steps (0) must be at least 1",
            "[LengthOverflow] phases[2].steps: the phases add up to more than 9223372036854775806 steps"),
        shown(RuleSet.schedule(shapes, lengths, AfterEnd.HOLD, OVERFLOW)));
  }

  @Test
  void aScheduleOfValidPhasesGetsTheSequencesRules() {
    List<Shape> shapes = List.of(new Constant(1), new Linear(1, 0));
    List<OptionalLong> lengths = List.of(OptionalLong.empty(), OptionalLong.of(10));
    assertEquals(List.of("[OpenPhaseNotLast] phases[0].steps: only the last phase may run forever; phase 0 is open but phase 1 follows it"),
        shown(RuleSet.schedule(shapes, lengths, AfterEnd.HOLD, OVERFLOW)));
  }

  @Test
  void aChannelReportsItsBoundsRelativeToTheScheduleAndItsNameAtTheNamePath() {
    List<Shape> shapes = List.of(new Constant(1.05));
    List<OptionalLong> forever = List.of(OptionalLong.empty());
    assertEquals(List.of("[MomentumOutOfRange] momentum reaches 1.05; momentum and Adam beta1 must lie in [0, 1)"),
        shown(RuleSet.channel(Plan.MOMENTUM, "name", shapes, forever, AfterEnd.HOLD, OVERFLOW)));
    assertEquals(List.of("[UnknownChannel] name: unknown channel 'momentun'; did you mean `momentum`?"),
        shown(RuleSet.channel("momentun", "name", shapes, forever, AfterEnd.HOLD, OVERFLOW)));
  }

  @Test
  void aPlanReportsEachChannelUnderItsNameInChannelOrder() {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    channels.put(Plan.LR, Sequence.of(new Linear(0, 1e-3), 100, AfterEnd.HOLD));
    channels.put("Momentum", Sequence.of(new Constant(0.9), Phase.OPEN, AfterEnd.HOLD));
    channels.put(Plan.WEIGHT_DECAY, Sequence.of(new Constant(-0.1), Phase.OPEN, AfterEnd.HOLD));
    assertEquals(List.of(
            "[FirstUpdateAtZero] channels.lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing",
            "[UnknownChannel] channels.Momentum: unknown channel 'Momentum'; did you mean `momentum`?",
            "[NegativeWeightDecay] channels.weight_decay: weight decay reaches -0.1; weight decay must be at least 0"),
        shown(RuleSet.plan(channels)));
  }

  @Test
  void theEditDistanceOfChannelNamesIsLevenshteinsWithinItsBound() {
    assertTrue(PlanRules.withinEdits("momentum", "momentum", 0));
    assertTrue(PlanRules.withinEdits("momentun", "momentum", 1), "one substitution");
    assertTrue(PlanRules.withinEdits("momentm", "momentum", 1), "one deletion");
    assertTrue(PlanRules.withinEdits("mommentum", "momentum", 1), "one insertion");
    assertTrue(PlanRules.withinEdits("mometnum", "momentum", 2), "a swap is two edits");
    assertFalse(PlanRules.withinEdits("mometnum", "momentum", 1));
    assertFalse(PlanRules.withinEdits("l", "lr", 0));
    assertTrue(PlanRules.withinEdits("", "lr", 2));
    assertFalse(PlanRules.withinEdits("ema", "lr", 2), "three edits");
    assertFalse(PlanRules.withinEdits("weightdecay", "momentum", 2));
  }
}
