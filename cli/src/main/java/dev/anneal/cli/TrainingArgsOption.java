package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.config.TrainerArguments;
import dev.anneal.config.deepspeed.DeepSpeedFormat;
import dev.anneal.config.deepspeed.TrainerAutoFill;
import dev.anneal.config.transformers.TrainerArgumentsReader;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --training-args FILE}: the {@code TrainingArguments} a Trainer run hands transformers'
 * DeepSpeed integration, which fills the ds_config's {@code "auto"} values before DeepSpeed reads
 * it ({@link TrainerAutoFill}). A picocli mixin of {@code curve} and {@code convert}; without it an
 * {@code "auto"} stays refused, naming what fills it.
 */
final class TrainingArgsOption {
  /** The option's name, which its messages use. */
  static final String FLAG = "--training-args";

  @Option(names = FLAG, paramLabel = "FILE",
      description = "The Trainer's TrainingArguments (JSON, with dataset_length and world_size where max_steps is not set): the "
          + "config is then a ds_config whose \"auto\" values are filled from them, as transformers' DeepSpeed integration does.")
  private Path file;

  /** Whether the option is given. */
  boolean given() {
    return file != null;
  }

  /**
   * The format to read the config as: DeepSpeed's, the only one with {@code "auto"} values.
   *
   * @param flag the command's format option
   * @param named the format it names, or {@code null} when detected
   * @throws CommandFailure ({@code TrainingArgsNeedDeepSpeed}) when it names another format
   */
  static ConfigFormat deepspeed(String flag, ConfigFormat named) {
    if (named != null && !named.name().equals(DeepSpeedFormat.NAME)) {
      throw CommandFailure.badInput(null, List.of(CliCode.trainingArgsNeedDeepspeed(flag, named.name())));
    }
    return named != null ? named : new DeepSpeedFormat();
  }

  /**
   * The ds_config of {@code config} with its {@code "auto"} values filled from the arguments.
   *
   * @throws CommandFailure naming each wrong field of the arguments (at their file), or each value of
   *     the config that differs from the Trainer's (at the config)
   */
  TrainerAutoFill.Filled fill(ConfigSource config) {
    TrainerArguments arguments;
    try {
      arguments = TrainerArgumentsReader.read(ConfigSource.file(file).text());
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(file, e.violations());
    }
    try {
      return TrainerAutoFill.fill(config.text(), arguments);
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(config.label(), e.violations());
    }
  }

  /** {@code imported} with the warnings of the filling (an {@code "auto"} left outside the schedule) before its own. */
  static Imported withFillWarnings(Imported imported, TrainerAutoFill.Filled filled) {
    List<Violation> warnings = new ArrayList<>(filled.warnings());
    warnings.addAll(imported.warnings());
    return new Imported(imported.format(), imported.plan(), warnings, imported.optimizer());
  }
}
