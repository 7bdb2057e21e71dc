package dev.anneal.config.transformers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transformers config about to be written: the function, its two step counts and its other
 * keyword arguments, and which form to write it in.
 *
 * @param function the schedule function
 * @param warmupSteps {@code num_warmup_steps}
 * @param trainingSteps {@code num_training_steps}, or {@code null} where the function takes none
 * @param kwargs the other keyword arguments that differ from their defaults, in signature order
 *     ({@link Long}, {@link Double} or {@link String})
 * @param directCall whether to write {@code {"function", "kwargs"}}: needed where {@code
 *     get_scheduler} would drop an argument; otherwise the {@code TrainingArguments} form is written
 */
record SchedulerCall(TransformersFunction function, long warmupSteps, Long trainingSteps, Map<String, Object> kwargs, boolean directCall) {
  SchedulerCall {
    kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
  }

  /** The config text, with {@code learningRate} as {@code learning_rate}. */
  String render(double learningRate) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put(Calls.LEARNING_RATE, learningRate);
    if (directCall) {
      root.put(FunctionCallReader.FUNCTION, function.functionName());
      ObjectNode arguments = root.putObject(FunctionCallReader.KWARGS);
      if (function != TransformersFunction.CONSTANT) {
        arguments.put(TransformersFunction.Names.WARMUP, warmupSteps);
      }
      if (trainingSteps != null) {
        arguments.put(TransformersFunction.Names.TRAINING, trainingSteps);
      }
      putAll(arguments, kwargs);
    } else {
      root.put(TrainingArgumentsReader.TYPE, function.schedulerType());
      if (function != TransformersFunction.CONSTANT) {
        root.put(TrainingArgumentsReader.WARMUP_STEPS, warmupSteps);
      }
      if (trainingSteps != null) {
        root.put(TrainingArgumentsReader.MAX_STEPS, trainingSteps);
      }
      if (!kwargs.isEmpty()) {
        putAll(root.putObject(TrainingArgumentsReader.KWARGS), kwargs);
      }
    }
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print a tree of numbers and strings", e);
    }
  }

  private static void putAll(ObjectNode node, Map<String, Object> values) {
    values.forEach((key, value) -> {
      if (value instanceof Long number) {
        node.put(key, number);
      } else if (value instanceof Double number) {
        node.put(key, number);
      } else {
        node.put(key, (String) value);
      }
    });
  }
}
