package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anneal validate}: every error and warning of every file, for a person or a CI step. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Checks configs and prints every error and warning, one per line: 'FILE: [Code] path: message'.",
      "Prints nothing for a file without problems."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:no file has errors (warnings allowed)",
      "1:a file has errors",
      "2:bad input: a file cannot be read, or a usage error (on standard error)",
      "70:a bug in Anneal"
    })
final class ValidateCommand implements Callable<Integer> {
  private final ConfigReader configs;

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "The config files; - reads standard input.")
  private List<Path> files;

  @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
      description = "The configs' format: ${COMPLETION-CANDIDATES}. Default: detected for each file from its content and its name.")
  private String format;

  /** A command that reads its configs with {@code configs}. */
  ValidateCommand(ConfigReader configs) {
    this.configs = configs;
  }

  @Override
  public Integer call() {
    ConfigFormat given = configs.format("--format", format);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exitCode = ExitCodes.OK;
    for (Path file : files) {
      String text;
      ConfigFormat configFormat;
      try {
        text = Inputs.text(file);
        configFormat = given != null ? given : configs.detected(file, text, "--format", err);
      } catch (CommandFailure unreadable) {
        unreadable.lines().forEach(err::println);
        exitCode = Math.max(exitCode, unreadable.exitCode());
        continue;
      }
      try {
        Imported imported = configFormat.read(text);
        Diagnostics.lines(file, imported.warnings()).forEach(out::println);
      } catch (InvalidScheduleException invalid) {
        Diagnostics.lines(file, invalid.violations()).forEach(out::println);
        Diagnostics.lines(file, invalid.warnings()).forEach(out::println);
        exitCode = Math.max(exitCode, ExitCodes.REJECTED);
      }
    }
    out.flush();
    err.flush();
    return exitCode;
  }
}
