package dev.anneal.config.megatron;

import dev.anneal.config.Problems;
import java.util.List;

/**
 * The errors for the flags {@link FlagAudit} refuses, each saying what Megatron-LM would do: the
 * flags it no longer accepts ({@code --warmup}, {@code --batch-size}), and the ones that change the
 * learning rate per iteration in a way Anneal does not model yet ({@code
 * --step-batch-size-schedule}, {@code --iterations-to-skip}).
 */
final class RefusedFlags {
  /** The batch-size schedule that replaces --global-batch-size. */
  static final String STEP_BATCH_SIZE_SCHEDULE = "--step-batch-size-schedule";

  private RefusedFlags() {}

  /** Reports {@code other}, a flag {@link FlagAudit} refuses. */
  static void report(Flags.Other other, Flags flags, Problems problems) {
    String at = Flags.path(other.name(), other.word());
    String name = other.name();
    switch (name) {
      case Flags.WARMUP -> problems.add(MegatronCode.megatronDeprecatedFlag(at, name,
          "--lr-warmup-iters, or --lr-warmup-fraction for a fraction of the decay"));
      case "--batch-size" -> problems.add(MegatronCode.megatronDeprecatedFlag(at, name,
          "--micro-batch-size for the samples per GPU and --global-batch-size for the samples per iteration"));
      case STEP_BATCH_SIZE_SCHEDULE -> batchSchedule(other, flags, problems, at);
      case "--iterations-to-skip" -> iterationsToSkip(other, problems, at);
      default -> throw new IllegalStateException(name + " is refused in FlagAudit but has no message");
    }
  }

  private static void batchSchedule(Flags.Other other, Flags flags, Problems problems, String at) {
    if (other.values().isEmpty()) {
      problems.add(MegatronCode.megatronFlagNeedsValue(at, other.name()));
      return;
    }
    String schedule = other.values().get(0);
    Long seqLength = flags.other("--seq-length").flatMap(s -> s.values().stream().findFirst())
        .filter(PythonNumbers::isInt).map(PythonNumbers::parseLong).filter(n -> n > 0).orElse(null);
    String iterations = flags.given(MegatronFlag.TRAIN_ITERS)
        ? " (with --train-iters it counts the *-iters flags in units of --micro-batch-size times the data-parallel size, the global batch it"
            + " falls back to)"
        : "";
    String does = BatchSchedule.describe(schedule, seqLength) + ", and its scheduler advances by the samples of each iteration, so the"
        + " learning rate per iteration follows the batch schedule" + iterations;
    problems.add(MegatronCode.megatronFlagNotModelled(at, schedule, other.name() + " '" + schedule + "'", does,
        "remove it and give --global-batch-size to see the curve at one batch size"));
    if (flags.given(MegatronFlag.GLOBAL_BATCH_SIZE)) {
      problems.add(MegatronCode.megatronFlagConflict(flags.where(MegatronFlag.GLOBAL_BATCH_SIZE), flags.written(MegatronFlag.GLOBAL_BATCH_SIZE),
          MegatronFlag.GLOBAL_BATCH_SIZE.flag(), other.name(),
          "Megatron raises 'Cannot specify both --step-batch-size-schedule and --global-batch-size'", "keep one of them"));
    }
  }

  private static void iterationsToSkip(Flags.Other other, Problems problems, String at) {
    List<String> iterations = other.values();
    if (iterations.isEmpty()) {
      problems.add(MegatronCode.megatronFlagNeedsValue(at, other.name()));
      return;
    }
    String listed = String.join(" ", iterations);
    problems.add(MegatronCode.megatronFlagNotModelled(at, listed, other.name() + " " + listed,
        "Megatron skips iteration" + (iterations.size() == 1 ? " " : "s ") + String.join(", ", iterations)
            + " (counted from 1) without an update and without a scheduler step, so every later iteration uses the learning rate"
            + " of an earlier one",
        "remove it to see the curve without skipped iterations"));
  }
}
