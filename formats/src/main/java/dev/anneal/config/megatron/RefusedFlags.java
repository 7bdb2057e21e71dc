package dev.anneal.config.megatron;

import dev.anneal.config.Problems;
import java.util.List;

/**
 * The errors for the flags {@link FlagAudit} refuses, each saying what Megatron-LM would do: the
 * flags it no longer accepts ({@code --warmup}, {@code --batch-size}), and the ones that change the
 * learning rate per iteration in a way Anneal does not model yet ({@code --iterations-to-skip}).
 */
final class RefusedFlags {
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
      case "--iterations-to-skip" -> iterationsToSkip(other, problems, at);
      default -> throw new IllegalStateException(name + " is refused in FlagAudit but has no message");
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
