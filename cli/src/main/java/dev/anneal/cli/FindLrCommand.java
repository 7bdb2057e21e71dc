package dev.anneal.cli;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.engine.Engine;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import dev.anneal.cli.chart.ChartFiles;
import dev.anneal.cli.chart.RangeTestChart;
import dev.anneal.cli.chart.Ticks;
import dev.anneal.cli.data.Examples;
import dev.anneal.cli.data.LabeledData;
import dev.anneal.cli.data.Split;
import dev.anneal.cli.train.Mlp;
import dev.anneal.cli.train.OptimizerKind;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.runtime.LrRangeTest;
import dev.anneal.runtime.RangeTestResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
          + "trains from the initial weights with a learning rate growing exponentially from --start-lr to --end-lr, "
          + "stops early once the smoothed loss exceeds 4 times its best, then prints the suggested learning rates "
          + "(steepest descent of the loss, a tenth of the rate at the lowest loss, and DeepSpeed OneCycle bounds) "
          + "and writes the loss against the learning rate to --out."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:the suggestions were printed and the chart written", "2:bad input (one line on standard error per problem), or settings under which the loss diverged too soon to suggest a learning rate", "70:a bug in Anneal"})
final class FindLrCommand implements Callable<Integer> {
  /** The range test's settings as its builder names them, and the flags that set them. */
  private static final Map<String, String> FLAGS = Map.of("startLr", "--start-lr", "endLr", "--end-lr", "steps", "--steps");

  /** Those names where a message uses them (as a word: "more steps" is the fix "more --steps"). */
  private static final Pattern SETTING = Pattern.compile("\\b(startLr|endLr|steps)\\b");

  @Spec private CommandSpec spec;

  @Mixin private LearningData data;

  @Mixin private ModelOptions model;

  @Mixin private JsonOutput json;

  @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
      description = "sgd (default, without momentum), sgd-pytorch, adam or adamw (beta1 0.9).")
  private String optimizer;

  @Option(names = "--start-lr", paramLabel = "LR", defaultValue = "1e-7", description = "The first learning rate. Default: ${DEFAULT-VALUE}.")
  private double startLr;

  @Option(names = "--end-lr", paramLabel = "LR", defaultValue = "10", description = "The last learning rate. Default: ${DEFAULT-VALUE}.")
  private double endLr;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "The most updates the test runs. Default: ${DEFAULT-VALUE}.")
  private int steps;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "anneal-find-lr.png",
      description = "The chart of loss against learning rate, .png or .svg, in a folder that exists (replaced atomically). Default: ${DEFAULT-VALUE}.")
  private Path out;

  @Override
  public Integer call() throws IOException, TranslateException {
    OptimizerKind kind = ModelOptions.optimizer(optimizer);
    Path chart = Outputs.chartFile("--out", out);
    LrRangeTest test;
    try {
      test = LrRangeTest.builder().optStartLr(startLr).optEndLr(endLr).optSteps(steps).optOptimizer(kind::build).build();
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(null, e.violations().stream().map(FindLrCommand::flagged).toList());
    }
    LabeledData labeled = data.load();
    Split split = Split.of(labeled, model.seed);
    Mlp mlp = model.model(labeled, split.train().rows());
    PrintWriter stdout = spec.commandLine().getOut();
    // With --json the document is the only output: the lines that report progress are left out.
    PrintWriter progress = json.enabled() ? new PrintWriter(Writer.nullWriter()) : stdout;
    progress.println("data: " + LearningData.describe(labeled, split.train().rows(), split.heldOut().rows()));
    progress.println("model: MLP " + mlp + ", " + kind.cliName() + ", batch " + model.batchSize);
    progress.println("range test: learning rate " + Ticks.label(startLr) + " to " + Ticks.label(endLr) + ", exponentially, over at most " + steps + " updates");
    progress.flush();
    RangeTestResult result = run(test, mlp, split.train());
    int ran = result.points().size();
    progress.println(result.stoppedEarly()
        ? "stopped after " + ran + " updates: the smoothed loss exceeded 4 times its best at learning rate " + Ticks.label(result.points().get(ran - 1).lr())
        : "ran all " + ran + " updates without the loss diverging; a larger --end-lr would show where it does");
    progress.println("suggested learning rates:");
    progress.println("  steepest descent of the loss   " + Ticks.label(result.steepest()));
    progress.println("  lowest loss / 10               " + Ticks.label(result.minimumOverTen()));
    progress.println("  one-cycle (DeepSpeed OneCycle) cycle_min_lr " + Ticks.label(result.cycleMinLr()) + ", cycle_max_lr " + Ticks.label(result.cycleMaxLr()));
    Outputs.write(chart, file -> ChartFiles.write(List.of(RangeTestChart.of(result, "anneal find-lr: loss against learning rate")), file));
    progress.println("wrote " + chart + " (loss against learning rate)");
    progress.flush();
    if (json.enabled()) {
      JsonOutput.print(stdout, RangeTestJson.document(kind.cliName(), model.batchSize, result, chart));
    }
    return ExitCodes.OK;
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
