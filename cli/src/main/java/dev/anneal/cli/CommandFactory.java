package dev.anneal.cli;

import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Makes every command and mixin of the {@code anneal} command line: those that read configs get
 * this factory's one {@link ConfigReader}, the only thing any of them is given; the rest are made as
 * picocli makes them. Tests make a factory with formats of their own.
 */
final class CommandFactory implements CommandLine.IFactory {
  /**
   * Each class made with the reader, and its constructor: references, so a class that stops taking
   * the reader is a compile error here rather than a command picocli cannot make.
   */
  private static final Map<Class<?>, Function<ConfigReader, ?>> MADE_WITH_READER = Map.of(
      ConfigInput.class, ConfigInput::new,
      ValidateCommand.class, ValidateCommand::new,
      DiffCommand.class, DiffCommand::new,
      ConvertCommand.class, ConvertCommand::new,
      FindLrCommand.class, FindLrCommand::new);

  private final ConfigReader configs;

  /** A factory whose commands read configs with {@code configs}. */
  CommandFactory(ConfigReader configs) {
    this.configs = configs;
  }

  /** The factory of the {@code anneal} command: the formats {@link dev.anneal.config.Formats} has registered. */
  static CommandFactory registered() {
    return new CommandFactory(ConfigReader.registered());
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Function<ConfigReader, ?> withReader = MADE_WITH_READER.get(type);
    return withReader != null ? type.cast(withReader.apply(configs)) : CommandLine.defaultFactory().create(type);
  }
}
