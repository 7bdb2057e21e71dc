package dev.anneal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the {@code anneal} command in-process, with standard output and error captured. */
final class Anneal {
  /**
   * What a run left behind.
   *
   * @param exitCode the exit status
   * @param out the lines of standard output
   * @param err the lines of standard error
   */
  record Result(int exitCode, List<String> out, List<String> err, String outText) {}

  private Anneal() {}

  static Result run(String... args) {
    return run(CommandFactory.registered(), args);
  }

  /** Runs with commands made by {@code factory}, through the same entry point as {@code main}. */
  static Result run(CommandFactory factory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = AnnealCommand.run(factory, new PrintWriter(out), new PrintWriter(err), args);
    return new Result(exitCode, out.toString().lines().toList(), err.toString().lines().toList(), out.toString());
  }
}
