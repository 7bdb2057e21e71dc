package dev.anneal.cli;

import dev.anneal.cli.data.CsvData;
import dev.anneal.cli.data.Digits;
import dev.anneal.cli.data.LabeledData;
import dev.anneal.rules.InvalidScheduleException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The data options of {@code train} and {@code find-lr}: the user's CSV file and its target
 * column, or the embedded digits.
 */
final class LearningData {
  @Option(names = "--data", paramLabel = "FILE.csv",
      description = "Your data: a CSV file with a header line, numeric feature columns and a column of class labels. "
          + "Default: the embedded digits (1797 8x8 images, 10 classes; see docs/train.md).")
  Path file;

  @Option(names = "--target", paramLabel = "COLUMN",
      description = "The column of --data that holds the class labels. Default: the last column.")
  String target;

  /**
   * The data the options name.
   *
   * @throws CommandFailure naming the file, line and column of every problem
   */
  LabeledData load() {
    if (file == null) {
      if (target != null) {
        throw CommandFailure.badInput(null, List.of(CliCode.targetWithoutData(target)));
      }
      return Digits.load();
    }
    String text = Inputs.text(file);
    try {
      return CsvData.read(file.getFileName().toString(), text, target);
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(file, e.violations());
    }
  }

  /** A description for summaries. */
  static String describe(LabeledData data, int train, int heldOut) {
    return data.name() + ": " + data.rows() + " rows, " + data.featureCount() + " features, " + data.classes().size()
        + " classes (column " + data.targetName() + "); " + train + " to train on, " + heldOut + " held out";
  }
}
