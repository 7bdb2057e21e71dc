package dev.anneal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Conversion;
import dev.anneal.config.Imported;
import dev.anneal.config.StepCoverage;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Parameters(index = "1", paramLabel = "B", arity = "0..1",
      description = "The second config; - reads standard input (for one of A and B); --config-text gives it inline instead.")
  private Path second;

  @Mixin private InlineConfig inline;

  @Mixin private JsonOutput json;

  @Mixin private DiagnosticFilter shown;

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
    ConfigSource sourceOfB = inline.required(second, "B");
    second = sourceOfB.label(); // from here on the name messages give B: its path, or <inline>
    PrintWriter err = spec.commandLine().getErr();
    List<Violation> diagnosticsOfA = new ArrayList<>();
    List<Violation> diagnosticsOfB = new ArrayList<>();
    Imported a = configs.read(ConfigSource.file(first), formatA, "--format",
        shown.passing(json.enabled() ? diagnosticsOfA::add : ConfigReader.printedOn(err, first)));
    Imported b = configs.read(sourceOfB, formatOfB, "--format-b",
        shown.passing(json.enabled() ? diagnosticsOfB::add : ConfigReader.printedOn(err, second)));
    diagnosticsOfA.addAll(shown.shown(a.warnings()));
    diagnosticsOfB.addAll(shown.shown(b.warnings()));
    if (!json.enabled()) {
      shown.print(err, first, a.warnings());
      shown.print(err, second, b.warnings());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    Set<String> channels = new LinkedHashSet<>(a.plan().channels().keySet());
    channels.addAll(b.plan().channels().keySet());
    boolean differ = false;
    ObjectNode document = JsonOutput.document("diff");
    ObjectNode compared = JsonNodeFactory.instance.objectNode();
    for (String channel : channels) {
      ChannelDiff found = compare(channel, a.plan(), b.plan());
      differ |= !found.same();
      if (json.enabled()) {
        found.fill(compared.putObject(channel));
      } else {
        stdout.println(found.line(first, second));
      }
    }
    if (json.enabled()) {
      config(document.putObject("a"), first, a);
      config(document.putObject("b"), second, b);
      document.put("same", !differ);
      document.set("channels", compared);
      ArrayNode diagnostics = JsonOutput.diagnostics(document, first, diagnosticsOfA);
      diagnosticsOfB.forEach(violation -> JsonOutput.add(diagnostics, second, violation));
      JsonOutput.print(stdout, document);
    }
    stdout.flush();
    return differ ? ExitCodes.REJECTED : ExitCodes.OK;
  }

  private static void config(ObjectNode node, Path file, Imported imported) {
    node.put("file", file.toString());
    node.put("format", imported.format());
  }

  private ChannelDiff compare(String channel, Plan a, Plan b) {
    Schedule left = a.findChannel(channel).orElse(null);
    Schedule right = b.findChannel(channel).orElse(null);
    if (left == null || right == null) {
      return new ChannelDiff(channel, left == null ? "B" : "A", 0, null, 0, null, null);
    }
    long count = steps != null ? steps : Conversion.horizon(left, right);
    StepCoverage coverage = StepCoverage.of(left, right, count);
    long differing = 0;
    ChannelDiff.Step firstDiffering = null;
    ChannelDiff.Step largest = null;
    PrimitiveIterator.OfLong compared = coverage.steps();
    while (compared.hasNext()) {
      long step = compared.nextLong();
      Double x = valueOrRefused(left, step);
      Double y = valueOrRefused(right, step);
      if (same(x, y)) {
        continue;
      }
      differing++;
      ChannelDiff.Step here = new ChannelDiff.Step(step, x, y);
      if (firstDiffering == null) {
        firstDiffering = here;
      }
      if (largest == null || here.gap() > largest.gap()) {
        largest = here;
      }
    }
    return new ChannelDiff(channel, null, count, coverage, differing, firstDiffering, largest);
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
}
