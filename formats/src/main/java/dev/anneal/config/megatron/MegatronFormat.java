package dev.anneal.config.megatron;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.config.Json;
import dev.anneal.config.OptimizerSettings;
import dev.anneal.config.Problems;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Megatron-LM's scheduler flags: the learning rate and weight decay that {@code
 * OptimizerParamScheduler} applies, iteration by iteration, for the flags of a launch script.
 *
 * <p>The format follows Megatron-LM at commit {@code d98e8a64ddf34856e74b24714e3bedb2f5a39553}
 * (the short {@code d98e8a6} that messages name): its argument parser and {@code validate_args} ({@code
 * megatron/training/arguments.py}), {@code get_optimizer_param_scheduler} ({@code
 * megatron/training/training.py}) and {@code get_lr}/{@code get_wd} ({@code
 * megatron/core/optimizer_param_scheduler.py}). What Megatron runs is read with Megatron's curve,
 * with a warning where it is probably a mistake (a WSD anneal longer than the decay after the
 * warm-up, a negative warm-up); what Megatron refuses is refused with its reason.
 *
 * <p>{@link #read(String)} takes the text of a launch script or of a file of flags, read as bash
 * reads it: {@code \} line continuations, {@code #} comments, bash arrays and quoted strings are
 * understood, the script's own variables are expanded where they are used ({@code
 * TRAIN_ITERS=500000} then {@code --train-iters $TRAIN_ITERS}, {@code ${VAR:-default}}, {@code
 * $(( ))}), and where bash would end a command before flags meant for it (a comment inside a
 * continued command, a space after {@code \}) or fail (an unclosed quote), the error names the
 * line. {@code --flag value} and {@code --flag=value} both work. Every other flag of Megatron-LM's
 * parser is refused with what Megatron would do or named in an {@code IgnoredSetting} note with the
 * reason it does not shape the schedule ({@code docs/audit/megatron-flags.md} lists them); an
 * unknown flag that names part of the schedule is refused with a "did you mean". {@link #readArguments(List)} takes the same
 * flags as a list of arguments, as a program would pass them. The flags read are {@code --lr
 * --min-lr --lr-decay-style --lr-wsd-decay-style --lr-decay-iters --lr-wsd-decay-iters
 * --lr-warmup-iters --lr-warmup-fraction --lr-warmup-init --train-iters --weight-decay
 * --start-weight-decay --end-weight-decay --weight-decay-incr-style --global-batch-size}, and
 * {@code --train-samples --lr-decay-samples --lr-warmup-samples --lr-wsd-decay-samples} for
 * sample-based training. Absent flags take Megatron's defaults, and Megatron's argument checks
 * apply.
 *
 * <p>The plan has channels {@code lr} and {@code weight_decay}, indexed by iteration: value {@code
 * i} is what Megatron uses for the (i+1)-th update. With {@code --global-batch-size N} Megatron
 * counts its steps in samples, N per iteration, and the plan reproduces that (boundaries that fall
 * between iterations included); without it the steps are iterations. With {@code
 * --step-batch-size-schedule} the batch changes during training and the scheduler advances by each
 * iteration's batch: the channels are {@link dev.anneal.schedule.Clocked} in samples by the
 * schedule's consumption, whose geometry ({@link MegatronGeometry}) comes from {@code --seq-length},
 * {@code --micro-batch-size}, the parallel sizes and the launcher's {@code torchrun --nproc_per_node
 * --nnodes}.
 *
 * <p>{@link #write(Plan)} writes the flags of a plan Megatron can express: a linear warm-up, then
 * constant, linear, cosine, inverse-square-root or WSD decay to {@code --min-lr}, and a constant
 * or increasing weight decay.
 */
public final class MegatronFormat implements ConfigFormat {
  /** The format's name on the command line. */
  public static final String NAME = "megatron";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Reads the scheduler flags of a launch script.
   *
   * @throws InvalidScheduleException listing every error, each at {@code --flag (line N)}
   */
  @Override
  public Imported read(String text) {
    Objects.requireNonNull(text, "text");
    Problems problems = new Problems();
    // A byte order mark from a Windows editor is no part of the first word.
    return read(LaunchScript.read(Json.withoutByteOrderMark(text), problems), problems);
  }

  /**
   * Reads the scheduler flags from a list of command-line arguments, one argument per element
   * ({@code List.of("--lr", "3e-4", "--train-iters=1000")}); no shell syntax is interpreted.
   *
   * @throws InvalidScheduleException listing every error, each at {@code --flag (argument N)}
   */
  public Imported readArguments(List<String> arguments) {
    Objects.requireNonNull(arguments, "arguments");
    return read(new LaunchScript.Words(LaunchScript.arguments(List.copyOf(arguments)), Map.of()), new Problems());
  }

  /**
   * Writes the flags that make Megatron apply {@code plan}: the schedule flags only, one per
   * line with {@code \} continuations, to paste into a launch script.
   *
   * @throws InvalidScheduleException ({@code Unsupported}) naming what Megatron lacks, e.g.
   *     "Megatron has no cyclic schedule", or where the plan differs from anything Megatron does
   */
  @Override
  public String write(Plan plan) {
    Objects.requireNonNull(plan, "plan");
    String text = FlagWriter.text(PlanDecompiler.settings(plan));
    Plan written;
    try {
      written = read(text).plan();
    } catch (InvalidScheduleException e) {
      // Flags that Megatron's own checks refuse are a writer bug, not the user's mistake.
      throw new InvalidScheduleException(ConfigCode.writerOutputRejected(NAME, e.violations().get(0).toString()));
    }
    PlanComparison.verify(plan, written);
    return text;
  }

  private static Imported read(LaunchScript.Words script, Problems problems) {
    List<Token> words = script.words();
    Flags flags = Flags.scan(words, script.unexpanded(), problems);
    OtherFlags.report(flags, problems);
    MegatronGeometry geometry = MegatronGeometry.read(flags, problems).orElse(null);
    SchedulerSettings settings = MegatronArguments.resolve(flags, geometry, problems);
    if (settings != null && geometry != null) {
      geometry.checkReached(settings.trainIters(), problems);
    }
    OptimizerSettings optimizer = MegatronOptimizer.read(words, problems);
    problems.throwIfErrors();
    Plan plan = geometry == null ? MegatronCurves.plan(settings) : MegatronSampleClock.plan(settings, geometry);
    List<Violation> warnings = new ArrayList<>(problems.warnings());
    // With a batch schedule the boundaries are in samples and the iterations carry different
    // batches: the per-iteration quirks of a constant batch do not apply, the schedule's own do.
    warnings.addAll(geometry == null ? MegatronQuirks.of(settings, flags, plan.lr()) : MegatronSampleClock.warnings(settings, geometry, flags));
    for (Violation warning : plan.warnings()) {
      boolean warmupFromZero = warning.code() == RuleCode.FIRST_UPDATE_AT_ZERO && settings.warmupSteps() > 0;
      warnings.add(warmupFromZero ? warning.relocated(flags.where(MegatronFlag.LR_WARMUP_INIT), null, null) : warning);
    }
    Imported imported = new Imported(NAME, plan, warnings).withOptimizer(optimizer);
    Optional<RunGeometry> runGeometry = geometry != null ? Optional.of(geometry.runGeometry()) : MegatronGeometry.constant(flags);
    return runGeometry.isPresent() ? imported.withGeometry(runGeometry.get()) : imported;
  }

  /** The batch-schedule geometry of a launch script, if it has one, for tests that compare it with Megatron's own. */
  static Optional<MegatronGeometry> geometry(String text) {
    Problems problems = new Problems();
    LaunchScript.Words script = LaunchScript.read(text, problems);
    Flags flags = Flags.scan(script.words(), script.unexpanded(), problems);
    Optional<MegatronGeometry> geometry = MegatronGeometry.read(flags, problems);
    problems.throwIfErrors();
    return geometry;
  }

  /** The scheduler settings of a launch script, for tests that compare them with Megatron's own. */
  static SchedulerSettings settings(String text) {
    Problems problems = new Problems();
    LaunchScript.Words script = LaunchScript.read(text, problems);
    Flags flags = Flags.scan(script.words(), script.unexpanded(), problems);
    OtherFlags.report(flags, problems);
    SchedulerSettings settings = MegatronArguments.resolve(flags, MegatronGeometry.read(flags, problems).orElse(null), problems);
    problems.throwIfErrors();
    return settings;
  }
}
