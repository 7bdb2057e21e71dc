package dev.anneal.config.transformers;

import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a direct call of a {@code transformers.optimization} function: {@code {"learning_rate": …,
 * "function": "get_cosine_schedule_with_warmup", "kwargs": {…}}}, the keyword arguments exactly as
 * the function takes them (the optimizer, whose learning rate is {@code learning_rate}, is the
 * positional argument). {@code get_scheduler} itself may be called too, with {@code name}, {@code
 * num_warmup_steps}, {@code num_training_steps} and {@code scheduler_specific_kwargs}, as the
 * {@link TransformersVersion} named by {@code transformers_version} makes it.
 */
final class FunctionCallReader {
  static final String FUNCTION = "function";
  static final String KWARGS = "kwargs";
  static final String GET_SCHEDULER = "get_scheduler";

  private FunctionCallReader() {}

  /** The preset, or {@code null} with the reasons in {@code root.problems()}. */
  static TransformersPreset read(JsonFields root) {
    Problems problems = root.problems();
    TransformersVersion version = TransformersVersion.read(root);
    double learningRate = Calls.learningRate(root);
    String name = root.requireString(FUNCTION);
    JsonFields kwargs = Calls.objectOrEmpty(root, KWARGS);
    root.rejectUnknownKeys();
    if (name == null || kwargs == null) {
      return null;
    }
    GetScheduler.Call call;
    if (GET_SCHEDULER.equals(name)) {
      call = getScheduler(kwargs, version);
    } else {
      List<String> known = new ArrayList<>(TransformersFunction.functionNames());
      known.add(GET_SCHEDULER);
      Optional<TransformersFunction> function = TransformersFunction.find(
          name, TransformersFunction::byFunctionName, known, "function", root.path(FUNCTION), problems);
      if (function.isEmpty()) {
        return null;
      }
      call = new GetScheduler.Call(
          function.get(), ArgumentReader.read(function.get(), kwargs, ArgumentReader.none(), Calls.learningRateOrigin(), problems));
    }
    if (call == null || problems.hasErrors()) {
      return null;
    }
    return Calls.build(learningRate, call, problems);
  }

  /** {@code get_scheduler(name, optimizer, num_warmup_steps=None, num_training_steps=None, scheduler_specific_kwargs=None)}. */
  private static GetScheduler.Call getScheduler(JsonFields kwargs, TransformersVersion version) {
    Problems problems = kwargs.problems();
    String type = kwargs.requireString("name");
    Long warmup = kwargs.has("num_warmup_steps") ? kwargs.optLong("num_warmup_steps", 0) : null;
    Long training = kwargs.has("num_training_steps") ? kwargs.optLong("num_training_steps", 0) : null;
    JsonFields specific = Calls.objectOrEmpty(kwargs, "scheduler_specific_kwargs");
    kwargs.rejectUnknownKeys();
    if (type == null || specific == null) {
      return null;
    }
    Optional<TransformersFunction> function = Calls.schedulerType(type, version, kwargs.path("name"), "scheduler name", problems);
    if (function.isEmpty() || problems.hasErrors()) {
      return null;
    }
    String needs = "' (get_scheduler raises ValueError: " + type + " requires it)";
    return GetScheduler.resolve(
        function.get(), version,
        new GetScheduler.Given(warmup, new Origin(kwargs.path("num_warmup_steps"), "num_warmup_steps"),
            "num_warmup_steps (" + warmup + ")", "'num_warmup_steps" + needs),
        new GetScheduler.Given(training, new Origin(kwargs.path("num_training_steps"), "num_training_steps"),
            "num_training_steps (" + training + ")", "'num_training_steps" + needs),
        specific, Calls.learningRateOrigin(), problems);
  }
}
