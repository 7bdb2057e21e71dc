package dev.anneal.samples.training;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What the sample tests share: the digits, loaded once, and the output of a {@code main}. */
final class Samples {
  private static DigitsProblem digits;

  private Samples() {}

  static synchronized DigitsProblem digits() {
    if (digits == null) {
      digits = DigitsProblem.load();
    }
    return digits;
  }

  /** What {@code program} prints to standard output, lines ended by {@code \n}. */
  static synchronized String stdout(Runnable program) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      program.run();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
