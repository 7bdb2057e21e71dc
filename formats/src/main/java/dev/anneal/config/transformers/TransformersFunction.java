package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.SignatureParameter.Kind.NUMBER;
import static dev.anneal.config.transformers.SignatureParameter.Kind.STEPS;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.Problems;
import dev.anneal.rules.InvalidScheduleException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The schedule functions of {@code transformers.optimization}: each with its Python name, the
 * {@code lr_scheduler_type} that {@code get_scheduler} maps to it, which of its own arguments {@code
 * get_scheduler} passes on, its signature, and how to build it with {@link TransformersSchedules}.
 */
enum TransformersFunction {
  CONSTANT("get_constant_schedule", "constant", Passes.NOTHING, List.of(),
      (lr, a) -> TransformersSchedules.constant(lr)),
  CONSTANT_WITH_WARMUP("get_constant_schedule_with_warmup", "constant_with_warmup", Passes.WARMUP,
      List.of(SignatureParameter.required(Names.WARMUP, STEPS)),
      (lr, a) -> TransformersSchedules.constantWithWarmup(lr, a.steps(Names.WARMUP))),
  LINEAR("get_linear_schedule_with_warmup", "linear", Passes.ALL,
      List.of(SignatureParameter.required(Names.WARMUP, STEPS), SignatureParameter.required(Names.TRAINING, STEPS)),
      (lr, a) -> TransformersSchedules.linearWithWarmup(lr, a.steps(Names.WARMUP), a.steps(Names.TRAINING))),
  COSINE("get_cosine_schedule_with_warmup", "cosine", Passes.ALL,
      List.of(SignatureParameter.required(Names.WARMUP, STEPS), SignatureParameter.required(Names.TRAINING, STEPS),
          SignatureParameter.number(Names.CYCLES, TransformersSchedules.DEFAULT_NUM_CYCLES)),
      (lr, a) -> TransformersSchedules.cosineWithWarmup(lr, a.steps(Names.WARMUP), a.steps(Names.TRAINING), a.number(Names.CYCLES))),
  COSINE_WITH_RESTARTS("get_cosine_with_hard_restarts_schedule_with_warmup", "cosine_with_restarts", Passes.ALL,
      List.of(SignatureParameter.required(Names.WARMUP, STEPS), SignatureParameter.required(Names.TRAINING, STEPS),
          SignatureParameter.number(Names.CYCLES, TransformersSchedules.DEFAULT_HARD_RESTART_CYCLES)),
      (lr, a) -> TransformersSchedules.cosineWithHardRestartsWithWarmup(
          lr, a.steps(Names.WARMUP), a.steps(Names.TRAINING), a.number(Names.CYCLES))),
  POLYNOMIAL("get_polynomial_decay_schedule_with_warmup", "polynomial", Passes.ALL,
      List.of(SignatureParameter.required(Names.WARMUP, STEPS), SignatureParameter.required(Names.TRAINING, STEPS),
          SignatureParameter.number("lr_end", TransformersSchedules.DEFAULT_LR_END),
          SignatureParameter.number("power", TransformersSchedules.DEFAULT_POWER)),
      (lr, a) -> TransformersSchedules.polynomialDecayWithWarmup(
          lr, a.steps(Names.WARMUP), a.steps(Names.TRAINING), a.number("lr_end"), a.number("power"))),
  INVERSE_SQRT("get_inverse_sqrt_schedule", "inverse_sqrt", Passes.WARMUP,
      List.of(SignatureParameter.required(Names.WARMUP, STEPS), SignatureParameter.noneByDefault("timescale", NUMBER)),
      (lr, a) -> a.optNumber("timescale").isPresent()
          ? TransformersSchedules.inverseSqrt(lr, a.steps(Names.WARMUP), a.optNumber("timescale").getAsDouble())
          : TransformersSchedules.inverseSqrt(lr, a.steps(Names.WARMUP))),
  REDUCE_ON_PLATEAU("get_reduce_on_plateau_schedule", "reduce_lr_on_plateau",
      "transformers' reduce_lr_on_plateau is not a closed-form schedule: Trainer steps it with the evaluation metric"
          + " after each evaluation, not after each update; declare a plateau phase, or use the pytorch format's"
          + " ReduceLROnPlateau with one metric per update"),
  COSINE_WITH_MIN_LR("get_cosine_with_min_lr_schedule_with_warmup", "cosine_with_min_lr", Passes.ALL,
      List.of(SignatureParameter.required(Names.WARMUP, STEPS), SignatureParameter.required(Names.TRAINING, STEPS),
          SignatureParameter.number(Names.CYCLES, TransformersSchedules.DEFAULT_NUM_CYCLES),
          SignatureParameter.noneByDefault("min_lr", NUMBER), SignatureParameter.noneByDefault("min_lr_rate", NUMBER)),
      (lr, a) -> TransformersSchedules.cosineWithMinLrWithWarmup(
          lr, a.steps(Names.WARMUP), a.steps(Names.TRAINING), a.number(Names.CYCLES),
          MinLr.of(a.optNumber("min_lr"), a.optNumber("min_lr_rate")))),
  COSINE_WARMUP_WITH_MIN_LR("get_cosine_with_min_lr_schedule_with_warmup_lr_rate", "cosine_warmup_with_min_lr", Passes.ALL,
      List.of(SignatureParameter.required(Names.WARMUP, STEPS), SignatureParameter.required(Names.TRAINING, STEPS),
          SignatureParameter.number(Names.CYCLES, TransformersSchedules.DEFAULT_NUM_CYCLES),
          SignatureParameter.noneByDefault("min_lr", NUMBER), SignatureParameter.noneByDefault("min_lr_rate", NUMBER),
          SignatureParameter.noneByDefault("warmup_lr_rate", NUMBER)),
      (lr, a) -> TransformersSchedules.cosineWithMinLrWithWarmupLrRate(
          lr, a.steps(Names.WARMUP), a.steps(Names.TRAINING), a.number(Names.CYCLES),
          MinLr.of(a.optNumber("min_lr"), a.optNumber("min_lr_rate")), a.optNumber("warmup_lr_rate"))),
  WARMUP_STABLE_DECAY("get_wsd_schedule", "warmup_stable_decay", Passes.WARMUP_TRAINING_AND_KWARGS,
      List.of(SignatureParameter.required(Names.WARMUP, STEPS), SignatureParameter.required("num_decay_steps", STEPS),
          SignatureParameter.noneByDefault(Names.TRAINING, STEPS), SignatureParameter.noneByDefault("num_stable_steps", STEPS),
          SignatureParameter.choice("warmup_type", WsdCurve.upstreamNames(), WsdArguments.DEFAULT_WARMUP_TYPE.upstreamName()),
          SignatureParameter.choice("decay_type", WsdCurve.upstreamNames(), WsdArguments.DEFAULT_DECAY_TYPE.upstreamName()),
          SignatureParameter.number("min_lr_ratio", WsdArguments.DEFAULT_MIN_LR_RATIO),
          SignatureParameter.number(Names.CYCLES, TransformersSchedules.DEFAULT_NUM_CYCLES)),
      (lr, a) -> TransformersSchedules.wsd(lr, new WsdArguments(
          a.steps(Names.WARMUP), a.steps("num_decay_steps"), a.optSteps(Names.TRAINING), a.optSteps("num_stable_steps"),
          WsdCurve.byUpstreamName(a.text("warmup_type")), WsdCurve.byUpstreamName(a.text("decay_type")),
          a.number("min_lr_ratio"), a.number(Names.CYCLES)))),
  ADAFACTOR("get_adafactor_schedule", null,
      "get_adafactor_schedule is a proxy that reports the step size Adafactor computes internally from its own"
          + " state; it has no schedule of its own to reproduce");

