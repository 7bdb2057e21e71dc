package dev.anneal.config.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Reversed;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shifted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What hand-written Anneal JSON means: forms, defaults and warnings, against hand-built models. */
class AnnealFormatReadTest {
  private static final AnnealFormat FORMAT = new AnnealFormat();

  @Test
  void aPlanNamesItsChannels() {
    Imported imported = FORMAT.read("""
        {
          "lr": {
            "phases": [
              {"shape": "linear", "from": 0, "to": 3e-4, "steps": 2000},
              {"shape": "cosine", "from": 3e-4, "to": 3e-5, "steps": 98000}
            ],
            "after": "hold"
          },
          "momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": "forever"}]}
        }
        """);

    Map<String, dev.anneal.schedule.Schedule> expected = new LinkedHashMap<>();
    expected.put("lr", new Sequence(List.of(new Phase(new Linear(0, 3e-4), 2000), new Phase(new Cosine(3e-4, 3e-5, 0.5), 98_000)), AfterEnd.HOLD));
    expected.put("momentum", new Sequence(List.of(new Phase(new Constant(0.9), Phase.OPEN)), AfterEnd.HOLD));
    assertEquals("anneal", imported.format());
    assertEquals(new Plan(expected), imported.plan());
  }

  @Test
  void aSingleScheduleIsTheLearningRate() {
    Plan plan = FORMAT.read("{\"phases\": [{\"shape\": \"cosine\", \"from\": 1, \"to\": 0, \"steps\": 100}], \"after\": \"continue\"}").plan();

    assertEquals(Plan.of(Sequence.of(new Cosine(1, 0), 100, AfterEnd.CONTINUE)), plan);
  }

  @Test
  void optionalFieldsTakeTheDocumentedDefaults() {
    Plan plan = FORMAT.read("""
        {"x": {"phases": [
          {"shape": "cosine", "from": 1, "to": 0.5, "steps": 10},
          {"shape": "cyclic", "base": 0.1, "max": 0.5, "up": 2, "down": 3, "steps": 10},
          {"shape": "inverse-sqrt", "peak": 0.5, "timescale": 4, "steps": 10},
          {"shape": "one-cycle", "start": 0.1, "peak": 1, "end": 0.01, "pctStart": 0.3, "steps": 10},
          {"shape": "plateau", "initial": 0.5, "steps": "forever"}
        ]}}
        """).plan();

    Sequence expected = new Sequence(List.of(
        new Phase(new Cosine(1, 0.5, 0.5), 10),
        new Phase(new Cyclic(0.1, 0.5, 2, 3, Cyclic.Mode.TRIANGULAR, 1.0, false), 10),
        new Phase(new InverseSqrt(0.5, 4, 0), 10),
        new Phase(new OneCycle(0.1, 1, 0.01, 0.3, OneCycle.Anneal.COS, false), 10),
        new Phase(new Plateau(0.5, Plateau.Mode.MIN, 0.1, 10, 1e-4, Plateau.ThresholdMode.REL, 0, 0, 1e-8), Phase.OPEN)),
        AfterEnd.HOLD);
    assertEquals(expected, plan.channel("x"));
  }

  @Test
  void enumsAreLowerCaseAndNumbersMayBeSpelledAnyWay() {
    Plan plan = FORMAT.read("""
        {"x": {"phases": [
          {"shape": "cyclic", "base": 1E-1, "max": 0.5, "up": 2.0, "down": 3, "mode": "exp_range", "gamma": 0.99, "mirrored": true, "steps": 1e3},
          {"shape": "plateau", "initial": 5e-1, "mode": "max", "thresholdMode": "abs", "patience": 0, "steps": "forever"}
        ], "after": "fail"}}
        """).plan();

    Sequence expected = new Sequence(List.of(
        new Phase(new Cyclic(0.1, 0.5, 2, 3, Cyclic.Mode.EXP_RANGE, 0.99, true), 1000),
        new Phase(new Plateau(0.5, Plateau.Mode.MAX, 0.1, 0, 1e-4, Plateau.ThresholdMode.ABS, 0, 0, 1e-8), Phase.OPEN)),
        AfterEnd.FAIL);
    assertEquals(expected, plan.channel("x"));
  }

  @Test
  void compositesNest() {
    Plan plan = FORMAT.read("""
        {"lr": {"factor": 3e-4, "schedule": {"factors": [
          {"phases": [{"shape": "linear", "from": 0.5, "to": 1, "steps": 10}]},
          {"phases": [{"shape": "milestones", "from": 1, "milestones": [30, 60], "factor": 0.1, "steps": "forever"}]}
        ]}}}
        """).plan();

    Scaled expected = new Scaled(3e-4, new Product(List.of(
        Sequence.of(new Linear(0.5, 1), 10, AfterEnd.HOLD),
        Sequence.of(new Milestones(1, List.of(30L, 60L), 0.1), Phase.OPEN, AfterEnd.HOLD))));
    assertEquals(Plan.of(expected), plan);
  }

  @Test
  void aWrappedShapeHoldsItsInnerShapeAsANestedObject() {
    Plan plan = FORMAT.read("""
        {"lr": {"phases": [
          {"shape": "shifted", "by": 1, "inner": {"shape": "cosine", "from": 1e-3, "to": 1e-4}, "steps": 4},
          {"shape": "reversed", "inner": {"shape": "linear", "from": 1e-4, "to": 1e-3}, "steps": 4}
        ]}}
        """).plan();

    Sequence expected = new Sequence(List.of(
        new Phase(new Shifted(new Cosine(1e-3, 1e-4), 1), 4),
        new Phase(new Reversed(new Linear(1e-4, 1e-3)), 4)), AfterEnd.HOLD);
    assertEquals(Plan.of(expected), plan);
    // The cosine one step ahead: at t + 1 of 4, so its end, 1e-4, on the phase's last step.
    assertEquals(1e-4 + 9e-4 * (1 + Math.cos(Math.PI / 4)) / 2, plan.lr().valueAt(0), 1e-18);
    assertEquals(1e-4, plan.lr().valueAt(3), 1e-18);
    // The line backwards: at 4 - t of 4.
    assertEquals(1e-3, plan.lr().valueAt(4), 1e-18);
    assertEquals(1e-4 + 9e-4 / 4, plan.lr().valueAt(7), 1e-18);
  }

  @Test
  void warningsArriveAtTheirJsonPath() {
    Imported imported = FORMAT.read("""
        {"lr": {"phases": [
          {"shape": "linear", "from": 0, "to": 0.1, "steps": 10},
          {"shape": "milestones", "from": 0.1, "milestones": [30, 30, 60], "factor": 0.1, "steps": "forever"}
        ]}}
        """);

    assertEquals(
        List.of(
            "[FirstUpdateAtZero] lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing",
            "[RepeatedMilestone] lr.phases[1].milestones[1]: milestone 30 is repeated 2 times, so the factor is applied 2 times at once (PyTorch behaviour)"),
        imported.warnings().stream().map(Violation::toString).toList());
  }

  @Test
  void aSingleScheduleWarnsAtTheTop() {
    Imported imported = FORMAT.read("{\"phases\": [{\"shape\": \"constant\", \"value\": 0, \"steps\": \"forever\"}]}");

    assertEquals(
        List.of("[FirstUpdateAtZero] the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing"),
        imported.warnings().stream().map(Violation::toString).toList());
  }

  @Test
  void theFormatIsRegisteredUnderItsName() {
    assertEquals(AnnealFormat.class, Formats.byName("anneal").getClass());
  }
}
