package dev.anneal.cli;

import java.io.FileDescriptor;
import java.io.PrintWriter;
import java.util.Set;

/**
 * The entry point of the slim command jar ({@code cli/target/anneal-slim.jar}), which leaves out
 * PyTorch's natives (about 115 MB): {@code curve}, {@code plot}, {@code validate}, {@code explain},
 * {@code diff} and {@code convert} run exactly as in the full jar; {@code train} and {@code find-lr},
 * which need the natives, refuse with one line that says where the full jar comes from, instead of
 * failing deep inside DJL (which, offline, cannot fetch the natives).
 */
public final class SlimCommand {
  /** The subcommands that train a network, and so need the natives. */
  static final Set<String> NEEDS_NATIVES = Set.of("train", "find-lr");

  private SlimCommand() {}

  /**
   * Runs {@code args} as {@link AnnealCommand#run} does, except that a training subcommand is refused.
   *
   * @param out standard output
   * @param err standard error
   * @param args the command line
   * @return the exit status: {@link ExitCodes#BAD_INPUT} for a refused training subcommand
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    String subcommand = subcommand(args);
    if (NEEDS_NATIVES.contains(subcommand)) {
      err.println("anneal " + subcommand + ": needs PyTorch's natives, which the slim jar (anneal-slim.jar) leaves out;"
          + " run it with the full jar instead: ./anneal " + subcommand + " in a checkout, or java -jar cli/target/anneal.jar "
          + subcommand + " after mvn -B package -DskipTests (docs/install.md)");
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    return AnnealCommand.run(out, err, args);
  }

  /** The subcommand: the first argument that is not an option (the top-level command has only -h and -V). */
  static String subcommand(String... args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return "";
  }

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintWriter out = AnnealCommand.writer(FileDescriptor.out);
    PrintWriter err = AnnealCommand.writer(FileDescriptor.err);
    System.exit(run(out, err, args));
  }
}