  /** The argument names several functions share. */
  static final class Names {
    static final String WARMUP = "num_warmup_steps";
    static final String TRAINING = "num_training_steps";
    static final String CYCLES = "num_cycles";
    /** Every schedule function also takes {@code last_epoch}, for resuming {@code LambdaLR}. */
    static final String LAST_EPOCH = "last_epoch";

    private Names() {}
  }

  /** Which of its own arguments {@code get_scheduler} hands to the function (read its branches). */
  enum Passes {
    /** Only the optimizer: {@code constant} (and {@code reduce_lr_on_plateau}, which gets just the kwargs). */
    NOTHING,
    /** {@code num_warmup_steps} only: {@code constant_with_warmup}, {@code inverse_sqrt} in transformers 4. */
    WARMUP,
    /** {@code num_warmup_steps} and the kwargs: {@code inverse_sqrt} in transformers 5. */
    WARMUP_AND_KWARGS,
    /** {@code num_warmup_steps}, {@code num_training_steps} (may be {@code None}) and the kwargs: {@code warmup_stable_decay}. */
    WARMUP_TRAINING_AND_KWARGS,
    /** {@code num_warmup_steps}, {@code num_training_steps} (required) and the kwargs: every other type. */
    ALL
  }

  /** The default {@code lr_scheduler_type} of {@code TrainingArguments}. */
  static final String DEFAULT_SCHEDULER_TYPE = "linear";

