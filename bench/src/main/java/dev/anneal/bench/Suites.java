package dev.anneal.bench;

import static dev.anneal.bench.Derived.atMost;
import static dev.anneal.bench.Derived.costRatio;
import static dev.anneal.bench.Derived.throughputRatio;

import dev.anneal.bench.Suite.Effort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The suites {@link Compare} runs, their targets and their effort. */
final class Suites {
  private Suites() {}

  static List<Suite> all() {
    return List.of(steps(), tracker(), training(), bulk(), units());
  }

  /** One step's value, generated vs interpreted vs DJL's trackers. */
  static Suite steps() {
    List<Case> cases = List.of(
        Case.of(WarmupCosineStep.class, "generatedStepper"),
        Case.of(WarmupCosineStep.class, "generatedValueAt"),
        Case.of(WarmupCosineStep.class, "interpreted"),
        Case.of(WarmupCosineStep.class, "djlTrackers"),
        Case.of(WarmupCosineStep.class, "cosineFloor"),
        Case.of(WarmupStableDecayStep.class, "generatedStepper"),
        Case.of(WarmupStableDecayStep.class, "generatedValueAt"),
        Case.of(WarmupStableDecayStep.class, "interpreted"),
        Case.of(WarmupStableDecayStep.class, "harness"),
        Case.of(OneCycleMomentumStep.class, "generatedStepper"),
        Case.of(OneCycleMomentumStep.class, "generatedValueAt"),
        Case.of(OneCycleMomentumStep.class, "interpreted"));
    List<Derived> derived = new ArrayList<>();
    for (String schedule : List.of("WarmupCosineStep", "WarmupStableDecayStep", "OneCycleMomentumStep")) {
      derived.add(costRatio(schedule + ".generatedStepper", schedule + ".interpreted", "≤ 0.5", atMost(0.5)));
    }
    derived.add(costRatio("WarmupCosineStep.interpreted", "WarmupCosineStep.djlTrackers", "≤ 1", atMost(1)));
    derived.add(costRatio("WarmupCosineStep.generatedStepper", "WarmupCosineStep.djlTrackers", "≤ 1", atMost(1)));
    derived.add(new Derived("WarmupStableDecayStep: (generatedStepper − harness) / (interpreted − harness)",
        List.of("WarmupStableDecayStep.generatedStepper", "WarmupStableDecayStep.interpreted", "WarmupStableDecayStep.harness"),
        scores -> (scores.get("WarmupStableDecayStep.generatedStepper") - scores.get("WarmupStableDecayStep.harness"))
            / (scores.get("WarmupStableDecayStep.interpreted") - scores.get("WarmupStableDecayStep.harness")), "", value -> true));
    for (String way : List.of("generatedStepper", "interpreted", "djlTrackers")) {
      derived.add(new Derived("WarmupCosineStep." + way + " − cosineFloor (ns)",
          List.of("WarmupCosineStep." + way, "WarmupCosineStep.cosineFloor"),
          scores -> scores.get("WarmupCosineStep." + way) - scores.get("WarmupCosineStep.cosineFloor"), "", value -> true));
    }
    return new Suite("steps", cases, derived, new Effort(2, 1, 2, 500), new Effort(5, 3, 5, 1_000));
  }

  /** The learning-rate tracker as DJL's optimizers call it, for 1 and 200 parameters per step. */
  static Suite tracker() {
    List<String> ways = List.of("djlFixed", "djlWarmupCosine", "annealTracker");
    List<Case> cases = new ArrayList<>();
    for (String count : List.of("1", "200")) {
      for (String way : ways) {
        cases.add(new Case(way + "@" + count, TrackerPath.class, way, Map.of("parameters", count)));
      }
    }
    List<Derived> derived = new ArrayList<>();
    for (String way : ways) {
      derived.add(new Derived(way + ": ns per extra parameter", List.of(way + "@1", way + "@200"),
          scores -> perParameter(scores, way), "", value -> true));
    }
    derived.add(new Derived("annealTracker − djlFixed: ns per extra parameter",
        List.of("annealTracker@1", "annealTracker@200", "djlFixed@1", "djlFixed@200"),
        scores -> perParameter(scores, "annealTracker") - perParameter(scores, "djlFixed"),
        "≤ 10 (a cache read)", atMost(10)));
    derived.add(costRatio("annealTracker@200", "djlWarmupCosine@200", "≤ 1", atMost(1)));
    return new Suite("tracker", cases, derived, new Effort(1, 1, 2, 1_000), new Effort(3, 3, 5, 1_000));
  }

