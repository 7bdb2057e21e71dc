package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.builder.Schedules;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter groups: binding by name, the errors a bad grouping gives, and each group's values applied. */
class GroupsTest {
  static final List<String> NAMES = List.of("01Linear_weight", "01Linear_bias", "02Linear_weight", "02Linear_bias");

  static Map<String, String> ids() {
    Map<String, String> ids = new LinkedHashMap<>();
    NAMES.forEach(name -> ids.put(name, name + "-id"));
    return ids;
  }

  static Plan plan(double lr) {
    return Plan.of(Schedules.constant(lr).forever().build());
  }

  @Test
  void theModelNamesItsParametersAsTheseTestsAssume() {
    try (Model model = Tiny.model(Tiny.twoLayers())) {
      assertEquals(NAMES, Tiny.names(model));
    }
  }

  @Test
  void unmatchedDoublyMatchedAndUnusedAreListedTogether() {
    ScheduledTraining schedule = ScheduledTraining.builder()
        .addGroup(ParameterGroup.of("weights", "glob:*_weight", plan(0.1)))
        .addGroup(ParameterGroup.of("first", "regex:01.*", plan(0.01)))
        .addGroup(ParameterGroup.of("norms", "glob:*{gamma,beta}", plan(0.01)))
        .build();
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> schedule.bind(ids(), 1));
    assertEquals(String.join("\n",
        "[ParametersUnmatched] groups: no parameter group selects 02Linear_bias; add a group whose pattern matches, or a catch-all group (glob:*)",
        "[ParametersMatchedTwice] groups: 01Linear_weight is selected by weights (glob:*_weight) and first (regex:01.*);"
            + " make the patterns disjoint so that each trainable parameter has exactly one group",
        "[UnusedGroup] groups.norms: group norms (glob:*{gamma,beta}) selects no trainable parameter;"
            + " the parameters are 01Linear_weight, 01Linear_bias, 02Linear_weight, 02Linear_bias"), e.getMessage());
  }

  @Test
  void aBadPatternNamesItself() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> ParameterSelector.parse("glob:*{bias"));
    assertEquals("[InvalidPattern] selector: 'glob:*{bias' is not a valid glob pattern: unclosed '{'", e.getMessage());
  }

  @Test
  void aFactorOnAMissingChannelIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> ParameterGroup.scaled("biases", "*_bias", plan(0.1), Map.of(Plan.WEIGHT_DECAY, 0.0)));
    assertEquals("[UnknownChannel] groups.biases.weight_decay: unknown channel 'weight_decay' (the plan has [lr])", e.getMessage());
  }

  /**
   * Megatron-style decoupled learning rate for the first layer (a plan of its own), and the second
   * layer's bias at half the base rate with no weight decay: with plain SGD each parameter moves by
   * exactly its own group's learning rate times its gradient.
   */
  @Test
  void eachGroupUsesItsOwnValues() {
    Schedule base = SgdLearningRateTest.warmupCosine();
    Schedule decoupled = Schedules.linear(0.001, 0.02).over(30).then().cosineTo(0.0001).over(270).build();
    Plan basePlan = Plan.of(base);
    ScheduledTraining schedule = ScheduledTraining.builder()
        .addGroup(ParameterGroup.of("embedding", "regex:01Linear_.*", Plan.of(decoupled)))
        .addGroup(ParameterGroup.of("weights", "02Linear_weight", basePlan))
        .addGroup(ParameterGroup.scaled("biases", "glob:02*_bias", basePlan, Map.of(Plan.LR, 0.5)))
        .build();
    Map<String, java.util.function.LongToDoubleFunction> expected = Map.of(
        "01Linear_weight", decoupled::valueAt, "01Linear_bias", decoupled::valueAt,
        "02Linear_weight", base::valueAt, "02Linear_bias", step -> 0.5 * base.valueAt(step));
    try (Model model = Tiny.model(Tiny.twoLayers()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      for (int step = 0; step < 60; step++) {
        Map<String, float[]> before = Tiny.parameters(model);
        Tiny.backward(trainer, step);
        Map<String, float[]> gradients = Tiny.gradients(model);
        trainer.step();
        schedule.endStep();
        Map<String, float[]> after = Tiny.parameters(model);
        for (String name : NAMES) {
          float lr = (float) expected.get(name).applyAsDouble(step);
          for (int i = 0; i < before.get(name).length; i++) {
            assertEquals(before.get(name)[i] - lr * gradients.get(name)[i], after.get(name)[i], 0f, name + "[" + i + "] at step " + step);
          }
        }
      }
    }
  }
}
