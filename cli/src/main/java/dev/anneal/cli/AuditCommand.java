package dev.anneal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.cli.audit.ExactCurve;
import dev.anneal.cli.audit.FaultClassifier;
import dev.anneal.cli.audit.Finding;
import dev.anneal.cli.audit.LearningRateLog;
import dev.anneal.cli.audit.LogColumns;
import dev.anneal.cli.audit.LogFormat;
import dev.anneal.cli.audit.Tolerance;
import dev.anneal.cli.audit.UnreadableLog;
import dev.anneal.cli.chart.AuditChart;
import dev.anneal.cli.chart.ChartFiles;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.Imported;
import dev.anneal.config.SteppedValues;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Schedule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anneal audit}: whether a logged run followed its config's schedule, and if not, which fault explains the log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Compares a logged learning-rate series with the config's exact curve at every logged step, and names what explains "
          + "where they part: an index shift (off by one), a constant stretch factor (gradient accumulation or devices counted as "
          + "updates), a resume that restarted, replayed or jumped the schedule, or updates that did not step it (mixed-precision "
          + "overflow); with the first step where they part and both values.",
      "The log is a CSV file with a step and a learning-rate column, a JSON lines file, or transformers' trainer_state.json. "
          + "A step counts the updates already applied: the log's step N holds the value update N - FIRST + 1 uses (--first-update).",
      "Values match within max(1e-12, RTOL × |value|), the golden tests' bound with RTOL 1e-9. docs/audit.md explains each fault."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:the log follows the curve", "1:they part (the fault is named)", "2:bad input (one line on standard error per problem)",
      "70:a bug in Anneal"})
final class AuditCommand implements Callable<Integer> {
  /** The most steps the plot draws of the config's curve. */
  static final long MAX_PLOTTED_STEPS = PlotCommand.MAX_STEPS;

  /** The most steps of a plateau curve stepped with metrics (32 MB of values); past them no logged value matches. */
  static final long MAX_STEPPED = 4_000_000;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOG", description = "The log: a CSV, JSON lines or trainer_state.json file; - reads standard input.")
  private Path log;

  @Parameters(index = "1", paramLabel = "CONFIG", arity = "0..1",
      description = "The config the run was meant to follow; or give it with --config-text.")
  private Path file;

  @Mixin private ConfigInput configInput;

  @Mixin private InlineConfig inline;

  @Mixin private JsonOutput json;

  @Mixin private DiagnosticFilter shown;

  @Option(names = "--log-format", paramLabel = "FORMAT", completionCandidates = LogFormatNames.class,
      description = "The log's format: ${COMPLETION-CANDIDATES}. Default: .csv is csv, .jsonl and .ndjson are jsonl; "
          + "otherwise told from the content (a JSON document with log_history is a trainer state).")
  private String logFormat;

  @Option(names = LogColumns.STEP_FLAG, paramLabel = "NAME",
      description = "The column (or key) of the steps. Default: the one named step, global_step, iteration, iter, train/global_step "
          + "or trainer/global_step (step in a trainer state).")
  private String stepColumn;

  @Option(names = LogColumns.LR_FLAG, paramLabel = "NAME",
      description = "The column (or key) of the learning rates. Default: the one named lr, learning_rate, learning-rate, "
          + "train/learning_rate, train/lr or lr-OPTIMIZER (learning_rate in a trainer state).")
  private String lrColumn;

  @Option(names = "--first-update", paramLabel = "FIRST", defaultValue = "0",
      description = "The step the log gives the first update: 0 (default; a loop that logs its 0-based step before optimizer.step(), "
          + "and transformers' Trainer, whose entry at step g holds the lr of update g+1) or 1 (a log that numbers updates from 1).")
  private long firstUpdate;

  @Option(names = "--rtol", paramLabel = "RTOL", defaultValue = "1e-9",
      description = "The relative tolerance: raise it for a log written with few digits (1e-4 for 5 significant digits). Default: 1e-9.")
  private double rtol;

  @Option(names = "--channel", paramLabel = "CHANNEL", defaultValue = "lr", description = "The config's channel the log holds: lr (default).")
  private String channel;

  @Option(names = "--metrics", paramLabel = "FILE",
      description = "The metric the run reported after each update, one number per line, for a channel with a plateau phase "
          + "(as anneal curve reads them): the value at step i sees the metrics of lines 1 to i.")
  private Path metrics;

  @Option(names = "--plot", paramLabel = "FILE",
      description = "Also draw the log over the config's curve into FILE.png or FILE.svg (replaced atomically), the first parting marked.")
  private Path plot;

