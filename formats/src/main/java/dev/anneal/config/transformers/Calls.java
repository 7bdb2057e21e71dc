package dev.anneal.config.transformers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What both forms of a transformers config share: the learning rate, and building the resolved call. */
final class Calls {
  static final String LEARNING_RATE = LambdaBuilder.LEARNING_RATE;

  private Calls() {}

  /** {@code learning_rate}: required, a finite number, at least 0. */
  static double learningRate(JsonFields root) {
    double learningRate = root.requireDouble(LEARNING_RATE);
    if (Double.isFinite(learningRate)) {
      List<Violation> found = new ArrayList<>();
      Rules.nonNegative(found, LEARNING_RATE, learningRate);
      found.forEach(root.problems()::add);
    }
    return learningRate;
  }

  static Origin learningRateOrigin() {
    return new Origin(LEARNING_RATE, LEARNING_RATE);
  }

  /**
   * The preset for {@code call}, with every violation and warning moved to where the user wrote the
   * argument; {@code null} (with the errors in {@code problems}) if upstream would raise.
   */
  static TransformersPreset build(double learningRate, GetScheduler.Call call, Problems problems) {
    try {
      TransformersPreset preset = call.function().build(learningRate, call.arguments());
      preset.warnings().forEach(warning -> problems.add(call.arguments().place(warning)));
      return preset;
    } catch (InvalidScheduleException e) {
      e.violations().forEach(violation -> problems.add(call.arguments().place(violation)));
      e.warnings().forEach(warning -> problems.add(call.arguments().place(warning)));
      return null;
    }
  }

  /** The object at {@code key}, an empty one at its path when absent, or {@code null} if it is not an object. */
  static JsonFields objectOrEmpty(JsonFields parent, String key) {
    if (parent.has(key)) {
      return parent.optObject(key); // null, and reported, if it is not an object
    }
    return JsonFields.of(JsonNodeFactory.instance.objectNode(), parent.path(key), parent.problems());
  }

  /** transformers 5's metric-driven scheduler type (GreedyLR, huggingface/transformers#44271). */
  static final String GREEDY = "greedy";

  /**
   * As {@link #schedulerType(String, String, String, Problems)}, in {@code version}: transformers 5
   * also knows {@code greedy}, which is no closed-form schedule.
   */
  static Optional<TransformersFunction> schedulerType(
      String type, TransformersVersion version, String path, String what, Problems problems) {
    if (version == TransformersVersion.V5 && GREEDY.equals(type)) {
      problems.add(ConfigCode.notImportable(path, type, "transformers", "transformers 5's greedy (GreedyLR, get_greedy_schedule) is"
          + " not a closed-form schedule: Trainer steps it with the evaluation loss, and it raises or lowers the learning rate by"
          + " its factor as the loss improves or stalls; declare a plateau phase, or use the pytorch format's ReduceLROnPlateau"
          + " with one metric per update"));
      return Optional.empty();
    }
    return schedulerType(type, path, what, problems);
  }

  /**
   * The function {@code lr_scheduler_type} names, or empty with an {@code UnknownType} (and a "did
   * you mean") or {@code NotImportable} in {@code problems}.
   */
  static Optional<TransformersFunction> schedulerType(String type, String path, String what, Problems problems) {
    return TransformersFunction.find(
        type, TransformersFunction::bySchedulerType, TransformersFunction.schedulerTypes(), what, path, problems);
  }
}