  private final String functionName;
  private final String schedulerType;
  private final Passes passes;
  private final List<SignatureParameter> parameters;
  private final BiFunction<Double, Arguments, TransformersPreset> builder;
  private final String unsupported;

  /** A function Anneal cannot reproduce, and why. */
  TransformersFunction(String functionName, String schedulerType, String unsupported) {
    this.functionName = functionName;
    this.schedulerType = schedulerType;
    this.passes = Passes.NOTHING;
    this.parameters = List.of();
    this.builder = null;
    this.unsupported = unsupported;
  }

  TransformersFunction(
      String functionName,
      String schedulerType,
      Passes passes,
      List<SignatureParameter> parameters,
      BiFunction<Double, Arguments, TransformersPreset> builder) {
    this.functionName = functionName;
    this.schedulerType = schedulerType;
    this.passes = passes;
    List<SignatureParameter> all = new ArrayList<>(parameters);
    all.add(SignatureParameter.steps(Names.LAST_EPOCH, -1));
    this.parameters = List.copyOf(all);
    this.builder = builder;
    this.unsupported = null;
  }

  /** The Python name, e.g. {@code get_cosine_schedule_with_warmup}. */
  String functionName() {
    return functionName;
  }

  /** The {@code lr_scheduler_type} that selects it, or {@code null} if {@code get_scheduler} has none. */
  String schedulerType() {
    return schedulerType;
  }

  /** What {@code get_scheduler} of transformers 4 hands this function. */
  Passes passes() {
    return passes;
  }

  /**
   * What {@code get_scheduler} of {@code version} hands this function: as {@link #passes()}, but
   * transformers 5 hands {@code inverse_sqrt} its {@code scheduler_specific_kwargs} too
   * (huggingface/transformers pull request #44909, "Fix: Update optimization.py", merged 2026-03-23,
   * which makes {@code timescale} from {@code lr_scheduler_kwargs} count).
   */
  Passes passes(TransformersVersion version) {
    return this == INVERSE_SQRT && version == TransformersVersion.V5 ? Passes.WARMUP_AND_KWARGS : passes;
  }

  /** The keyword parameters, in signature order ({@code optimizer} excluded). */
  List<SignatureParameter> parameters() {
    return parameters;
  }

  /**
   * The schedule for these arguments.
   *
   * @throws InvalidScheduleException with paths naming upstream arguments
   */
  TransformersPreset build(double learningRate, Arguments arguments) {
    if (builder == null) {
      throw new IllegalStateException(functionName + " is not supported: " + unsupported);
    }
    return builder.apply(learningRate, arguments);
  }

  static Optional<TransformersFunction> byFunctionName(String name) {
    return Arrays.stream(values()).filter(f -> f.functionName.equals(name)).findFirst();
  }

  static Optional<TransformersFunction> bySchedulerType(String type) {
    return Arrays.stream(values()).filter(f -> type.equals(f.schedulerType)).findFirst();
  }

  /** Every function name, in {@code transformers.optimization}'s order. */
  static List<String> functionNames() {
    return Arrays.stream(values()).map(TransformersFunction::functionName).toList();
  }

  /** Every {@code lr_scheduler_type} {@code get_scheduler} knows. */
  static List<String> schedulerTypes() {
    return Arrays.stream(values()).map(TransformersFunction::schedulerType).filter(t -> t != null).toList();
  }

  /** Why Anneal cannot reproduce this function, or empty if it can. */
  Optional<String> unsupported() {
    return Optional.ofNullable(unsupported);
  }

  /**
   * The function named {@code name} (by {@code finder}), if Anneal can reproduce it; otherwise empty,
   * with an {@code UnknownType} ("did you mean") or {@code NotImportable} violation at {@code path}.
   */
  static Optional<TransformersFunction> find(
      String name, Function<String, Optional<TransformersFunction>> finder, List<String> known, String what, String path,
      Problems problems) {
    Optional<TransformersFunction> found = finder.apply(name);
    if (found.isEmpty()) {
      problems.add(ConfigCode.unknownType(path, what, name, DidYouMean.hint(name, known)));
      return Optional.empty();
    }
    if (found.get().unsupported != null) {
      problems.add(ConfigCode.notImportable(path, name, "transformers", found.get().unsupported));
      return Optional.empty();
    }
    return found;
  }
}
