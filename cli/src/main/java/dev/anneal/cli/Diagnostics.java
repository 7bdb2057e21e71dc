package dev.anneal.cli;

import dev.anneal.rules.Violation;
import java.nio.file.Path;
import java.util.List;

/**
 * The one line format of every problem the command prints: {@code FILE: [Code] path: message},
 * or {@code [Code] path: message} when the problem is in a flag rather than a file.
 */
final class Diagnostics {
  private Diagnostics() {}

  static String line(Path file, Violation violation) {
    String line = file == null ? violation.toString() : file + ": " + violation;
    return line.replace('\n', ' '); // one line per problem, even if an upstream message spans several
  }

  static List<String> lines(Path file, List<Violation> violations) {
    return violations.stream().map(violation -> line(file, violation)).toList();
  }
}
