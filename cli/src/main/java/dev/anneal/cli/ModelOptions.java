package dev.anneal.cli;

import dev.anneal.cli.data.LabeledData;
import dev.anneal.cli.train.Mlp;
import dev.anneal.cli.train.OptimizerKind;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The model options of {@code train} and {@code find-lr}: layer widths, batch size, optimizer, seed. */
final class ModelOptions {
  /** The widest hidden layer accepted: wider ones would not train in reasonable time on a CPU anyway. */
  static final int MAX_WIDTH = 65_536;

  @Option(names = "--hidden", split = ",", paramLabel = "WIDTH", defaultValue = "64",
      description = "The widths of the hidden layers, comma-separated (e.g. 128,64). Default: ${DEFAULT-VALUE}.")
  List<Integer> hidden;

  @Option(names = "--batch-size", paramLabel = "N", description = "Examples per update. Default: 32.")
  int batchSize = 32;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights, the held-out rows and the batch order. Default: 0.")
  int seed;

  /**
   * The network for {@code data}.
   *
   * @param trainRows the number of training rows, the largest batch
   * @throws CommandFailure naming every bad option and its value
   */
  Mlp model(LabeledData data, int trainRows) {
    List<Violation> found = problems(trainRows);
    if (!found.isEmpty()) {
      throw CommandFailure.badInput(null, found);
    }
    return new Mlp(data.featureCount(), hidden, data.classes().size());
  }

  /**
   * Every bad option of the network, each with its value; empty when all are good. A command
   * collects these with its own options' problems so that one run names them all.
   *
   * @param trainRows the number of training rows, the largest batch
   */
  List<Violation> problems(int trainRows) {
    List<Violation> found = new ArrayList<>();
    for (int width : hidden) {
      if (width < 1 || width > MAX_WIDTH) {
        found.add(RuleCode.outOfRange("--hidden", "--hidden", width, "[1, " + MAX_WIDTH + "]"));
      }
    }
    if (batchSize < 1 || batchSize > trainRows) {
      found.add(RuleCode.outOfRange("--batch-size", "--batch-size", batchSize, "[1, " + trainRows + "] (the training rows)"));
    }
    return found;
  }

  /**
   * The optimizer named by {@code name}.
   *
   * @throws CommandFailure ({@code UnknownType}) with a "did you mean"
   */
  static OptimizerKind optimizer(String name) {
    List<Violation> found = new ArrayList<>();
    OptimizerKind kind = optimizer(name, found);
    if (kind == null) {
      throw CommandFailure.badInput(null, found);
    }
    return kind;
  }

  /** The optimizer named by {@code name}, or {@code null} after adding an {@code UnknownType} with a "did you mean" to {@code found}. */
  static OptimizerKind optimizer(String name, List<Violation> found) {
    for (OptimizerKind kind : OptimizerKind.values()) {
      if (kind.cliName().equals(name)) {
        return kind;
      }
    }
    List<String> names = Arrays.stream(OptimizerKind.values()).map(OptimizerKind::cliName).toList();
    found.add(ConfigCode.unknownType("--optimizer", "optimizer", name, DidYouMean.hint(name, names)));
    return null;
  }
}
