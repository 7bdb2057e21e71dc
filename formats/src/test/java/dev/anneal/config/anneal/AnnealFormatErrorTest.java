package dev.anneal.config.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every mistake is reported, all in one pass, each with its code, JSON path, value and fix. */
class AnnealFormatErrorTest {
  private static final AnnealFormat FORMAT = new AnnealFormat();

  record Case(String name, String json, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case error(String name, String json, String... expected) {
    return new Case(name, json, List.of(expected));
  }

  /** Every shape, in the order the model permits them. */
  private static final String IN_MODEL_ORDER = "constant, linear, cosine, exponential, exponential-to, polynomial, one-minus-sqrt, "
      + "inverse-sqrt, step, milestones, cyclic, cosine-restarts, one-cycle, plateau, log-warmup, linear-growth, stair-cycle, inverse-time, "
      + "post-cycle-momentum, shifted, reversed, cosine-hard-restarts, segment";

  /** A one-phase plan {"lr": {"phases": [PHASE]}}. */
  private static String lr(String phase) {
    return "{\"lr\": {\"phases\": [" + phase + "]}}";
  }

  static Stream<Case> mistakes() {
    return Stream.of(
        error("zero steps in the second phase",
            "{\"lr\": {\"phases\": [{\"shape\": \"linear\", \"from\": 0, \"to\": 3e-4, \"steps\": 2000},"
                + " {\"shape\": \"cosine\", \"from\": 3e-4, \"to\": 3e-5, \"steps\": 0}]}}",
            "[NonPositiveLength] lr.phases[1].steps: steps (0) must be at least 1"),
        error("negative steps", lr("{\"shape\": \"constant\", \"value\": 1, \"steps\": -5}"),
            "[NonPositiveLength] lr.phases[0].steps: steps (-5) must be at least 1"),
        error("misspelled shape", lr("{\"shape\": \"cosin\", \"from\": 1, \"to\": 0, \"steps\": 0}"),
            "[UnknownType] lr.phases[0].shape: unknown shape 'cosin'; did you mean `cosine`?",
            "[NonPositiveLength] lr.phases[0].steps: steps (0) must be at least 1"),
        error("unknown shape", lr("{\"shape\": \"sawtooth\", \"steps\": 10}"),
            "[UnknownType] lr.phases[0].shape: unknown shape 'sawtooth'; expected one of: constant, cosine, cosine-hard-restarts, "
                + "cosine-restarts, cyclic, exponential, exponential-to, inverse-sqrt, inverse-time, linear, linear-growth, log-warmup, "
                + "milestones, one-cycle, one-minus-sqrt, plateau, polynomial, post-cycle-momentum, reversed, segment, shifted, stair-cycle, step"),
        error("missing shape", lr("{\"from\": 1, \"steps\": 10}"),
            "[MissingKey] lr.phases[0].shape: missing required key 'shape'; one of: " + IN_MODEL_ORDER),
        error("misspelled field", lr("{\"shape\": \"linear\", \"form\": 0, \"to\": 1, \"steps\": 10}"),
            "[UnknownKey] lr.phases[0].form: unknown key 'form'; did you mean `from`?"),
        error("missing field", lr("{\"shape\": \"linear\", \"to\": 1, \"steps\": 10}"),
            "[MissingKey] lr.phases[0].from: missing required key 'from'"),
        error("field of another shape", lr("{\"shape\": \"linear\", \"from\": 0, \"to\": 1, \"cycles\": 1, \"steps\": 10}"),
            "[UnknownKey] lr.phases[0].cycles: unknown key 'cycles'; expected one of: from, shape, steps, to"),
        error("NaN in an inner shape",
            "{\"lr\": {\"phases\": [{\"shape\": \"linear\", \"from\": 0, \"to\": 1, \"steps\": 10},"
                + " {\"shape\": \"shifted\", \"by\": 1, \"inner\": {\"shape\": \"cosine\", \"from\": 1, \"to\": NaN}, \"steps\": 10}]}}",
            "[NonFiniteValue] lr.phases[1].inner.to: to (NaN) must be a finite number"),
        error("a shape rule in an inner shape",
            lr("{\"shape\": \"reversed\", \"inner\": {\"shape\": \"cosine\", \"from\": 1, \"to\": 0, \"cycles\": 0}, \"steps\": 10}"),
            "[NotPositive] lr.phases[0].inner.cycles: cycles (0) must be greater than 0"),
        error("a rule two shapes deep",
            lr("{\"shape\": \"reversed\", \"inner\": {\"shape\": \"shifted\", \"by\": -1, \"inner\": {\"shape\": \"linear\", \"from\": 1,"
                + " \"to\": 0}}, \"steps\": 10}"),
            "[NegativeValue] lr.phases[0].inner.by: by (-1) must be at least 0"),
        error("steps in an inner shape", lr("{\"shape\": \"shifted\", \"by\": 1, \"inner\": {\"shape\": \"cosine\", \"from\": 1, \"to\": 0,"
                + " \"steps\": 10}, \"steps\": 10}"),
            "[UnknownKey] lr.phases[0].inner.steps: unknown key 'steps'; an inner shape runs over the steps of its phase: give them to the"
                + " phase only"),
        error("an inner shape without its kind", lr("{\"shape\": \"shifted\", \"by\": 1, \"inner\": {\"from\": 1, \"to\": 0}, \"steps\": 10}"),
            "[MissingKey] lr.phases[0].inner.shape: missing required key 'shape'; one of: " + IN_MODEL_ORDER),
        error("a misspelled inner shape", lr("{\"shape\": \"shifted\", \"by\": 1, \"inner\": {\"shape\": \"cosin\", \"from\": 1, \"to\": 0},"
                + " \"steps\": 10}"),
            "[UnknownType] lr.phases[0].inner.shape: unknown shape 'cosin'; did you mean `cosine`?"),
        error("a misspelled field of an inner shape", lr("{\"shape\": \"reversed\", \"inner\": {\"shape\": \"linear\", \"form\": 0, \"to\": 1},"
                + " \"steps\": 10}"),
            "[UnknownKey] lr.phases[0].inner.form: unknown key 'form'; did you mean `from`?"),
        error("an inner shape that is a name", lr("{\"shape\": \"reversed\", \"inner\": \"linear\", \"steps\": 10}"),
            "[WrongType] lr.phases[0].inner: expected an object, found the string \"linear\""),
        error("a wrapper without its inner shape", lr("{\"shape\": \"shifted\", \"by\": 1, \"steps\": 10}"),
            "[MissingKey] lr.phases[0].inner: missing required key 'inner'"),
        error("a misspelled inner", lr("{\"shape\": \"shifted\", \"by\": 1, \"iner\": {\"shape\": \"constant\", \"value\": 1}, \"steps\": 10}"),
            "[UnknownKey] lr.phases[0].iner: unknown key 'iner'; did you mean `inner`?"),
        error("misspelled sequence key", "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 1}], \"aftr\": \"hold\"}}",
            "[UnknownKey] lr.aftr: unknown key 'aftr'; did you mean `after`?"),
        error("unknown after-end policy", "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 1}], \"after\": \"hodl\"}}",
            "[UnknownType] lr.after: unknown after 'hodl'; did you mean `hold`?"),
        error("NaN", lr("{\"shape\": \"linear\", \"from\": 0, \"to\": NaN, \"steps\": 10}"),
            "[NonFiniteValue] lr.phases[0].to: to (NaN) must be a finite number"),
        error("infinity", lr("{\"shape\": \"constant\", \"value\": -Infinity, \"steps\": 10}"),
            "[NonFiniteValue] lr.phases[0].value: value (-Infinity) must be a finite number"),
        error("a number too large for a double", lr("{\"shape\": \"constant\", \"value\": 1e400, \"steps\": 10}"),
            "[NonFiniteValue] lr.phases[0].value: value (Infinity) must be a finite number"),
        error("string for a number", lr("{\"shape\": \"linear\", \"from\": \"0.1\", \"to\": 1, \"steps\": 10}"),
            "[WrongType] lr.phases[0].from: expected a number, found the string \"0.1\""),
        error("fractional steps", lr("{\"shape\": \"constant\", \"value\": 1, \"steps\": 10.5}"),
            "[WrongType] lr.phases[0].steps: expected an integer, found 10.5"),
        error("misspelled forever", lr("{\"shape\": \"constant\", \"value\": 1, \"steps\": \"forevr\"}"),
            "[WrongType] lr.phases[0].steps: expected an integer or \"forever\", found the string \"forevr\""),
        error("the largest long as a length", lr("{\"shape\": \"constant\", \"value\": 1, \"steps\": 9223372036854775807}"),
            "[OutOfRange] lr.phases[0].steps: steps (9223372036854775807) must lie in [1, 9223372036854775806]; "
                + "write \"forever\" for a last phase that never ends"),
        error("steps beyond a long", lr("{\"shape\": \"constant\", \"value\": 1, \"steps\": 9223372036854775808}"),
            "[OutOfRange] lr.phases[0].steps: steps (9223372036854775808) must lie in the 64-bit step range"),
        error("missing steps", lr("{\"shape\": \"constant\", \"value\": 1}"),
            "[MissingKey] lr.phases[0].steps: missing required key 'steps'"),
        error("a linear phase forever", lr("{\"shape\": \"linear\", \"from\": 0, \"to\": 1, \"steps\": \"forever\"}"),
            "[NeedsLength] lr.phases[0].steps: a linear phase needs a length in steps; only constant, exponential, step, "
                + "milestones, inverse-sqrt, cyclic, cosine-restarts, plateau, linear-growth, stair-cycle, inverse-time and "
                + "post-cycle-momentum phases (and these shifted) may run forever"),
        error("an open phase before another",
            "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": \"forever\"}, {\"shape\": \"constant\", \"value\": 2, \"steps\": 1}]}}",
            "[OpenPhaseNotLast] lr.phases[0].steps: only the last phase may run forever; phase 0 is open but phase 1 follows it"),
        error("continuing a line past its end", "{\"lr\": {\"phases\": [{\"shape\": \"linear\", \"from\": 0.1, \"to\": 0.2, \"steps\": 5}], \"after\": \"continue\"}}",
            "[ContinueUnbounded] lr.after: after-end CONTINUE would follow the linear formula past its end, where it grows without bound; use HOLD"),
        error("an enum misspelled", lr("{\"shape\": \"cyclic\", \"base\": 0.1, \"max\": 1, \"up\": 2, \"down\": 2, \"mode\": \"triangulr\", \"steps\": 9}"),
            "[UnknownType] lr.phases[0].mode: unknown mode 'triangulr'; did you mean `triangular`?"),
        error("a boolean as a string", lr("{\"shape\": \"one-cycle\", \"start\": 0.1, \"peak\": 1, \"end\": 0, \"pctStart\": 0.3, \"threePhase\": \"yes\", \"steps\": 9}"),
            "[WrongType] lr.phases[0].threePhase: expected true or false, found the string \"yes\""),
        error("a shape rule", lr("{\"shape\": \"plateau\", \"initial\": 0.1, \"factor\": 1.5, \"patience\": -1, \"steps\": \"forever\"}"),
            "[PlateauFactorOutOfRange] lr.phases[0].factor: factor (1.5) must lie in (0, 1): a plateau reduces the value",
            "[NegativeValue] lr.phases[0].patience: patience (-1) must be at least 0"),
        error("milestones going back", lr("{\"shape\": \"milestones\", \"from\": 1, \"milestones\": [10, 30, 20], \"factor\": 0.5, \"steps\": 50}"),
            "[MilestonesNotIncreasing] lr.phases[0].milestones[2]: milestones must be increasing, but 20 follows 30"),
        error("a milestone that is not an integer", lr("{\"shape\": \"milestones\", \"from\": 1, \"milestones\": [10, \"x\"], \"factor\": 0.5, \"steps\": 50}"),
            "[WrongType] lr.phases[0].milestones[1]: expected an integer, found the string \"x\""),
        error("a negative learning rate", lr("{\"shape\": \"linear\", \"from\": 0.1, \"to\": -0.1, \"steps\": 10}"),
            "[NegativeLearningRate] lr: learning rate reaches -0.1; a learning rate must be at least 0"),
        error("momentum of 1", "{\"momentum\": {\"phases\": [{\"shape\": \"linear\", \"from\": 0.9, \"to\": 1, \"steps\": 10}]}}",
            "[MomentumOutOfRange] momentum: momentum reaches 1; momentum and Adam beta1 must lie in [0, 1)"),
        error("a misspelled channel", "{\"momentun\": {\"phases\": [{\"shape\": \"constant\", \"value\": 0.9, \"steps\": 1}]}}",
            "[UnknownChannel] momentun: unknown channel 'momentun'; did you mean `momentum`?"),
        error("a channel in capitals", "{\"LR\": {\"phases\": [{\"shape\": \"constant\", \"value\": 0.1, \"steps\": 1}]}}",
            "[UnknownChannel] LR: unknown channel 'LR'; did you mean `lr`?"),
        error("a channel that is not lower case", "{\"EmaDecay\": {\"phases\": [{\"shape\": \"constant\", \"value\": 0.1, \"steps\": 1}]}}",
            "[UnknownChannel] EmaDecay: unknown channel 'EmaDecay' (channel names are lower case: lr, momentum, weight_decay, or your own)"),
        error("a channel with a dash", "{\"weight-decay\": {\"phases\": [{\"shape\": \"constant\", \"value\": 0.1, \"steps\": 1}]}}",
            "[UnknownChannel] weight-decay: unknown channel 'weight-decay'; did you mean `weight_decay`?"),
        error("a misspelled phases at the top", "{\"phses\": [{\"shape\": \"constant\", \"value\": 0.1, \"steps\": 1}]}",
            "[UnknownKey] phses: unknown key 'phses'; did you mean `phases`?"),
        error("a misspelled phases in a channel", "{\"lr\": {\"phses\": []}}",
            "[UnknownKey] lr.phses: unknown key 'phses'; did you mean `phases`?"),
        error("a phase without its list", "{\"shape\": \"constant\", \"value\": 0.1, \"steps\": 1}",
            "[MissingKey] phases: missing required key 'phases'; a phase goes inside a list: {\"phases\": [{\"shape\": …, \"steps\": …}]}"),
        error("an empty schedule", "{\"lr\": {}}",
            "[MissingKey] lr.phases: missing required key 'phases'; a schedule is {\"phases\": […]}, {\"factors\": […]} or {\"factor\": …, \"schedule\": {…}}"),
        error("no phases", "{\"lr\": {\"phases\": []}}",
            "[EmptySchedule] lr.phases: a schedule needs at least one phase"),
        error("an empty config", "{}",
            "[MissingKey] missing required key 'lr'; an Anneal config is a plan, {\"lr\": {\"phases\": […]}, …}, or a single schedule, {\"phases\": […]}"),
        error("a null channel", "{\"lr\": null}",
            "[WrongType] lr: expected a schedule (an object), found null"),
        error("a channel that is a list", "{\"lr\": [1, 2]}",
            "[WrongType] lr: expected an object, found a list"),
        error("a phase that is a number", "{\"lr\": {\"phases\": [3]}}",
            "[WrongType] lr.phases[0]: expected an object, found 3"),
        error("a list at the top", "[{\"phases\": []}]",
            "[WrongType] expected a JSON object at the top, found a list"),
        error("a syntax error", "{\"lr\": {\"phases\": [}}",
            "[InvalidJson] line 1, column 20: unexpected close marker '}': expected ']' to close the array opened at line 1, column 19"),
        error("a duplicate key", "{\"lr\": {\"phases\": [], \"phases\": []}}",
            "[DuplicateKey] lr.phases: key given twice, on lines 1 and 1; remove one"),
        error("an empty factor list", "{\"lr\": {\"factors\": []}}",
            "[EmptySchedule] lr.factors: a schedule needs at least one phase"),
        error("a bad factor", "{\"lr\": {\"factors\": [{\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 0}]}]}}",
            "[NonPositiveLength] lr.factors[0].phases[0].steps: steps (0) must be at least 1"),
        error("a scaled schedule without its schedule", "{\"lr\": {\"factor\": NaN}}",
            "[NonFiniteValue] lr.factor: factor (NaN) must be a finite number",
            "[MissingKey] lr.schedule: missing required key 'schedule'"),
        error("many mistakes at once",
            "{\"lr\": {\"phases\": [{\"shape\": \"linear\", \"form\": 0, \"to\": NaN, \"steps\": 0},"
                + " {\"shape\": \"cosine\", \"from\": 1, \"to\": 0, \"steps\": -4}]}, \"momentun\": {}, \"weight_decay\": {\"phases\": \"x\"}}",
            "[NonFiniteValue] lr.phases[0].to: to (NaN) must be a finite number",
            "[UnknownKey] lr.phases[0].form: unknown key 'form'; did you mean `from`?",
            "[NonPositiveLength] lr.phases[0].steps: steps (0) must be at least 1",
            "[NonPositiveLength] lr.phases[1].steps: steps (-4) must be at least 1",
            "[UnknownChannel] momentun: unknown channel 'momentun'; did you mean `momentum`?",
            "[WrongType] weight_decay.phases: expected a list of objects, found the string \"x\""));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void everyMistakeIsReportedWithItsPath(Case mistake) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> FORMAT.read(mistake.json()));

    assertEquals(mistake.expected(), e.violations().stream().map(Violation::toString).toList());
    assertEquals(String.join("\n", mistake.expected()), e.getMessage());
  }

  @Test
  void errorsKeepTheWarningsFoundBesideThem() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> FORMAT.read("""
        {"lr": {"phases": [{"shape": "constant", "value": 0, "steps": 1}]},
         "momentum": {"phases": [{"shape": "constant", "value": 1.5, "steps": 1}]}}
        """));

    assertEquals(
        List.of("[MomentumOutOfRange] momentum: momentum reaches 1.5; momentum and Adam beta1 must lie in [0, 1)"),
        e.violations().stream().map(Violation::toString).toList());
    assertEquals(
        List.of("[FirstUpdateAtZero] lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing"),
        e.warnings().stream().map(Violation::toString).toList());
    assertEquals("[MomentumOutOfRange] momentum: momentum reaches 1.5; momentum and Adam beta1 must lie in [0, 1)", e.getMessage());
  }

  @Test
  void aSingleScheduleCannotBeAPlan() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> FORMAT.readSchedule("{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 1}]}}"));

    assertEquals(
        "[UnknownKey] lr: unknown key 'lr'; expected one of: after, factor, factors, phases, schedule",
        e.getMessage());
  }
}
