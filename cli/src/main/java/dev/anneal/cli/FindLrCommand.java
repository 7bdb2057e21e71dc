package dev.anneal.cli;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.cli.chart.ChartFiles;
import dev.anneal.cli.chart.RangeTestChart;
import dev.anneal.cli.chart.Ticks;
import dev.anneal.cli.data.Examples;
import dev.anneal.cli.data.LabeledData;
import dev.anneal.cli.data.Split;
import dev.anneal.cli.train.Mlp;
import dev.anneal.cli.train.OptimizerChoice;
import dev.anneal.cli.train.OptimizerKind;
import dev.anneal.cli.train.OptimizerResolution;
import dev.anneal.cli.train.RunLength;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.config.OptimizerSettings;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.runtime.LrRangeTest;
import dev.anneal.runtime.RangeTestResult;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anneal find-lr}: the learning-rate range test on the embedded digits or the user's CSV. */
@Command(
    name = "find-lr",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Runs a learning-rate range test (Smith's; fastai's lr_find; DeepSpeed's LRRangeTest) on the training rows: "
          + "trains from the initial weights with a learning rate growing exponentially from --start-lr to --end-lr "
          + "(or following the lr channel of --config, e.g. a ds_config's LRRangeTest), "
          + "stops early once the smoothed loss exceeds 4 times its best, then prints the learning rate at the lowest loss, "
          + "the one where the loss started to diverge (the first update after the lowest loss from which the smoothed loss stays "
          + "more than 10%% above its lowest), "
          + "the suggested learning rates (steepest descent of the loss, a tenth of the rate at the lowest loss) "
          + "and DeepSpeed OneCycle bounds (cycle_min_lr = --min-fraction x the lowest-loss rate, "
          + "cycle_max_lr = --max-fraction x the last rate before divergence, 3 significant digits), "
          + "and writes the loss against the learning rate to --out (and the sweep as CSV). "
          + "--write-config writes the OneCycle config those bounds make."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:the suggestions were printed and the chart written",
      "1:the --write-format cannot express a one-cycle schedule (on standard error)",
      "2:bad input (one line on standard error per problem), or settings under which the loss diverged too soon to suggest a learning rate",
      "70:a bug in Anneal"})
final class FindLrCommand implements Callable<Integer> {
  /** The range test's settings as its builder names them, and the flags that set them. */
  private static final Map<String, String> FLAGS = Map.of("startLr", "--start-lr", "endLr", "--end-lr", "steps", "--steps");

  /** Those names where a message uses them (as a word: "more steps" is the fix "more --steps"). */
  private static final Pattern SETTING = Pattern.compile("\\b(startLr|endLr|steps)\\b");

  /** The ramp's default bounds and length, given in the options' help. */
  static final double DEFAULT_START_LR = 1e-7;

  static final double DEFAULT_END_LR = 10;

  static final int DEFAULT_STEPS = 100;

  /** The longest range test a config's declared end may ask for; --steps can test part of it. */
  static final int MAX_STEPS = 1_000_000;

  /** DeepSpeed's default OneCycle length: cycle_first_step_size and cycle_second_step_size of 2000 each. */
  static final long DEFAULT_CYCLE_STEPS = 4000;

  private final ConfigReader configs;

  /** With {@code --json}: the config's warnings and notes, shown in the document instead of on standard error. */
  private final List<Violation> diagnostics = new ArrayList<>();

  @Spec private CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A config whose lr channel is the sweep instead of the exponential ramp (any format, e.g. a ds_config with an "
          + "LRRangeTest scheduler); its optimizer is the default of --optimizer; - reads standard input.")
  private Path config;

  @Mixin private ConfigInput configInput;

  @Mixin private JsonOutput json;

  @Mixin private LearningData data;

  @Mixin private ModelOptions model;

  @Mixin private DiagnosticFilter shown;

  @Option(names = "--optimizer", paramLabel = "NAME",
      description = "sgd, sgd-pytorch, adam or adamw. Default: as anneal train: the --config's optimizer with all its settings "
          + "(weight decay on every parameter), else adamw.")
  private String optimizer;

  @Option(names = "--start-lr", paramLabel = "LR", description = "The first learning rate of the ramp. Default: 1e-7.")
  private Double startLr;

