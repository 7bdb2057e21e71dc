package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Conversion;
import dev.anneal.config.Imported;
import dev.anneal.config.StepCoverage;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Values;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anneal diff}: where two configs' schedules differ, channel by channel, for "what did my edit change". */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Compares two configs channel by channel at every step 0 to N-1, exactly (to the bit), and prints for each "
          + "channel the first step that differs, the largest difference and how many steps differ, or that they are the same.",
      "N defaults, per channel, to the later declared end and a tenth past it (at least 100 steps), or "
          + Conversion.OPEN_HORIZON + " steps when neither ends. Values are printed in full.",
      "Where both run the same phase over the same steps they are equal without evaluating a step; the other steps are compared one "
          + "by one up to " + StepCoverage.BUDGET + " of them. Beyond, every phase boundary of both, its neighbours and evenly spaced "
          + "steps between are compared, and the line says how many steps were not."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:the same at every step compared", "1:they differ", "2:bad input (one line on standard error per problem)", "70:a bug in Anneal"})
final class DiffCommand implements Callable<Integer> {
  private final ConfigReader configs;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "The first config (the one before your edit).")
  private Path first;

  @Parameters(index = "1", paramLabel = "B", description = "The second config; - reads standard input (for one of A and B).")
  private Path second;

  @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
      description = "The format of A (and of B unless --format-b is given): ${COMPLETION-CANDIDATES}. "
          + "Default: detected for each file from its content and its name.")
  private String format;

  @Option(names = "--format-b", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
      description = "The format of B, when it differs from A's. Default: --format if given, else detected.")
  private String formatB;

  @Option(names = "--steps", paramLabel = "N", description = "Compare steps 0 to N-1 instead of the default horizon.")
  private Long steps;

  /** A command that reads its configs with {@code configs}. */
  DiffCommand(ConfigReader configs) {
    this.configs = configs;
  }

  @Override
  public Integer call() {
    ConfigFormat formatA = configs.format("--format", format);
    ConfigFormat formatOfB = formatB == null ? formatA : configs.format("--format-b", formatB);
    Inputs.steps(steps);
    PrintWriter err = spec.commandLine().getErr();
    Imported a = configs.read(first, formatA, "--format", err);
    Imported b = configs.read(second, formatOfB, "--format-b", err);
    Diagnostics.lines(first, a.warnings()).forEach(err::println);
    Diagnostics.lines(second, b.warnings()).forEach(err::println);
    err.flush();
    PrintWriter stdout = spec.commandLine().getOut();
    Set<String> channels = new LinkedHashSet<>(a.plan().channels().keySet());
    channels.addAll(b.plan().channels().keySet());
    boolean differ = false;
    for (String channel : channels) {
      String line = compare(channel, a.plan(), b.plan());
      differ |= !line.contains(": the same at every step");
      stdout.println(line);
    }
    stdout.flush();
    return differ ? ExitCodes.REJECTED : ExitCodes.OK;
  }

  private String compare(String channel, Plan a, Plan b) {
    Schedule left = a.findChannel(channel).orElse(null);
    Schedule right = b.findChannel(channel).orElse(null);
    if (left == null || right == null) {
      return channel + ": only in " + (left == null ? "B (" + second + ")" : "A (" + first + ")");
    }
    long count = steps != null ? steps : Conversion.horizon(left, right);
    StepCoverage coverage = StepCoverage.of(left, right, count);
    long firstDiffering = -1;
    long differing = 0;
    long largestAt = -1;
    double largest = -1;
    Double[] firstValues = null;
    Double[] largestValues = null;
    PrimitiveIterator.OfLong compared = coverage.steps();
    while (compared.hasNext()) {
      long step = compared.nextLong();
      Double x = valueOrRefused(left, step);
      Double y = valueOrRefused(right, step);
      if (same(x, y)) {
        continue;
      }
      differing++;
      if (firstDiffering < 0) {
        firstDiffering = step;
        firstValues = new Double[] {x, y};
      }
      double gap = x == null || y == null ? Double.POSITIVE_INFINITY : Math.abs(x - y);
      if (gap > largest) {
        largest = gap;
        largestAt = step;
        largestValues = new Double[] {x, y};
      }
    }
    // Steps neither evaluated nor proven equal are never called the same: the line says how many there were.
    String unchecked = coverage.complete() ? "" : coverage.skipped() + " of the " + count + " steps 0 to " + (count - 1)
        + " were not compared (more than " + StepCoverage.BUDGET + " to compare one by one; " + coverage.evaluated()
        + " compared, among them every phase boundary of both and its neighbours, and evenly spaced steps between); pass --steps "
        + StepCoverage.BUDGET + " or fewer to compare every step";
    if (firstDiffering < 0) {
      return coverage.complete()
          ? channel + ": the same at every step 0 to " + (count - 1)
          : channel + ": the same at every step compared, but " + unchecked;
    }
    String values = " (A " + show(firstValues[0]) + ", B " + show(firstValues[1]) + ")"
        + "; largest difference at step " + largestAt + " (A " + show(largestValues[0]) + ", B " + show(largestValues[1])
        + (Double.isFinite(largest) ? ", B - A = " + Values.show(largestValues[1] - largestValues[0]) : "") + ")";
    return coverage.complete()
        ? channel + ": differs from step " + firstDiffering + values + "; " + differing + " of " + count + " steps differ"
        : channel + ": differs at step " + firstDiffering + ", the first of the steps compared" + values + "; " + differing + " of the "
            + coverage.evaluated() + " steps compared differ, and " + unchecked;
  }

  /** The value at {@code step} with no metric reported, or {@code null} past the declared end of a schedule declared with after-end FAIL. */
  private static Double valueOrRefused(Schedule schedule, long step) {
    try {
      return schedule.valueAt(step);
    } catch (InvalidScheduleException refused) {
      return null;
    }
  }

  private static boolean same(Double x, Double y) {
    return x == null ? y == null : y != null && Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
  }

  private static String show(Double value) {
    return value == null ? "refused: past its declared end" : Values.show(value.doubleValue());
  }
}