  private static double perParameter(Map<String, Double> scores, String way) {
    return (scores.get(way + "@200") - scores.get(way + "@1")) / 199;
  }

  /**
   * A training step of the small model in a JVM of its own per variant: time and allocation per
   * step. Its ratios carry the difference between forks (up to ±20% here); the ratios with targets
   * come from {@link TrainingInterleaved}.
   */
  static Suite training() {
    List<Case> cases = new ArrayList<>();
    for (TrainingVariant variant : TrainingVariant.values()) {
      cases.add(new Case(variant.name(), TrainingStep.class, "step", Map.of("variant", variant.name())));
    }
    List<Derived> derived = new ArrayList<>();
    for (TrainingVariant variant : TrainingVariant.values()) {
      if (variant.baseline() != variant) {
        derived.add(throughputRatio(variant.name(), variant.baseline().name(), "", value -> true));
      }
    }
    // DJL's Java side of a training step takes up to ten seconds of JIT compilation to settle (about
    // 1,000 µs a step in the first second, 190 µs after six to ten on the 2-core machine): warm up long.
    return new Suite("training", cases, derived, new Effort(2, 8, 3, 1_000), new Effort(5, 10, 5, 2_000));
  }

  /**
   * A plan written in tokens or epochs against the same plan in updates: resolving units is paid
   * when the schedule is built, so the per-step costs match; the resolution's own cost is beside them.
   */
  static Suite units() {
    List<Case> cases = List.of(
        Case.of(UnitResolutionStep.class, "tokensPlan"),
        Case.of(UnitResolutionStep.class, "clockedTokensPlan"),
        Case.of(UnitResolutionStep.class, "updatesPlan"),
        Case.of(UnitResolutionStep.class, "epochPlan"),
        Case.of(UnitResolutionStep.class, "updatesStepPlan"),
        Case.of(UnitResolutionStep.class, "resolveTokens"),
        Case.of(UnitResolutionStep.class, "resolveEpochs"),
        Case.of(UnitResolutionStep.class, "harness"));
    List<Derived> derived = List.of(
        costRatio("UnitResolutionStep.tokensPlan", "UnitResolutionStep.updatesPlan", "≤ 1.1", atMost(1.1)),
        costRatio("UnitResolutionStep.epochPlan", "UnitResolutionStep.updatesStepPlan", "", value -> true),
        costRatio("UnitResolutionStep.clockedTokensPlan", "UnitResolutionStep.updatesPlan", "", value -> true),
        costRatio("UnitResolutionStep.resolveTokens", "UnitResolutionStep.tokensPlan", "", value -> true));
    return new Suite("units", cases, derived, new Effort(2, 1, 2, 500), new Effort(5, 3, 5, 1_000));
  }

  /** Every value of a ten-million-step schedule. */
  static Suite bulk() {
    List<Case> cases = List.of(
        Case.of(BulkValues.class, "interpretedValuesArray"),
        Case.of(BulkValues.class, "interpretedLoop"),
        Case.of(BulkValues.class, "generatedValuesArray"),
        Case.of(BulkValues.class, "generatedStepperLoop"),
        Case.of(BulkValues.class, "djlTrackersLoop"));
    return new Suite("bulk", cases, List.of(), new Effort(1, 1, 1, 2_000), new Effort(2, 2, 5, 2_000));
  }
}
