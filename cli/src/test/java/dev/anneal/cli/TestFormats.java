package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Formats;

/** Formats that exist only in tests, and a factory that hands them to the commands beside the real ones. */
final class TestFormats {
  private TestFormats() {}

  /** Commands that find {@code extra} by its name, and every registered format as usual. */
  static CommandFactory with(ConfigFormat extra) {
    return new CommandFactory(new ConfigReader(name -> name.equals(extra.name()) ? extra : Formats.byName(name)));
  }
}
