package dev.anneal.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code anneal} command: {@code train}, {@code find-lr}, {@code plot}, {@code explain}, {@code diff},
 * {@code curve}, {@code validate}, {@code convert} and {@code audit}, with {@code completion} and {@code man} printing
 * its shell completion script and manual page. Bad input never
 * yields a stack trace: usage errors, unreadable files and invalid configs print one line per
 * problem and exit with status 2; anything unexpected prints one line asking for a report and
 * exits with status 70.
 */
@Command(
    name = "anneal",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Learning-rate, momentum and weight-decay schedules, exact to PyTorch, transformers, DeepSpeed and Megatron-LM.",
    subcommands = {TrainCommand.class, FindLrCommand.class, PlotCommand.class, ExplainCommand.class, DiffCommand.class,
      CurveCommand.class, ValidateCommand.class, ConvertCommand.class, AuditCommand.class, CompletionCommand.class, ManCommand.class,
      ResumeCheckCommand.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:done",
      "1:validate found errors; convert cannot express the plan in the target format; diff found differences; audit: the log parts from the curve;"
          + " resume-check: the run taken over would not continue as upstream's",
      "2:bad input (one line on standard error per problem)",
      "70:a bug in Anneal"
    })
public final class AnnealCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  /** Without a subcommand there is nothing to do: show what there is. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    spec.commandLine().getErr().flush();
    return ExitCodes.BAD_INPUT;
  }

  /** The command line with Anneal's handling of usage errors and failures; set its out and err to capture output. */
  public static CommandLine commandLine() {
    return commandLine(CommandFactory.registered());
  }

  /** The command line whose commands {@code factory} creates (tests give them formats of their own). */
  static CommandLine commandLine(CommandFactory factory) {
    return new CommandLine(new AnnealCommand(), factory)
        .setParameterExceptionHandler(new UsageErrors())
        .setExecutionExceptionHandler(new Failures());
  }

  /**
   * Runs {@code args}; whatever happens, prints no stack trace and returns the exit status.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(CommandFactory.registered(), out, err, args);
  }

  static int run(CommandFactory factory, PrintWriter out, PrintWriter err, String... args) {
    preferOffline();
    try {
      return commandLine(factory).setOut(out).setErr(err).execute(args);
    } catch (Throwable bug) { // an Error escapes picocli's handlers: still one line, never a trace
      err.println(Failures.internalError(bug));
      return ExitCodes.INTERNAL_ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static final String PYTORCH_THREADS = "ai.djl.pytorch.num_threads";

  /**
   * Anneal's tools work offline unless told otherwise: DJL (which a later module brings in) would
   * otherwise download engines and models on first use.
   */
  static void preferOffline() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    // train and find-lr fit small networks, for which PyTorch's CPU thread pool costs far more than
    // it saves (measured on 2 shared cores: 1.9 ms per update with one thread, 48 ms with two).
    // -Dai.djl.pytorch.num_threads=N asks for more.
    if (System.getProperty(PYTORCH_THREADS) == null) {
      System.setProperty(PYTORCH_THREADS, "1");
    }
  }

  public static void main(String[] args) {
    PrintWriter out = writer(FileDescriptor.out);
    PrintWriter err = writer(FileDescriptor.err);
    System.exit(run(out, err, args));
  }

  /** A UTF-8 writer on standard output or error, whatever the platform's default charset. */
  static PrintWriter writer(FileDescriptor descriptor) {
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(descriptor), StandardCharsets.UTF_8)));
  }
}