  @Override
  public Integer call() {
    ConfigFormat configFormat = configInput.format();
    LogFormat format = logFormat();
    if (firstUpdate != 0 && firstUpdate != 1) {
      throw CommandFailure.badInput(null, List.of(RuleCode.outOfRange("--first-update", "--first-update", firstUpdate, "{0, 1}")));
    }
    if (!(rtol >= 0 && rtol < 1)) {
      throw CommandFailure.badInput(null, List.of(RuleCode.outOfRange("--rtol", "--rtol", rtol, "[0, 1)")));
    }
    Path chartFile = plot == null ? null : Outputs.chartFile("--plot", plot);
    ConfigSource source = inline.required(file, "CONFIG");
    file = source.label(); // from here on the name messages give the config: its path, or <inline>
    PrintWriter err = spec.commandLine().getErr();
    List<Violation> diagnostics = new ArrayList<>();
    Imported imported = configInput.read(source, configFormat, shown.passing(json.enabled() ? diagnostics::add : ConfigReader.printedOn(err, file)));
    Schedule schedule = channel(imported);
    double[] metricValues = metrics == null ? null : MetricsFile.read(metrics);
    List<Violation> metricProblems = shown.shown(metricProblems(schedule));
    diagnostics.addAll(shown.shown(imported.warnings()));
    if (!json.enabled()) {
      shown.print(err, file, imported.warnings());
      shown.print(err, null, metricProblems);
    }
    String text = Inputs.text(log);
    LearningRateLog read;
    Finding finding;
    ExactCurve curve;
    try {
      read = (format != null ? format : LogFormat.detect(log, text)).read(text, new LogColumns(stepColumn, lrColumn));
      curve = curve(schedule, metricValues, read, firstUpdate);
      finding = FaultClassifier.classify(read, firstUpdate, curve, new Tolerance(rtol));
    } catch (UnreadableLog e) {
      throw CommandFailure.badInput(log, e.problems());
    }
    AuditReport report = new AuditReport(log, file, imported.format(), channel, read, firstUpdate, rtol, finding);
    if (chartFile != null) {
      draw(chartFile, read, curve, schedule.declaredEnd(), finding);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      ObjectNode document = report.json(chartFile, diagnostics);
      metricProblems.forEach(problem -> JsonOutput.add((ArrayNode) document.get("diagnostics"), null, problem));
      JsonOutput.print(out, document);
    } else {
      report.lines().forEach(out::println);
      if (chartFile != null) {
        out.println("wrote " + chartFile);
      }
    }
    out.flush();
    return finding.same() ? ExitCodes.OK : ExitCodes.REJECTED;
  }

  /**
   * The warning that a plateau phase is audited without the metrics that drive it, or the note
   * that {@code --metrics} is not used by a channel without one.
   */
  private List<Violation> metricProblems(Schedule schedule) {
    if (schedule.isReactive() && metrics == null) {
      return List.of(CliCode.plateauWithoutMetrics(channel));
    }
    if (!schedule.isReactive() && metrics != null) {
      return List.of(ConfigCode.ignoredArgument("--metrics", metrics.toString(), "--metrics",
          "channel " + channel + " of " + file + ", which has no plateau phase"));
    }
    return List.of();
  }

  /**
   * The channel's exact curve; a plateau phase fed the metrics given, stepped as a training loop
   * meets them, up to the steps a jump may reach (the metrics decide each value, so there is no
   * random access to the curve).
   */
  private ExactCurve curve(Schedule schedule, double[] metricValues, LearningRateLog read, long first) {
    if (!schedule.isReactive() || metricValues == null) {
      return ExactCurve.of(schedule);
    }
    long last = read.points().get(read.points().size() - 1).step() - first;
    if (metricValues.length < last) {
      throw CommandFailure.badInput(metrics, List.of(CliCode.tooFewAuditMetrics(metricValues.length, last, last)));
    }
    int count = (int) Math.min(MAX_STEPPED, 2 * last + 2);
    SteppedValues stepped = SteppedValues.of(schedule, metricValues);
    double[] values = new double[count];
    for (int step = 0; step < count; step++) {
      values[step] = stepped.nextDouble();
    }
    return ExactCurve.of(values);
  }

  private LogFormat logFormat() {
    if (logFormat == null) {
      return null;
    }
    LogFormat named = LogFormat.named(logFormat);
    if (named == null) {
      throw CommandFailure.badInput(null, List.of(ConfigCode.unknownType("--log-format", "log format", logFormat,
          DidYouMean.hint(logFormat, LogFormat.ids()))));
    }
    return named;
  }

  private Schedule channel(Imported imported) {
    return imported.plan().findChannel(channel).orElseThrow(() -> CommandFailure.badInput(file, List.of(RuleCode.unknownChannel("--channel", channel,
        DidYouMean.hint(channel, imported.plan().channels().keySet())))));
  }

  /**
   * The config's curve up to its declared end or the last logged step, whichever is later (so a log
   * that stops early shows it), with the log over it.
   */
  private void draw(Path chartFile, LearningRateLog read, ExactCurve curve, OptionalLong declaredEnd, Finding finding) {
    int n = read.points().size();
    double[] steps = new double[n];
    double[] logged = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = read.points().get(i).step() - firstUpdate;
      logged[i] = read.points().get(i).lr();
    }
    int count = (int) Math.min(MAX_PLOTTED_STEPS, Math.max((long) steps[n - 1], declaredEnd.orElse(0)) + 1);
    OptionalLong parting = finding.firstParting() == null ? OptionalLong.empty() : OptionalLong.of(finding.firstParting().step());
    String title = "audit: " + log.getFileName() + " against " + file.getFileName() + " (" + finding.fault().id() + ")";
    Outputs.write(chartFile, target -> ChartFiles.write(AuditChart.panels(title, curve.values(count), steps, logged, parting), target));
  }
}
