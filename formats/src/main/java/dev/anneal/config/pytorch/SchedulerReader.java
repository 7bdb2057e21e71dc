package dev.anneal.config.pytorch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.Plateau;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads a {@code {"type": <class>, "kwargs": {…}}} scheduler object of a {@code pytorch} config
 * into a {@link PyTorchScheduler}, key by key as the class's {@code __init__} takes its keyword
 * arguments (torch 1.13's, and the ones 2.x added where the config follows 2.x): unknown keys, wrong JSON types, NaN and Python-type checks that PyTorch
 * makes ({@code isinstance(T_0, int)}) become violations at the key's JSON path. Value checks are
 * the presets' own ({@link PyTorchSchedulers#build}).
 */
final class SchedulerReader {
  /** Every scheduler type the format reads, in torch's order. */
  static final List<String> TYPES = List.of(
      "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR", "SequentialLR", "CosineAnnealingLR",
      "ChainedScheduler", "ReduceLROnPlateau", "CyclicLR", "CosineAnnealingWarmRestarts", "OneCycleLR", "PolynomialLR");

  /** torch 1.13 schedulers that take Python functions, which a JSON config cannot carry. */
  private static final Map<String, String> FUNCTION_TYPES = Map.of(
      "LambdaLR", "LambdaLR takes a Python function (lr_lambda)",
      "MultiplicativeLR", "MultiplicativeLR takes a Python function (lr_lambda)");

  private final Problems problems;
  private final TorchVersion version;

  SchedulerReader(Problems problems, TorchVersion version) {
    this.problems = problems;
    this.version = version;
  }

  /** The scheduler of {@code fields} ({@code type} and {@code kwargs}), or {@code null} after reporting an error. */
  PyTorchScheduler read(JsonFields fields, boolean topLevel) {
    int before = problems.all().size();
    String type = fields.requireString("type");
    JsonFields kwargs = fields.optObject("kwargs");
    fields.rejectUnknownKeys();
    if (kwargs == null && !fields.has("kwargs")) {
      kwargs = JsonFields.of(JsonNodeFactory.instance.objectNode(), fields.path("kwargs"), problems);
    }
    if (type == null || kwargs == null) {
      return null;
    }
    PyTorchScheduler scheduler = switch (type) {
      case "StepLR" -> stepLr(kwargs);
      case "MultiStepLR" -> new MultiStepLR(milestones(kwargs), kwargs.optDouble("gamma", MultiStepLR.DEFAULT_GAMMA));
      case "ConstantLR" -> new ConstantLR(
          kwargs.optDouble("factor", ConstantLR.DEFAULT_FACTOR), kwargs.optLong("total_iters", ConstantLR.DEFAULT_TOTAL_ITERS));
      case "LinearLR" -> new LinearLR(
          kwargs.optDouble("start_factor", LinearLR.DEFAULT_START_FACTOR),
          kwargs.optDouble("end_factor", LinearLR.DEFAULT_END_FACTOR),
          kwargs.optLong("total_iters", LinearLR.DEFAULT_TOTAL_ITERS));
      case "ExponentialLR" -> new ExponentialLR(kwargs.requireDouble("gamma"));
      case "PolynomialLR" -> new PolynomialLR(
          kwargs.optLong("total_iters", PolynomialLR.DEFAULT_TOTAL_ITERS), kwargs.optDouble("power", PolynomialLR.DEFAULT_POWER));
      case "CosineAnnealingLR" -> new CosineAnnealingLR(kwargs.requireLong("T_max"), kwargs.optDouble("eta_min", 0));
      case "CosineAnnealingWarmRestarts" -> new CosineAnnealingWarmRestarts(
          pythonInt(kwargs, "T_0") ? kwargs.requireLong("T_0") : 0,
          pythonInt(kwargs, "T_mult") ? kwargs.optLong("T_mult", CosineAnnealingWarmRestarts.DEFAULT_T_MULT) : 1,
          kwargs.optDouble("eta_min", 0));
      case "CyclicLR" -> cyclic(kwargs);
      case "OneCycleLR" -> oneCycle(kwargs);
      case "ReduceLROnPlateau" -> plateau(kwargs);
      case "SequentialLR" -> new SequentialLR(members(kwargs), requireLongs(kwargs, "milestones"));
      case "ChainedScheduler" -> chained(kwargs);
      default -> {
        unknownType(fields, type);
        yield null;
      }
    };
    if (scheduler != null) {
      commonArguments(kwargs, type);
      kwargs.rejectUnknownKeys();
    }
    return Reading.valuesReliable(problems, before) ? scheduler : null;
  }

  private void unknownType(JsonFields fields, String type) {
    String path = fields.path("type");
    if (FUNCTION_TYPES.containsKey(type)) {
      problems.add(ConfigCode.notImportable(path, type, "PyTorch", FUNCTION_TYPES.get(type)
          + ", which a JSON config cannot express; write the schedule with Anneal's builder or pick a scheduler without a function"));
    } else {
      problems.add(ConfigCode.unknownType(path, "scheduler type", type, DidYouMean.hint(type, TYPES)));
    }
  }

  /** {@code last_epoch} (a resume: refused) and {@code verbose} (no effect), where the class takes them. */
  private void commonArguments(JsonFields kwargs, String type) {
    if (!type.equals("ChainedScheduler") && !type.equals("ReduceLROnPlateau")) {
      long lastEpoch = kwargs.optLong("last_epoch", -1);
      if (lastEpoch != -1) {
        problems.add(PyTorchCode.resumeByStep(kwargs.path("last_epoch"), lastEpoch));
      }
    }
    if (!type.equals("ChainedScheduler") && kwargs.optBoolean("verbose", false)) {
      problems.add(PyTorchCode.noEffect(kwargs.path("verbose"), true, "verbose", "it makes PyTorch print every change of the learning rate"));
    }
  }

  private PyTorchScheduler cyclic(JsonFields kwargs) {
    double baseLr = kwargs.requireDouble("base_lr");
    double maxLr = kwargs.requireDouble("max_lr");
    long up = kwargs.optLong("step_size_up", CyclicLR.DEFAULT_STEP_SIZE_UP);
    Long down = kwargs.has("step_size_down") ? kwargs.optLong("step_size_down", 0) : null;
    String mode = kwargs.optChoice("mode", List.of("triangular", "triangular2", "exp_range"), "triangular");
    double gamma = kwargs.optDouble("gamma", 1.0);
    if (kwargs.has("scale_fn")) {
      problems.add(ConfigCode.notImportable(kwargs.path("scale_fn"), null, "PyTorch",
          "scale_fn is a Python function, which a JSON config cannot express; use mode triangular, triangular2 or exp_range"));
    }
    if (kwargs.has("scale_mode")) {
      String scaleMode = kwargs.optChoice("scale_mode", List.of("cycle", "iterations"), "cycle");
      problems.add(ConfigCode.ignoredArgument(kwargs.path("scale_mode"), scaleMode, "scale_mode", "CyclicLR without scale_fn (mode decides it)"));
    }
    boolean cycleMomentum = kwargs.optBoolean("cycle_momentum", true);
    double baseMomentum = kwargs.optDouble("base_momentum", CyclicLR.DEFAULT_BASE_MOMENTUM);
    double maxMomentum = kwargs.optDouble("max_momentum", CyclicLR.DEFAULT_MAX_MOMENTUM);
    return new CyclicLR(baseLr, maxLr, up, down, Cyclic.Mode.valueOf(mode.toUpperCase(Locale.ROOT)), gamma, cycleMomentum, baseMomentum, maxMomentum);
  }

  private PyTorchScheduler oneCycle(JsonFields kwargs) {
    double maxLr = kwargs.requireDouble("max_lr");
    Long totalSteps = optPythonInt(kwargs, "total_steps");
    Long epochs = optPythonInt(kwargs, "epochs");
    Long stepsPerEpoch = optPythonInt(kwargs, "steps_per_epoch");
    double pctStart = OneCycleLR.DEFAULT_PCT_START;
    if (kwargs.has("pct_start")) {
      JsonNode raw = kwargs.raw("pct_start");
      if (raw.isIntegralNumber()) {
        problems.add(ConfigCode.wrongType(kwargs.path("pct_start"), raw.asText(),
            "a float such as " + raw.asText() + ".0 (torch 1.13 raises ValueError for an integer pct_start)", raw.asText()));
      } else {
        pctStart = kwargs.optDouble("pct_start", OneCycleLR.DEFAULT_PCT_START);
      }
    }
    String anneal = kwargs.optChoice("anneal_strategy", List.of("cos", "linear"), "cos");
    return new OneCycleLR(
        maxLr, totalSteps, epochs, stepsPerEpoch, pctStart,
        anneal.equals("cos") ? OneCycle.Anneal.COS : OneCycle.Anneal.LINEAR,
        kwargs.optBoolean("cycle_momentum", true),
        kwargs.optDouble("base_momentum", OneCycleLR.DEFAULT_BASE_MOMENTUM),
        kwargs.optDouble("max_momentum", OneCycleLR.DEFAULT_MAX_MOMENTUM),
        kwargs.optDouble("div_factor", OneCycleLR.DEFAULT_DIV_FACTOR),
        kwargs.optDouble("final_div_factor", OneCycleLR.DEFAULT_FINAL_DIV_FACTOR),
        kwargs.optBoolean("three_phase", false));
  }

  private PyTorchScheduler plateau(JsonFields kwargs) {
    ReduceLROnPlateau defaults = new ReduceLROnPlateau();
    String mode = kwargs.optChoice("mode", List.of("min", "max"), "min");
    String thresholdMode = kwargs.optChoice("threshold_mode", List.of("rel", "abs"), "rel");
    double minLr = defaults.minLr();
    if (kwargs.has("min_lr")) {
      JsonNode raw = kwargs.raw("min_lr");
      if (raw.isArray()) {
        // PyTorch takes one min_lr per param group; the config has one group.
        List<Double> values = kwargs.optDoubles("min_lr", List.of());
        if (values.size() != 1) {
          problems.add(ConfigCode.wrongType(kwargs.path("min_lr"), values, "a number or a list of one number (one param group)", "a list of " + values.size()));
        } else {
          minLr = values.get(0);
        }
      } else {
        minLr = kwargs.optDouble("min_lr", defaults.minLr());
      }
    }
    return new ReduceLROnPlateau(
        mode.equals("min") ? Plateau.Mode.MIN : Plateau.Mode.MAX,
        kwargs.optDouble("factor", defaults.factor()),
        kwargs.optLong("patience", defaults.patience()),
        kwargs.optDouble("threshold", defaults.threshold()),
        thresholdMode.equals("rel") ? Plateau.ThresholdMode.REL : Plateau.ThresholdMode.ABS,
        kwargs.optLong("cooldown", defaults.cooldown()),
        minLr,
        kwargs.optDouble("eps", defaults.eps()));
  }

  /**
   * torch 2.x's {@code ChainedScheduler(schedulers, optimizer=None)}: the config names the one
   * optimizer it has as {@code "optimizer": "optimizer"}; torch 1.13 has no such keyword.
   */
  private PyTorchScheduler chained(JsonFields kwargs) {
    if (kwargs.has("optimizer")) {
      String optimizer = kwargs.optString("optimizer", "optimizer");
      if (version.is113()) {
        problems.add(PyTorchCode.newerTorchOnly(kwargs.path("optimizer"), optimizer, "ChainedScheduler(..., optimizer=...)",
            "raises TypeError (ChainedScheduler.__init__() got an unexpected keyword argument 'optimizer')"));
      } else if (optimizer != null && !optimizer.equals("optimizer")) {
        problems.add(ConfigCode.wrongType(kwargs.path("optimizer"), optimizer,
            "\"optimizer\", the config's one optimizer (a ChainedScheduler drives the optimizer of its schedulers)", "\"" + optimizer + "\""));
      }
    }
    return new ChainedScheduler(members(kwargs));
  }

  private List<PyTorchScheduler> members(JsonFields kwargs) {
    List<PyTorchScheduler> members = new ArrayList<>();
    for (JsonFields member : kwargs.requireObjects("schedulers")) {
      members.add(read(member, false));
    }
    return members.contains(null) ? List.of() : members;
  }

  /**
   * StepLR, whose {@code step_size} torch uses as Python gives it: a float or a huge int decays
   * where {@code last_epoch % step_size == 0} ({@link PythonModulo}), with a warning.
   */
  private StepLR stepLr(JsonFields kwargs) {
    JsonNode stepSize = kwargs.peek("step_size");
    if (!PythonModulo.isOtherNumber(stepSize)) {
      return new StepLR(kwargs.requireLong("step_size"), kwargs.optDouble("gamma", StepLR.DEFAULT_GAMMA));
    }
    kwargs.raw("step_size");
    double gamma = kwargs.optDouble("gamma", StepLR.DEFAULT_GAMMA);
    OptionalLong period = PythonModulo.period(stepSize);
    String written = stepSize.isIntegralNumber() ? stepSize.asText() : Double.toString(stepSize.doubleValue());
    problems.add(PyTorchCode.stepSizeNotAnInt(kwargs.path("step_size"), written, period.isPresent()
        ? "which for this value is at every multiple of " + period.getAsLong() + " steps"
        : "which no step of the 64-bit range is, so the learning rate never decays"));
    // Never: a factor of 1 keeps the learning rate as torch does, at every step of the range.
    return period.isPresent() ? new StepLR(period.getAsLong(), gamma) : new StepLR(Long.MAX_VALUE, 1.0);
  }

  /**
   * MultiStepLR's {@code milestones}; a string is a {@code Counter} of its characters in torch,
   * which no step equals: no milestone, with a warning.
   */
  private List<Long> milestones(JsonFields kwargs) {
    JsonNode given = kwargs.peek("milestones");
    if (given != null && given.isTextual()) {
      kwargs.raw("milestones");
      String digits = given.asText().replaceAll("[^0-9]+", ", ").replaceAll("^, |, $", "");
      problems.add(PyTorchCode.milestonesText(kwargs.path("milestones"), given.asText(), digits.isEmpty() ? "30, 60" : digits));
      return List.of();
    }
    return requireLongs(kwargs, "milestones");
  }

  private List<Long> requireLongs(JsonFields kwargs, String key) {
    if (!kwargs.has(key)) {
      problems.add(ConfigCode.missingKey(kwargs.path(key), "'" + key + "'"));
      return List.of();
    }
    return kwargs.optLongs(key, List.of());
  }

  /** Whether {@code key} is absent or not a float; PyTorch's {@code isinstance(value, int)} refuses {@code 50.0}. */
  private boolean pythonInt(JsonFields kwargs, String key) {
    if (kwargs.has(key) && kwargs.raw(key).isFloatingPointNumber()) {
      JsonNode raw = kwargs.raw(key);
      problems.add(ConfigCode.wrongType(kwargs.path(key), raw.asText(),
          "an integer (torch 1.13 raises ValueError for a float " + key + ")", raw.asText()));
      return false;
    }
    return true;
  }

  private Long optPythonInt(JsonFields kwargs, String key) {
    if (!kwargs.has(key) || !pythonInt(kwargs, key)) {
      return null;
    }
    return kwargs.optLong(key, 0);
  }
}