  @Option(names = "--end-lr", paramLabel = "LR", description = "The last learning rate of the ramp. Default: 10.")
  private Double endLr;

  @Option(names = "--steps", paramLabel = "N",
      description = "The most updates the test runs. Default: the declared end of --config's plan, if it has one, else 100.")
  private Integer steps;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "anneal-find-lr.png",
      description = "The chart of loss against learning rate, .png or .svg; or the sweep as CSV (step,lr,loss,smoothed_loss), .csv, "
          + "with the chart beside it as a .png of the same name. Default: ${DEFAULT-VALUE}.")
  private Path out;

  @Option(names = "--min-fraction", paramLabel = "F", defaultValue = "0.5",
      description = "cycle_min_lr as a fraction of the learning rate at the lowest loss, in (0, 1]. Default: ${DEFAULT-VALUE}.")
  private double minFraction;

  @Option(names = "--max-fraction", paramLabel = "F", defaultValue = "0.9",
      description = "cycle_max_lr as a fraction of the last learning rate before the loss started to diverge, in (0, 1]. "
          + "Default: ${DEFAULT-VALUE}.")
  private double maxFraction;

  @Option(names = "--write-config", paramLabel = "FILE",
      description = "Writes the OneCycle schedule of those bounds (learning rate only, no decay after the cycle) as a config.")
  private Path writeConfig;

  @Option(names = "--write-format", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
      description = "The format of --write-config: ${COMPLETION-CANDIDATES}. Default: anneal for a name ending in .anneal.json, "
          + "else deepspeed.")
  private String writeFormat;

  @Option(names = "--cycle-steps", paramLabel = "N",
      description = "The length of the written cycle in updates, half up and half down. Default: 4000 (DeepSpeed's default step sizes).")
  private Long cycleSteps;

  /** A command that reads --write-format's format with {@code configs}. */
  FindLrCommand(ConfigReader configs) {
    this.configs = configs;
  }

  @Override
  public Integer call() throws IOException, TranslateException {
    PrintWriter output = spec.commandLine().getOut();
    // With --json the document is the only output: the lines that report progress are left out.
    PrintWriter stdout = json.enabled() ? new PrintWriter(Writer.nullWriter()) : output;
    PrintWriter stderr = spec.commandLine().getErr();
    // The outputs first, before the config or the data is read: a typo in --out must not cost a range test.
    if (ChartFiles.supported(out) || isCsv(out)) {
      Outputs.place("--out", out);
      if (isCsv(out)) {
        Outputs.place("--out", out.resolveSibling(stem(out) + ".png"));
      }
    }
    if (writeConfig != null) {
      Outputs.place("--write-config", writeConfig);
    }
    ConfigFormat written = writeConfig == null ? null
        : configs.format("--write-format", writeFormat != null ? writeFormat : OneCycleConfig.defaultFormat(writeConfig));
    Imported imported = imported();
    // Every bad option at once, as anneal train reports them.
    List<Violation> bad = new ArrayList<>();
    OptimizerKind given = optimizer == null ? null : ModelOptions.optimizer(optimizer, bad);
    bad.addAll(outputProblems());
    Schedule sweep = imported == null ? null : imported.plan().lr();
    int length = length(imported, bad);
    LrRangeTest.Builder builder = rangeTest(sweep, length, bad);
    LabeledData labeled = data.load();
    Split split = Split.of(labeled, model.seed);
    bad.addAll(model.problems(split.train().rows()));
    if (!bad.isEmpty()) {
      throw CommandFailure.badInput(null, bad);
    }
    Schedule lr = builder.build().schedule();
    Plan sweepPlan = Plan.of(lr);
    OptimizerResolution resolution = OptimizerResolution.resolve(imported == null ? Optional.empty() : imported.optimizer(), given, sweepPlan);
    if (!resolution.errors().isEmpty()) {
      throw CommandFailure.badInput(config, resolution.errors());
    }
    if (written != null) {
      OneCycleConfig.text(OneCycleConfig.plan(1e-3, 1e-2, cycleSteps()), written); // a format without cycles is refused before training
    }
    Mlp mlp = model.model(labeled, split.train().rows());
    report(stderr, resolution.notes());
    OptimizerChoice choice = everyParameter(resolution.choice());
    stdout.println("data: " + LearningData.describe(labeled, split.train().rows(), split.heldOut().rows()));
    stdout.println("model: MLP " + mlp + ", " + choice.kind().cliName() + ", batch " + model.batchSize);
    if (resolution.description() != null) {
      stdout.println("optimizer: " + resolution.description());
    }
    stdout.println(describeSweep(imported, lr, length));
    stdout.flush();
    LrRangeTest test = builder.optOptimizer(training -> choice.build(training, sweepPlan)).build();
    RangeTestResult result = run(test, mlp, split.train());
    report(result, stdout);
    boundsAndFiles(result, written, stdout);
    stdout.flush();
    if (json.enabled()) {
      Path chart = isCsv(out) ? out.resolveSibling(stem(out) + ".png") : out;
      ObjectNode document = RangeTestJson.document(choice.kind().cliName(), model.batchSize, result,
          OneCycleBounds.of(result, minFraction, maxFraction), chart);
      JsonOutput.diagnostics(document, config, diagnostics);
      JsonOutput.print(output, document);
    }
    return ExitCodes.OK;
  }

  /**
   * The one-cycle bounds, then the chart and the sweep, then the config: reversed bounds are refused
   * after the sweep is written (the measurement stays useful) and before any config is.
   */
  private void boundsAndFiles(RangeTestResult result, ConfigFormat written, PrintWriter stdout) {
    OneCycleBounds bounds = OneCycleBounds.of(result, minFraction, maxFraction);
    if (!bounds.reversed()) {
      stdout.println("  one-cycle (DeepSpeed OneCycle) cycle_min_lr " + Ticks.label(bounds.cycleMinLr()) + ", cycle_max_lr "
          + Ticks.label(bounds.cycleMaxLr()) + " (" + show(minFraction) + " × " + Ticks.label(bounds.lowestLossLr()) + ", " + show(maxFraction)
          + " × " + Ticks.label(bounds.lastLr()) + ")");
    }
    writeSweep(result, stdout);
    if (bounds.reversed()) {
      stdout.flush();
      throw CommandFailure.badInput(null, List.of(CliCode.cycleBoundsReversed(Ticks.label(bounds.cycleMinLr()), minFraction,
          Ticks.label(bounds.lowestLossLr()), Ticks.label(bounds.cycleMaxLr()), maxFraction, Ticks.label(bounds.lastLr()))));
    }
    if (written != null) {
      String text = OneCycleConfig.text(OneCycleConfig.plan(bounds.cycleMinLr(), bounds.cycleMaxLr(), cycleSteps()), written);
      Outputs.write(writeConfig, file -> Files.writeString(file, text));
      stdout.println("wrote " + writeConfig + " (" + written.name() + ": OneCycle " + Ticks.label(bounds.cycleMinLr()) + " to "
          + Ticks.label(bounds.cycleMaxLr()) + " and back over " + cycleSteps() + " updates)");
    }
  }

  /** The config, its warnings printed; {@code null} without {@code --config}. */
  private Imported imported() {
    ConfigFormat format = configInput.format();
    if (config == null) {
      if (configInput.name() != null) {
        throw CommandFailure.badInput(null, List.of(CliCode.formatWithoutConfig(configInput.name())));
      }
      return null;
    }
    PrintWriter err = spec.commandLine().getErr();
    Imported imported = configInput.read(ConfigSource.file(config), format,
        shown.passing(json.enabled() ? diagnostics::add : ConfigReader.printedOn(err, config)));
    report(err, TrainCommand.withoutOptimizerNotes(imported));
    if (imported.plan().lr() == null) {
      throw CommandFailure.badInput(config, List.of(ConfigCode.missingKey(Plan.LR, "'" + Plan.LR + "': the range test sweeps a learning-rate channel")));
    }
    return imported;
  }

  /**
   * Prints the shown warnings and notes about the config on {@code err}, or with {@code --json} keeps
   * them for the document's {@code diagnostics}, where a script reads them (as {@code curve --json}).
   */
  private void report(PrintWriter err, List<Violation> violations) {
    if (json.enabled()) {
      diagnostics.addAll(shown.shown(violations));
    } else {
      shown.print(err, config, violations);
    }
  }

  /** What is wrong with the options of the outputs and of the written config, each with its value. */
  private List<Violation> outputProblems() {
    List<Violation> found = new ArrayList<>();
    if (!ChartFiles.supported(out) && !isCsv(out)) {
      found.add(ConfigCode.wrongType("--out", out.toString(), "a file name ending in .png, .svg or .csv", "'" + out + "'"));
    }
    if (!(minFraction > 0 && minFraction <= 1)) {
      found.add(RuleCode.outOfRange("--min-fraction", "--min-fraction", minFraction, "(0, 1]"));
    }
    if (!(maxFraction > 0 && maxFraction <= 1)) {
      found.add(RuleCode.outOfRange("--max-fraction", "--max-fraction", maxFraction, "(0, 1]"));
    }
    if (cycleSteps != null && cycleSteps < 2) {
      found.add(RuleCode.outOfRange("--cycle-steps", "--cycle-steps", cycleSteps, "[2, ∞) (at least one update up and one down)"));
    }
    if (writeConfig == null) {
      if (writeFormat != null) {
        found.add(CliCode.optionWithoutWriteConfig("--write-format", writeFormat));
      }
      if (cycleSteps != null) {
        found.add(CliCode.optionWithoutWriteConfig("--cycle-steps", cycleSteps));
      }
    }
    return found;
  }

  /** The updates the test runs at most: --steps, else the config's declared end, else {@link #DEFAULT_STEPS}. */
  private int length(Imported imported, List<Violation> found) {
    if (steps != null || imported == null) {
      return steps != null ? steps : DEFAULT_STEPS;
    }
    long end = RunLength.declaredEnd(imported.plan()).orElse(DEFAULT_STEPS);
    if (end > MAX_STEPS) {
      found.add(RuleCode.outOfRange("--steps", "the declared end", end, "[5, " + MAX_STEPS + "] for anneal find-lr; test part of it with --steps"));
      return DEFAULT_STEPS;
    }
    return (int) end;
  }

  /**
   * The settings of the range test over {@code sweep}, or of the exponential ramp without one, or
   * {@code null} after adding each problem to {@code found} at its flag.
   */
  private LrRangeTest.Builder rangeTest(Schedule sweep, int length, List<Violation> found) {
    LrRangeTest.Builder builder = LrRangeTest.builder().optSteps(length);
    if (sweep == null) {
      builder.optStartLr(startLr == null ? DEFAULT_START_LR : startLr).optEndLr(endLr == null ? DEFAULT_END_LR : endLr);
    } else {
      builder.optSchedule(sweep);
      if (startLr != null) {
        found.add(CliCode.rampWithConfig("--start-lr", startLr));
      }
      if (endLr != null) {
        found.add(CliCode.rampWithConfig("--end-lr", endLr));
      }
      try {
        sweep.valueAt(Math.max(length, 1) - 1L); // a plan declared to fail after its end must reach the last update
      } catch (InvalidScheduleException e) {
        e.violations().forEach(v -> found.add(v.relocated(Plan.LR + " (" + (steps != null ? "--steps" : "--config") + ")", null, null)));
      }
    }
    try {
      builder.build();
      return builder;
    } catch (InvalidScheduleException e) {
      e.violations().stream().map(FindLrCommand::flagged).forEach(found::add);
      return null;
    }
  }

  private long cycleSteps() {
    return cycleSteps != null ? cycleSteps : DEFAULT_CYCLE_STEPS;
  }

  /**
   * The run's optimizer with any weight decay on every parameter: the range test drives one
   * schedule for all of them, so the biases cannot form a group of their own (the help says so).
   */
  private static OptimizerChoice everyParameter(OptimizerChoice choice) {
    return new OptimizerChoice(choice.kind(), choice.momentum(), choice.beta2(), choice.eps(), choice.weightDecay(),
        OptimizerSettings.Decayed.ALL, choice.epsilonForm());
  }

  private String describeSweep(Imported imported, Schedule sweep, int length) {
    if (imported == null) {
      return "range test: learning rate " + Ticks.label(startLr == null ? DEFAULT_START_LR : startLr) + " to "
          + Ticks.label(endLr == null ? DEFAULT_END_LR : endLr) + ", exponentially, over at most " + length + " updates";
    }
    List<String> others = imported.plan().channels().keySet().stream().filter(c -> !c.equals(Plan.LR)).toList();
    return "range test: the lr channel of " + config + " (" + imported.format() + "), " + Ticks.label(sweep.valueAt(0)) + " at update 0 to "
        + Ticks.label(sweep.valueAt(length - 1L)) + " at update " + (length - 1) + ", over at most " + length + " updates"
        + (others.isEmpty() ? "" : "; its other channels (" + String.join(", ", others) + ") are not applied");
  }

  /** How the test ended, the lowest loss, the divergence and the suggestions (all but the one-cycle bounds). */
  private static void report(RangeTestResult result, PrintWriter stdout) {
    int ran = result.points().size();
    stdout.println(result.stoppedEarly()
        ? "stopped after " + ran + " updates: the smoothed loss exceeded 4 times its best at learning rate " + Ticks.label(result.points().get(ran - 1).lr())
        : "ran all " + ran + " updates without the smoothed loss exceeding 4 times its best; a larger --end-lr would show where it does");
    RangeTestResult.Point lowest = result.points().stream().filter(p -> p.lr() == result.lowestLossLr())
        .min(Comparator.comparingDouble(RangeTestResult.Point::smoothedLoss)).orElseThrow();
    stdout.println("lowest smoothed loss " + Ticks.label(lowest.smoothedLoss()) + " at learning rate " + Ticks.label(lowest.lr())
        + " (update " + lowest.step() + ")");
    result.divergence().ifPresentOrElse(
        d -> stdout.println("the loss started to diverge at learning rate " + Ticks.label(d.first().lr()) + " (update " + d.first().step()
            + "); the last learning rate before it was " + Ticks.label(d.lastBefore().lr()) + " (update " + d.lastBefore().step() + ")"),
        () -> stdout.println("the loss did not start to diverge (its smoothed loss ended within 10% of its lowest): the OneCycle bounds"
            + " take the last learning rate tested, " + Ticks.label(result.points().get(ran - 1).lr()) + ", as the last before divergence"));
    stdout.println("suggested learning rates:");
    stdout.println("  steepest descent of the loss   " + Ticks.label(result.steepest()));
    stdout.println("  lowest loss / 10               " + Ticks.label(result.minimumOverTen()));
  }

  /** The chart, and the CSV where --out names one. */
  private void writeSweep(RangeTestResult result, PrintWriter stdout) {
    Path chart = isCsv(out) ? out.resolveSibling(stem(out) + ".png") : out;
    Outputs.write(chart, file -> ChartFiles.write(List.of(RangeTestChart.of(result, "anneal find-lr: loss against learning rate")), file));
    stdout.println("wrote " + chart + " (loss against learning rate)");
    if (isCsv(out)) {
      Outputs.write(out, file -> RangeTestCsv.write(result, file));
      stdout.println("wrote " + out + " (" + RangeTestCsv.HEADER + ")");
    }
  }

  private static boolean isCsv(Path file) {
    return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".csv".length());
  }

  private static String show(double fraction) {
    return Values.show(fraction);
  }

  /** The violation at the flag, and with the flags, that set what the range test's builder names. */
  private static Violation flagged(Violation violation) {
    String message = SETTING.matcher(violation.message()).replaceAll(name -> FLAGS.get(name.group()));
    return new Violation(violation.code(), FLAGS.getOrDefault(violation.path(), violation.path()), message, violation.value());
  }

  private RangeTestResult run(LrRangeTest test, Mlp mlp, Examples train) throws IOException, TranslateException {
    Engine.getInstance().setRandomSeed(model.seed);
    try (NDManager manager = NDManager.newBaseManager();
         Model network = Model.newInstance("anneal-find-lr")) {
      network.setBlock(mlp.block());
      ArrayDataset dataset = new ArrayDataset.Builder()
          .setData(manager.create(train.features(), new Shape(train.rows(), train.columns())))
          .optLabels(manager.create(train.labels(), new Shape(train.rows())))
          .setSampling(model.batchSize, true)
          .build();
      try {
        return test.run(network, Loss.softmaxCrossEntropyLoss(), dataset, new Shape(model.batchSize, train.columns()));
      } catch (InvalidScheduleException e) {
        // Too few usable losses before the loss diverged to suggest anything: a problem of the settings, said as such.
        throw CommandFailure.badInput(null, e.violations().stream().map(FindLrCommand::flagged).toList());
      }
    }
  }
}
