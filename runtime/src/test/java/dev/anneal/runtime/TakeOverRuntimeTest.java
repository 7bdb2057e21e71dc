package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.training.Trainer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.config.takeover.ForeignState;
import dev.anneal.config.takeover.ForeignStates;
import dev.anneal.config.takeover.TakeOverCheck;
import dev.anneal.config.takeover.TakeOverReport;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.schedule.Plan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A DJL run taken over from a scheduler state torch 1.13 saved (formats' takeover/pytorch, made by
 * make_states.py there): started with {@code optStartStep(report.resumeStep())}, every later update
 * applies the lr torch's uninterrupted run used at that update. Plain SGD, so the lr an update
 * applied is read back from the parameters ({@code w - lr * g}, bit for bit in float).
 */
class TakeOverRuntimeTest {
  @ParameterizedTest
  @ValueSource(strings = {"steplr", "warmrestarts"})
  void aRunStartedAtTheStatesStepContinuesTorchsCurve(String name) throws IOException {
    String configText = resource("pytorch/" + name + ".config.json");
    Imported config = Formats.byName("pytorch").read(configText);
    ForeignState state = ForeignStates.read(resource("pytorch/" + name + ".state.json"), Optional.empty());
    TakeOverReport report = TakeOverCheck.check(state, config, configText);
    JsonNode curve = new ObjectMapper().readTree(resource("pytorch/" + name + ".curve.json"));
    assertTrue(report.continuesExactly(), report.differences().toString());

    ScheduledTraining late = ScheduledTraining.builder().setPlan(config.plan()).optStartStep(report.resumeStep()).build();
    int total = curve.get("lr").size();
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(late).build(), late)) {
      Tiny.setParameters(model);
      for (int step = (int) report.resumeStep(); step < total; step++) {
        double torch = curve.get("lr").get(step).asDouble();
        double next = late.nextValues().value(0, Plan.LR);
        assertTrue(GoldenAssert.close(torch, next), name + " update " + step + ": torch " + torch + ", Anneal " + next);
        Map<String, float[]> before = Tiny.parameters(model);
        Tiny.backward(trainer, step);
        Map<String, float[]> gradients = Tiny.gradients(model);
        trainer.step();
        late.endStep();
        Map<String, float[]> after = Tiny.parameters(model);
        for (String parameter : before.keySet()) {
          float[] w0 = before.get(parameter);
          float[] g = gradients.get(parameter);
          for (int i = 0; i < w0.length; i++) {
            assertEquals(w0[i] - (float) next * g[i], after.get(parameter)[i], 0f, parameter + "[" + i + "] at update " + step);
          }
        }
      }
      assertEquals(total, late.step());
    }
  }

  /**
   * torch's ReduceLROnPlateau saved after 6 of 12 updates (lr already halved twice to 0.025, best
   * 0.9): started with the step and the plateau's standing, the run applies torch's lr at every
   * later update while the same metrics are fed after each, so its reductions fall where torch's did.
   */
  @Test
  void aPlateauTakenOverContinuesFromItsStanding() throws IOException {
    String configText = resource("pytorch/plateau.config.json");
    Imported config = Formats.byName("pytorch").read(configText);
    ForeignState state = ForeignStates.read(resource("pytorch/plateau.state.json"), Optional.empty());
    TakeOverReport report = TakeOverCheck.check(state, config, configText);
    JsonNode curve = new ObjectMapper().readTree(resource("pytorch/plateau.curve.json"));
    assertTrue(report.continuesExactly(), report.differences().toString());

    ScheduledTraining late = ScheduledTraining.builder().setPlan(config.plan())
        .optStartStep(report.resumeStep()).optStartState(Plan.LR, report.lrState()).build();
    ScheduledTraining unobserved = ScheduledTraining.builder().setPlan(config.plan()).optStartStep(report.resumeStep()).build();

    assertEquals(0.1, unobserved.nextValues().value(0, Plan.LR), "optStartStep alone starts the plateau at the config's lr");
    int total = curve.get("lr").size();
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(late).build(), late)) {
      Tiny.setParameters(model);
      for (int step = (int) report.resumeStep(); step < total; step++) {
        double torch = curve.get("lr").get(step).asDouble();
        double next = late.nextValues().value(0, Plan.LR);
        assertTrue(GoldenAssert.close(torch, next), "plateau update " + step + ": torch " + torch + ", Anneal " + next);
        Map<String, float[]> before = Tiny.parameters(model);
        Tiny.backward(trainer, step);
        Map<String, float[]> gradients = Tiny.gradients(model);
        trainer.step();
        late.observe(curve.get("metrics").get(step).asDouble()); // ends the update, then scheduler.step(metric)
        Map<String, float[]> after = Tiny.parameters(model);
        for (String parameter : before.keySet()) {
          assertEquals(before.get(parameter)[0] - (float) next * gradients.get(parameter)[0], after.get(parameter)[0], 0f,
              parameter + " at update " + step);
        }
      }
      assertEquals(total, late.step());
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TakeOverRuntimeTest.class.getResourceAsStream("/takeover/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
