package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Formats;
import java.util.function.Function;
import picocli.CommandLine;

/** Formats that exist only in tests, and a factory that hands them to the commands beside the real ones. */
final class TestFormats {
  private TestFormats() {}

  /** Commands that find {@code extra} by its name, and every registered format as usual. */
  static CommandLine.IFactory with(ConfigFormat extra) {
    Function<String, ConfigFormat> formats = name -> name.equals(extra.name()) ? extra : Formats.byName(name);
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == CurveCommand.class) {
          return type.cast(new CurveCommand(formats));
        }
        if (type == ValidateCommand.class) {
          return type.cast(new ValidateCommand(formats));
        }
        if (type == ConvertCommand.class) {
          return type.cast(new ConvertCommand(formats));
        }
        return CommandLine.defaultFactory().create(type);
      }
    };
  }
}
