package dev.anneal.cli;

import dev.anneal.runtime.RangeTestResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sweep of {@code anneal find-lr} as CSV: one line per update of the range test. */
final class RangeTestCsv {
  /** The header line: the updates applied before it, the learning rate, its batch's loss, the smoothed loss. */
  static final String HEADER = "step,lr,loss,smoothed_loss";

  private RangeTestCsv() {}

  /**
   * Writes every point of {@code result} to {@code file}. The learning rate and the loss are written
   * as the 32-bit floats the optimizer applied and the engine measured; the smoothed loss, computed
   * in double precision, as a double. A loss that is not finite reads {@code NaN} or {@code
   * Infinity}, which Python's {@code float} and pandas read back.
   */
  static void write(RangeTestResult result, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      for (RangeTestResult.Point point : result.points()) {
        out.write(point.step() + "," + (float) point.lr() + "," + (float) point.loss() + "," + point.smoothedLoss() + "\n");
      }
    }
  }
}
