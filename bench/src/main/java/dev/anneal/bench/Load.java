package dev.anneal.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the reports say about the machine: its load while measuring, and its processor. */
final class Load {
  private Load() {}

  /** The 1-, 5- and 15-minute load averages, as {@code uptime} shows them. */
  static String average() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
      return String.join(" ", Arrays.copyOf(fields, 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The processor's model name, as {@code lscpu} shows it. */
  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the model is only informative
    }
    return "unknown model";
  }
}
