package dev.anneal.config.transformers;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code transformers.optimization.get_scheduler}: picks the function for an {@code
 * lr_scheduler_type} and hands it exactly the arguments upstream hands it. For some types upstream
 * silently drops arguments ({@code constant} gets neither {@code num_warmup_steps} nor {@code
 * num_training_steps} nor the scheduler kwargs; {@code constant_with_warmup} and, in transformers
 * 4, {@code inverse_sqrt} get only {@code num_warmup_steps}); each dropped argument becomes an {@code
 * IgnoredArgument} warning at the key the user wrote.
 */
final class GetScheduler {
  private GetScheduler() {}

  /**
   * One of {@code get_scheduler}'s own arguments as its caller gave it.
   *
   * @param value the value, or {@code null} for {@code None}
   * @param origin where it is written (or would be)
   * @param shown how warnings show it, e.g. {@code warmup_ratio (0.1)}
   * @param whenMissing why it is needed, for the error if it is {@code None} but required
   */
  record Given(Long value, Origin origin, String shown, String whenMissing) {}

  /** A resolved call: the function, and the arguments it receives. */
  record Call(TransformersFunction function, Arguments arguments) {}

  /**
   * The call {@code get_scheduler(type, optimizer, num_warmup_steps, num_training_steps,
   * scheduler_specific_kwargs)} makes, or {@code null} if it cannot be made (the reason is in
   * {@code problems}).
   *
   * @param function the function {@code lr_scheduler_type} selects
   * @param version whose {@code get_scheduler} makes the call
   * @param kwargs {@code scheduler_specific_kwargs} (an empty object when not given)
   */
  static Call resolve(
      TransformersFunction function, TransformersVersion version, Given warmup, Given training, JsonFields kwargs,
      Origin learningRate, Problems problems) {
    String receiver = "the '" + function.schedulerType() + "' schedule (get_scheduler ";
    Map<String, ArgumentReader.Supplied> supplied = new HashMap<>();
    TransformersFunction.Passes passes = function.passes(version);
    switch (passes) {
      case NOTHING -> {
        String why = receiver + "calls " + function.functionName() + " with the optimizer alone)";
        if (warmup.value() != null && warmup.value() > 0) {
          ignored(warmup, why, problems);
        }
        ignoredIfGiven(training, why, problems);
        ignoredKwargs(kwargs, why, problems);
        return new Call(function, ArgumentReader.read(function, empty(kwargs), supplied, learningRate, problems));
      }
      case WARMUP -> {
        String why = receiver + "passes only num_warmup_steps to " + function.functionName() + ")";
        if (!require(warmup, problems)) {
          return null;
        }
        supplied.put(TransformersFunction.Names.WARMUP, new ArgumentReader.Supplied(warmup.value(), warmup.origin()));
        ignoredIfGiven(training, why, problems);
        ignoredKwargs(kwargs, why, problems);
        return new Call(function, ArgumentReader.read(function, empty(kwargs), supplied, learningRate, problems));
      }
      case WARMUP_AND_KWARGS -> {
        String why = receiver + "passes num_warmup_steps and the kwargs to " + function.functionName() + ", not num_training_steps)";
        if (!require(warmup, problems)) {
          return null;
        }
        supplied.put(TransformersFunction.Names.WARMUP, new ArgumentReader.Supplied(warmup.value(), warmup.origin()));
        ignoredIfGiven(training, why, problems);
        return new Call(function, ArgumentReader.read(function, kwargs, supplied, learningRate, problems));
      }
      case WARMUP_TRAINING_AND_KWARGS, ALL -> {
        boolean ok = require(warmup, problems);
        if (passes == TransformersFunction.Passes.ALL) {
          ok &= require(training, problems);
        }
        if (!ok) {
          return null;
        }
        supplied.put(TransformersFunction.Names.WARMUP, new ArgumentReader.Supplied(warmup.value(), warmup.origin()));
        supplied.put(TransformersFunction.Names.TRAINING, new ArgumentReader.Supplied(training.value(), training.origin()));
        return new Call(function, ArgumentReader.read(function, kwargs, supplied, learningRate, problems));
      }
    }
    throw new IllegalStateException("unknown Passes " + passes);
  }

  /** {@code ValueError: <type> requires `num_warmup_steps` / `num_training_steps`} upstream. */
  private static boolean require(Given given, Problems problems) {
    if (given.value() == null) {
      problems.add(ConfigCode.missingKey(given.origin().path(), given.whenMissing()));
      return false;
    }
    return true;
  }

  private static void ignoredIfGiven(Given given, String why, Problems problems) {
    if (given.value() != null) {
      ignored(given, why, problems);
    }
  }

  private static void ignored(Given given, String why, Problems problems) {
    problems.add(ConfigCode.ignoredArgument(given.origin().path(), given.value(), given.shown(), why));
  }

  /** Upstream never looks at the kwargs for these types: any key, even a misspelt one, is dropped. */
  private static void ignoredKwargs(JsonFields kwargs, String why, Problems problems) {
    for (String key : kwargs.keys()) {
      problems.add(ConfigCode.ignoredArgument(kwargs.path(key), kwargs.raw(key).toString(), key + " (" + kwargs.raw(key) + ")", why));
    }
  }

  /** The function's own (defaulted) parameters are read from nothing: upstream passes none of them. */
  private static JsonFields empty(JsonFields kwargs) {
    return JsonFields.of(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), kwargs.path(), kwargs.problems());
  }
}
