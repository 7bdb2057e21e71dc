package dev.anneal.cli.audit;

import dev.anneal.cli.CliCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which column (CSV) or key (JSON lines) of a log holds the steps and which the learning rates:
 * the one the user names, or the one whose name is a common one, compared without case. Two
 * columns that both fit are refused rather than one picked, since the wrong pick would audit the
 * wrong series.
 *
 * @param step the step column's name as the user names it ({@code --step-column}), or {@code null} to detect it
 * @param lr the learning-rate column's name ({@code --lr-column}), or {@code null} to detect it
 */
public record LogColumns(String step, String lr) {
  /** The option that names the step column. */
  public static final String STEP_FLAG = "--step-column";

  /** The option that names the learning-rate column. */
  public static final String LR_FLAG = "--lr-column";

  /** The step columns recognised: PyTorch loops, transformers, Megatron, Weights &amp; Biases exports. */
  static final List<String> STEP_NAMES = List.of("step", "global_step", "iteration", "iter", "train/global_step", "trainer/global_step");

  /** The learning-rate columns recognised; Lightning's LearningRateMonitor also writes {@code lr-OPTIMIZER}. */
  static final List<String> LR_NAMES = List.of("lr", "learning_rate", "learning-rate", "train/learning_rate", "train/lr");

  /** Both detected. */
  public static LogColumns detected() {
    return new LogColumns(null, null);
  }

  /** The index of the step column among {@code names}, read at {@code path}. */
  int stepIndex(List<String> names, String path) {
    return index(names, step, STEP_FLAG, "step", STEP_NAMES, false, path);
  }

  /** The index of the learning-rate column among {@code names}, read at {@code path}. */
  int lrIndex(List<String> names, String path) {
    return index(names, lr, LR_FLAG, "learning-rate", LR_NAMES, true, path);
  }

  private static int index(List<String> names, String given, String flag, String kind, List<String> known, boolean lightning,
      String path) {
    if (given != null) {
      int at = names.indexOf(given);
      if (at < 0) {
        throw new UnreadableLog(CliCode.badLogValue(flag, given, flag, "'" + given + "', which is not a column of the log",
            "one of " + String.join(", ", names.stream().map(name -> "'" + name + "'").toList())));
      }
      return at;
    }
    List<Integer> fitting = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).trim().toLowerCase(Locale.ROOT);
      if (known.contains(name) || lightning && name.startsWith("lr-")) {
        fitting.add(i);
      }
    }
    if (fitting.isEmpty()) {
      List<String> recognised = new ArrayList<>(known);
      if (lightning) {
        recognised.add("lr-OPTIMIZER");
      }
      throw new UnreadableLog(CliCode.noLogColumn(path, kind, names, recognised, flag));
    }
    if (fitting.size() > 1) {
      throw new UnreadableLog(CliCode.ambiguousLogColumn(path, kind, fitting.stream().map(names::get).toList(), flag));
    }
    return fitting.get(0);
  }
}
