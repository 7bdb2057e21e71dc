package dev.anneal.cli;

import dev.anneal.rules.InvalidScheduleException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What a command that stops early prints: the lines of a {@link CommandFailure}, the violations of
 * an {@link InvalidScheduleException}, or, for anything else (a bug), one line asking for a report.
 * Never a stack trace.
 */
final class Failures implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
    PrintWriter err = command.getErr();
    int exitCode;
    if (ex instanceof CommandFailure failure) {
      failure.lines().forEach(err::println);
      exitCode = failure.exitCode();
    } else if (ex instanceof InvalidScheduleException invalid) {
      Diagnostics.lines(null, invalid.violations()).forEach(err::println);
      exitCode = ExitCodes.BAD_INPUT;
    } else {
      err.println(internalError(ex));
      exitCode = ExitCodes.INTERNAL_ERROR;
    }
    err.flush();
    return exitCode;
  }

  /** The one line printed for a bug. */
  static String internalError(Throwable bug) {
    String what = bug.getClass().getName() + (bug.getMessage() == null ? "" : ": " + bug.getMessage());
    StackTraceElement[] trace = bug.getStackTrace();
    String where = trace.length == 0 ? "" : " at " + trace[0];
    return ("anneal: internal error: " + what + where + "; please report this, with the command line and its input files")
        .replace('\n', ' ');
  }
}
