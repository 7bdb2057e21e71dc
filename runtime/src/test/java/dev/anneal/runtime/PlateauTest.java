package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.training.Trainer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.builder.Schedules;
import dev.anneal.golden.GoldenCase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Plateau;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's ReduceLROnPlateau reference run ({@code golden/pytorch/reducelronplateau-min.json} of
 * the dsl test-jar, the copy of {@code shared/golden}, produced by torch 1.13): its metric sequence
 * is fed through the listener after every update of a real training run, and the learning rate every update used, read back from the parameters, is
 * the reference's.
 */
class PlateauTest {

  @Test
  void aScriptedMetricGivesPyTorchsReductions() {
    GoldenCase golden = GoldenCase.named("pytorch", "reducelronplateau-min");
    JsonNode config = golden.config();
    assertEquals("min", config.get("mode").asText());
    assertEquals("rel", config.get("threshold_mode").asText());
    Plateau plateau = new Plateau(
        golden.optimizer().get("lr").asDouble(), Plateau.Mode.MIN, config.get("factor").asDouble(), config.get("patience").asLong(),
        config.get("threshold").asDouble(), Plateau.ThresholdMode.REL, config.get("cooldown").asLong(), config.get("min_lr").asDouble(), 1e-8);
    double[] metrics = golden.metrics();
    double[] expected = golden.lr();

    ScheduledTraining schedule = ScheduledTraining.builder()
        .setPlan(Plan.of(Schedules.shape(plateau).forever().build()))
        .optFeedback(new Feedback.MetricEvery(1, updates -> metrics[(int) updates - 1])) // metrics[i] follows update i + 1
        .build();
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      for (int step = 0; step < expected.length; step++) {
        Map<String, float[]> before = Tiny.parameters(model);
        Tiny.backward(trainer, step);
        Map<String, float[]> gradients = Tiny.gradients(model);
        trainer.step();
        schedule.endStep();
        Map<String, float[]> after = Tiny.parameters(model);
        float lr = (float) expected[step];
        for (String name : before.keySet()) {
          for (int i = 0; i < before.get(name).length; i++) {
            assertEquals(before.get(name)[i] - lr * gradients.get(name)[i], after.get(name)[i], 0f,
                name + "[" + i + "] at update " + (step + 1) + " (reference lr " + expected[step] + ")");
          }
        }
      }
    }
    assertEquals(expected[expected.length - 1], schedule.nextValues().value(0, Plan.LR), 0.0);
  }
}
