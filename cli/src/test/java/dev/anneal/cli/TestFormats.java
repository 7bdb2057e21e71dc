package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.schedule.Plan;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/** Formats that exist only in tests, and a factory that hands them to the commands beside the real ones. */
final class TestFormats {
  private TestFormats() {}

  /** Reads and writes Anneal JSON under another name, but changes the plan before writing it. */
  record Changing(String name, UnaryOperator<Plan> change) implements ConfigFormat {
    private static final AnnealFormat ANNEAL = new AnnealFormat();

    @Override
    public Imported read(String text) {
      return ANNEAL.read(text);
    }

    @Override
    public String write(Plan plan) {
      return ANNEAL.write(change.apply(plan));
    }
  }

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
