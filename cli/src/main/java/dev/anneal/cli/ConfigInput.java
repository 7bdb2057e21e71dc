package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.rules.Violation;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The {@code --format} option of the commands that read one config ({@code curve}, {@code plot},
 * {@code explain} and {@code train --config}), declared once, and the reading of the config it
 * describes. A picocli mixin, which {@link CommandFactory} makes with the {@link ConfigReader}
 * every command shares.
 *
 * <p>The config's file itself stays with each command: it is {@code FILE} in {@code curve},
 * {@code CONFIG} in {@code plot} and {@code explain}, and an option ({@code --config}) in
 * {@code train}, and their help must not change, while picocli gives a mixin's parameter one fixed
 * label.
 */
final class ConfigInput {
  /** The option, which the notes and fixes of format detection name. */
  static final String FLAG = "--format";

  private final ConfigReader configs;

  @Option(names = FLAG, paramLabel = "FORMAT", completionCandidates = FormatNames.class,
      description = "The config's format: ${COMPLETION-CANDIDATES}. Default: detected from the content and the file name.")
  private String name;

  /** An input whose formats {@code configs} finds and reads. */
  ConfigInput(ConfigReader configs) {
    this.configs = configs;
  }

  /** The format's name as given, or {@code null} if {@code --format} is not. */
  String name() {
    return name;
  }

  /**
   * The format {@code --format} names, or {@code null} when it is not given (the format is then
   * detected). Commands ask for it before checking their other options, so that a misspelt format
   * is the problem they name first.
   *
   * @throws CommandFailure if there is no such format, with a "did you mean"
   */
  ConfigFormat format() {
    return configs.format(FLAG, name);
  }

  /**
   * The config of {@code source} read as {@code format} (from {@link #format()}), or, when it is
   * {@code null}, of the format detected, with a note handed to {@code notes} where {@link
   * ConfigReader#read} says: the command's standard error, through its {@link DiagnosticFilter}, or
   * its {@code --json} document. The config's warnings are left to the command, which prints them
   * once its own checks pass.
   *
   * @throws CommandFailure when the format cannot be told, or with every problem of the config
   */
  Imported read(ConfigSource source, ConfigFormat format, Consumer<Violation> notes) {
    return configs.read(source, format, FLAG, notes);
  }

  /** As {@link #read(ConfigSource, ConfigFormat, Consumer)}, with {@code text}, a completed config, in place of the source's own. */
  Imported read(ConfigSource source, String text, ConfigFormat format, Consumer<Violation> notes) {
    return configs.read(source, text, format, FLAG, notes);
  }
}
