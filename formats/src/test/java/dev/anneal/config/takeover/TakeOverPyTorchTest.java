package dev.anneal.config.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import dev.anneal.schedule.Stepped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Takes over runs from states that torch 1.13 saved (takeover/pytorch/make_states.py): the resume
 * step is torch's last_epoch, upstream's next lr its _last_lr, and the config started there continues
 * with the lr every later update of torch's uninterrupted run used.
 */
class TakeOverPyTorchTest {
  @ParameterizedTest
  @ValueSource(strings = {"steplr", "cosine", "multistep", "warmrestarts", "sequential", "plateau", "lambda"})
  void continuesTorchsUninterruptedCurve(String name) {
    TakeOverReport report = check(name, TakeOverResources.text("pytorch/" + name + ".config.json"));
    JsonNode curve = TakeOverResources.json("pytorch/" + name + ".curve.json");
    double[] torch = TakeOverResources.doubles(curve.get("lr"));
    int resumeAfter = curve.get("resume_after").asInt();

    assertEquals(resumeAfter, report.resumeStep());
    assertEquals(torch[resumeAfter], report.upstreamNext().getAsDouble(), "torch's _last_lr is the next update's lr");
    assertTrue(GoldenAssert.close(torch[resumeAfter], report.annealNext().getAsDouble()));
    assertEquals(List.of(), report.differences());
    assertTrue(report.continuesExactly());

    Imported config = Formats.byName("pytorch").read(TakeOverResources.text("pytorch/" + name + ".config.json"));
    Schedule lr = config.plan().channel("lr");
    ScheduleState state = PlateauStates.continuing(lr, report.state().plateau());
    double[] expected = new double[torch.length - resumeAfter];
    double[] continued = new double[expected.length];
    for (int step = resumeAfter; step < torch.length; step++) {
      expected[step - resumeAfter] = torch[step];
      continued[step - resumeAfter] = lr.valueAt(step, state);
      if (curve.has("metrics")) {
        state = lr.observe(state, step, curve.get("metrics").get(step).asDouble());
      }
    }
    GoldenAssert.assertCurve(name + " taken over at update " + resumeAfter, expected, continued);
  }

  @Test
  void aLambdaIsNotRebuiltButItsValueIsCompared() {
    TakeOverReport report = check("lambda", TakeOverResources.text("pytorch/lambda.config.json"));

    assertEquals("LambdaLR", report.state().kind());
    assertEquals(List.of("[PlanNotRebuilt] type: LambdaLR's state does not hold its lr_lambdas (state_dict keeps a lambda as null: "
        + "only a callable object's __dict__ is saved), so upstream's plan cannot be rebuilt from it: only the value at the resume step is compared"),
        report.diagnostics().stream().map(Violation::toString).toList());
    assertTrue(report.upstreamConfig().isEmpty());
  }

  @Test
  void theRebuiltSchedulerIsThePyTorchConfigOfItsState() {
    TakeOverReport report = check("multistep", TakeOverResources.text("pytorch/multistep.config.json"));

    // MultiStepLR keeps its milestones as a Counter ({"2": 1, "5": 2}): rebuilt as the list torch was given.
    assertEquals("{\"optimizer\":{\"type\":\"SGD\",\"lr\":0.2},\"scheduler\":{\"type\":\"MultiStepLR\",\"kwargs\":{\"milestones\":[2,5,5],\"gamma\":0.1}}}",
        report.state().upstream().orElseThrow().config().toString());
  }

  @Test
  void aChangedStepSizeIsADifferenceAndTheCurvePartsWhereTorchsWouldNot() {
    String changed = """
        {"optimizer": {"type": "SGD", "lr": 0.1}, "scheduler": {"type": "StepLR", "kwargs": {"step_size": 4, "gamma": 0.5}}}""";

    TakeOverReport report = check("steplr", changed);

    // After 7 steps torch's StepLR(3, 0.5) uses 0.1 * 0.5^(7 // 3) = 0.025; StepLR(4, 0.5) gives 0.1 * 0.5^(7 // 4) = 0.05.
    // At update 9 they part again: 0.1 * 0.5^(9 // 3) = 0.0125 against 0.1 * 0.5^(9 // 4) = 0.025 (update 8 agrees: 0.025).
    assertEquals(List.of(
        "lr at update 7: upstream 0.025, config 0.05 — upstream's optimizer was saved with this lr and uses it for the next update; "
            + "the config's first update after the takeover uses its own",
        "lr.schedule.phases[0].every: upstream 3, config 4 — torch's load_state_dict restores every field of the saved "
            + "scheduler, so a resumed torch run keeps upstream's value; Anneal would run the config's",
        "lr at update 9: upstream 0.0125, config 0.025 — the first update after the resume step where the config's curve parts "
            + "from the one a resumed torch run follows"),
        report.differences().stream().map(TakeOverDifference::toString).toList());
    assertFalse(report.continuesExactly());
  }

  @Test
  void theSameCurveDefinedOtherwiseIsOneLineThatDoesNotPartTheRuns() {
    // Anneal JSON's step shape from 0.1, halved every 3 updates: torch's StepLR(3, 0.5) on lr 0.1, written with other fields.
    String anneal = "{\"lr\": {\"phases\": [{\"shape\": \"step\", \"from\": 0.1, \"factor\": 0.5, \"every\": 3, \"steps\": \"forever\"}]}}";
    ForeignState state = ForeignStates.read(TakeOverResources.text("pytorch/steplr.state.json"), Optional.empty());

    TakeOverReport report = TakeOverCheck.check(state, Formats.byName("anneal").read(anneal), anneal);

    assertEquals(List.of("lr.after (and 14 more definition differences of lr): upstream (absent), config HOLD — the config defines lr "
        + "otherwise than upstream's scheduler, which torch's load_state_dict restores, but gives the same value at every update compared "
        + "after the resume step: the run does not change"), report.differences().stream().map(TakeOverDifference::toString).toList());
    assertTrue(report.continuesExactly());
  }

  @Test
  void aConfigSteppedPerEpochResumesAtTheNextEpochsFirstUpdate() {
    // torch's last_epoch counts scheduler steps: 7 epochs of 10 updates are 70 updates.
    Imported perUpdate = Formats.byName("pytorch").read(TakeOverResources.text("pytorch/steplr.config.json"));
    Schedule perEpoch = new Stepped(perUpdate.plan().channel("lr"), Cadence.perEpoch(10));
    Imported config = new Imported("pytorch", new Plan(Map.of("lr", perEpoch)), List.of());
    ForeignState state = ForeignStates.read(TakeOverResources.text("pytorch/steplr.state.json"), Optional.empty());

    TakeOverReport report = TakeOverCheck.check(state, config, "");

    assertEquals(70, report.resumeStep());
    assertEquals(10, report.updatesPerSchedulerStep());
    assertEquals(0.025, report.annealNext().getAsDouble());
    // Upstream's rebuilt StepLR is stepped per epoch too, so the plans are the same.
    assertEquals(List.of(), report.differences());
  }

  private static TakeOverReport check(String stateName, String configText) {
    ForeignState state = ForeignStates.read(TakeOverResources.text("pytorch/" + stateName + ".state.json"), Optional.empty());
    Imported config = Formats.byName("pytorch").read(configText);
    return TakeOverCheck.check(state, config, configText);
  }
}
