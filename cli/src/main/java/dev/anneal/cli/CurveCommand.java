package dev.anneal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.cli.chart.PhaseSpan;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.SteppedValues;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.Imported;
import dev.anneal.config.deepspeed.TrainerAutoFill;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Schedule;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anneal curve}: the value of one channel at every step, as a training loop would meet it. */
@Command(
    name = "curve",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Prints one channel of a config at steps 0 to N-1, one line 'step<TAB>value' each.",
      "A step counts the optimizer updates already applied: line 's' holds the value that update s+1 uses.",
      "Values are printed in full, so each parses back to the same double. Warnings and notes go to standard error (into the document with --json)."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:the curve was printed", "2:bad input (one line on standard error per problem)", "70:a bug in Anneal"})
final class CurveCommand implements Callable<Integer> {
  /** How many steps are printed for a channel that never ends, unless --steps says otherwise. */
  static final long OPEN_ENDED_STEPS = 1000;

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "0..1", description = "The config file; - reads standard input. Or give the config itself with --config-text.")
  private Path file;

  @Mixin private ConfigInput configInput;

  @Mixin private InlineConfig inline;

  @Mixin private JsonOutput json;

  @Mixin private DiagnosticFilter shown;

  @Mixin private TrainingArgsOption trainingArgs;

  @Option(names = "--steps", paramLabel = "N", converter = StepLength.Converter.class,
      description = "How many steps to print. " + StepLength.HELP + " Default: the run's length where the config states it (a pytorch config's epochs), else the channel's declared end, or " + OPEN_ENDED_STEPS + " if it never ends.")
  private StepLength steps;

  @Option(names = "--channel", paramLabel = "CHANNEL", defaultValue = "lr",
      description = "The channel to print: lr (default), momentum, weight_decay, or another channel of the config.")
  private String channel;

  @Option(names = "--metrics", paramLabel = "FILE",
      description = "The metric reported after each update, one number per line, fed to plateau phases: the value at step i "
          + "sees the metrics of lines 1 to i, so N steps need N-1 lines (fewer are refused).")
  private Path metrics;

  @Option(names = "--x", paramLabel = "UNIT", defaultValue = "updates",
      description = "Adds a third column, 'step<TAB>value<TAB>position': what the first 'step' updates consumed in UNIT "
          + "(epochs, samples or tokens), converted by the config's run geometry (docs/units.md). Default: updates, no third column.")
  private String x;

  @Override
  public Integer call() {
    ConfigFormat configFormat = configInput.format();
    OptionalLong asked = steps != null && steps.inUpdates() ? Inputs.steps(steps.count()) : OptionalLong.empty();
    ConfigSource source = inline.required(file, "FILE");
    file = source.label(); // from here on the name messages give the config: its path, or <inline>
    List<Violation> diagnostics = new ArrayList<>();
    PrintWriter err = spec.commandLine().getErr();
    Consumer<Violation> notes = shown.passing(json.enabled() ? diagnostics::add : ConfigReader.printedOn(err, file));
    Imported read;
    if (trainingArgs.given()) {
      TrainerAutoFill.Filled filled = trainingArgs.fill(source);
      read = TrainingArgsOption.withFillWarnings(
          configInput.read(source, filled.text(), TrainingArgsOption.deepspeed(ConfigInput.FLAG, configFormat), notes), filled);
    } else {
      read = configInput.read(source, configFormat, notes);
    }
    Imported imported = read;
    Schedule schedule = channel(imported);
    double[] metricValues = metrics == null ? new double[0] : MetricsFile.read(metrics);
    diagnostics.addAll(shown.shown(imported.warnings()));
    List<Violation> unusedMetrics = metrics != null && !schedule.isReactive()
        ? shown.shown(List.of(ConfigCode.ignoredArgument("--metrics", metrics.toString(), "--metrics",
            "channel " + channel + " of " + file + ", which has no plateau phase")))
        : List.of();
    if (!json.enabled()) {
      shown.print(err, file, imported.warnings());
      shown.print(err, null, unusedMetrics);
    }
    if (steps != null && !steps.inUpdates()) {
      StepLengths.Resolved resolved = StepLengths.resolve(steps, "--steps", () -> ConfigGeometry.forLengths(imported), imported.format(), file);
      asked = OptionalLong.of(resolved.updates());
      // The updates printed are the geometry's reading of the length: say it, on standard error or in the document.
      List<Violation> note = shown.shown(List.of(resolved.note()));
      diagnostics.addAll(note);
      if (!json.enabled()) {
        shown.print(err, file, note);
      }
    }
    long count = asked.orElse(imported.runLength().orElse(schedule.declaredEnd().orElse(OPEN_ENDED_STEPS)));
    requireStepsWithinEnd(schedule, count);
    if (metrics != null && schedule.isReactive()) {
      requireMetricsFor(metricValues.length, count);
    }
    Positions positions = positions(source, imported, count);
    SteppedValues curve = SteppedValues.of(schedule, metricValues);
    if (json.enabled()) {
      printJson(imported, schedule, curve, count, diagnostics, unusedMetrics, positions);
    } else {
      print(curve, count, positions);
    }
    return ExitCodes.OK;
  }

  /** The curve as the document of docs/json-output.md: the channel's values and phases, and every diagnostic. */
  private void printJson(Imported imported, Schedule schedule, SteppedValues curve, long count, List<Violation> diagnostics,
      List<Violation> unusedMetrics, Positions positions) {
    ObjectNode document = JsonOutput.document("curve");
    document.put("file", file.toString());
    document.put("format", imported.format());
    document.put("steps", count);
    ObjectNode values = document.putObject("channels").putObject(channel);
    schedule.declaredEnd().ifPresentOrElse(end -> values.put("declaredEnd", end), () -> values.putNull("declaredEnd"));
    ArrayNode phases = values.putArray("phases");
    for (PhaseSpan span : PhaseSpan.of(schedule)) {
      ObjectNode phase = phases.addObject();
      phase.put("index", span.index());
      phase.put("shape", span.kind());
      phase.put("start", span.start());
      if (span.end() == Phase.OPEN) {
        phase.putNull("end");
      } else {
        phase.put("end", span.end());
      }
    }
    ArrayNode array = values.putArray("values");
    for (long step = 0; step < count; step++) {
      array.add(curve.nextDouble());
    }
    if (positions != null) {
      // Only when asked: a document without --x stays as it was.
      ObjectNode x = document.putObject("x");
      x.put("unit", positions.unit().jsonName());
      ArrayNode at = x.putArray("values");
      for (long step = 0; step < count; step++) {
        at.add(new BigDecimal(positions.at(step).toPlainString()));
      }
    }
    ArrayNode problems = JsonOutput.diagnostics(document, file, diagnostics);
    unusedMetrics.forEach(violation -> JsonOutput.add(problems, null, violation));
    JsonOutput.print(spec.commandLine().getOut(), document);
  }

  /**
   * A schedule declared with after-end FAIL refuses steps past its end, and once it refuses a step
   * it refuses every later one: asking for the last step first means a refused curve prints nothing.
   */
  private void requireStepsWithinEnd(Schedule schedule, long count) {
    try {
      schedule.valueAt(count - 1);
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(file, e.violations().stream().map(v -> v.relocated("--steps", null, null)).toList());
    }
  }

  /**
   * The value at step {@code count - 1} has seen {@code count - 1} metrics. With fewer, the plateau
   * would see no metric after the last line and stop reacting while the curve goes on: refused.
   */
  private void requireMetricsFor(int read, long count) {
    long needed = count - 1;
    if (read < needed) {
      long missing = needed - read;
      throw CommandFailure.badInput(metrics, List.of(CliCode.tooFewMetrics(read, count - 1, needed, missing, read + 1)));
    }
  }

  private Schedule channel(Imported imported) {
    return imported.plan().findChannel(channel).orElseThrow(() -> CommandFailure.badInput(file, List.of(RuleCode.unknownChannel("--channel", channel,
        DidYouMean.hint(channel, imported.plan().channels().keySet())))));
  }

  private void print(SteppedValues curve, long count, Positions positions) {
    PrintWriter out = spec.commandLine().getOut();
    StringBuilder line = new StringBuilder();
    for (long step = 0; step < count; step++) {
      line.setLength(0);
      line.append(step).append('\t').append(curve.nextDouble());
      if (positions != null) {
        line.append('\t').append(positions.at(step).toPlainString());
      }
      out.append(line.append('\n'));
    }
    out.flush();
  }

  /**
   * The positions --x asks for, or {@code null} for updates; checked against the config's geometry
   * up to the last step printed before anything is printed.
   */
  private Positions positions(ConfigSource source, Imported imported, long count) {
    if (x.equals("updates")) {
      return null;
    }
    Optional<RunGeometry> geometry = ConfigGeometry.of(imported);
    UnitAxis.Result chosen = UnitAxis.of(x, geometry, imported.format());
    if (chosen.axis() == null) {
      throw CommandFailure.badInput(file, chosen.problems());
    }
    Positions positions = new Positions(chosen.axis().unit(), geometry.orElseThrow());
    try {
      positions.at(count - 1);
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(file, e.violations().stream().map(v -> v.relocated(UnitAxis.FLAG, null, null)).toList());
    }
    return positions;
  }

  /** What the first {@code step} updates consumed in {@code unit}: epochs to six decimals, samples and tokens exactly. */
  private record Positions(Unit unit, RunGeometry geometry) {
    BigDecimal at(long step) {
      return geometry.amountIn(unit, step);
    }
  }
}
