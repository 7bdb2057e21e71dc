package dev.anneal.cli;

import dev.anneal.rules.Violation;
import java.nio.file.Path;
import java.util.List;

/**
 * Why a command stops: the lines it prints on standard error (one per problem) and its exit
 * status. Thrown from anywhere inside a command; {@link Failures} prints it.
 */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final transient List<String> lines;
  private final transient List<Violation> violations;

  CommandFailure(int exitCode, List<String> lines) {
    this(exitCode, lines, List.of());
  }

  private CommandFailure(int exitCode, List<String> lines, List<Violation> violations) {
    super(String.join("\n", lines), null, false, false);
    this.exitCode = exitCode;
    this.lines = List.copyOf(lines);
    this.violations = List.copyOf(violations);
  }

  /** Bad input: {@code violations}, each on its own line, prefixed with the {@code file} they are about (if any). */
  static CommandFailure badInput(Path file, List<Violation> violations) {
    return new CommandFailure(ExitCodes.BAD_INPUT, Diagnostics.lines(file, violations), violations);
  }

  int exitCode() {
    return exitCode;
  }

  List<String> lines() {
    return lines;
  }

  /** The problems of a {@link #badInput} failure, for {@code --json}; empty for one made of lines. */
  List<Violation> violations() {
    return violations;
  }
}
