package dev.anneal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small data sets for short {@code anneal train} runs. */
final class TrainData {
  private TrainData() {}

  /** 40 rows, two features; the label says on which side of x = y a point lies (32 train, 8 held out). */
  static Path separable(Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("x,y,side\n");
    for (int i = 0; i < 40; i++) {
      double x = (i * 7 % 40) / 10.0 - 2;
      double y = (i * 13 % 40) / 10.0 - 2;
      csv.append(x).append(',').append(y).append(',').append(x > y ? "right" : "left").append('\n');
    }
    return Files.writeString(dir.resolve("points.csv"), csv);
  }
}
