package dev.anneal.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --config-text} option of every command that reads a config: the config's text given
 * on the command line instead of a file, for scripts that build it on the fly. Its format is
 * detected from the content as a file's is ({@code --format} still names it). A picocli mixin.
 *
 * <p>A file and the inline text are never combined: a command given both refuses
 * ({@code ConfigGivenTwice}) rather than pick one.
 */
final class InlineConfig {
  /** The option. */
  static final String FLAG = "--config-text";

  /** The command that mixes this in: a missing config is its usage error. */
  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Option(names = FLAG, paramLabel = "TEXT",
      description = "The config itself instead of a file, for scripts (any format, detected from the content); messages call it <inline>.")
  private String text;

  /** Whether {@code --config-text} is given. */
  boolean given() {
    return text != null;
  }

  /**
   * The config: {@code file}, or the inline text, or {@code null} when neither is given (a command
   * with a default config uses it then).
   *
   * @param label how the command's help names the file ({@code FILE}, {@code --config}), which
   *     the refusal names
   * @throws CommandFailure ({@code ConfigGivenTwice}) when both are given
   */
  ConfigSource optional(Path file, String label) {
    if (file != null && text != null) {
      throw CommandFailure.badInput(null, List.of(CliCode.configGivenTwice(label, file.toString())));
    }
    return file != null ? ConfigSource.file(file) : text != null ? ConfigSource.inline(text) : null;
  }

  /**
   * The config: {@code file} or the inline text, exactly one.
   *
   * @param label the positional parameter that names the file ({@code FILE}, {@code B})
   * @throws MissingParameterException when neither is given: the usage error picocli reports for a
   *     missing parameter, worded as it words it
   * @throws CommandFailure ({@code ConfigGivenTwice}) when both are given
   */
  ConfigSource required(Path file, String label) {
    ConfigSource source = optional(file, label);
    if (source == null) {
      throw new MissingParameterException(command.commandLine(), List.<ArgSpec>copyOf(command.positionalParameters()),
          "Missing required parameter: '" + label + "'");
    }
    return source;
  }
}
