package dev.anneal.cli;

import dev.anneal.config.Imported;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.geometry.RunGeometry;
import java.util.Optional;

/**
 * The run geometry of a config, for the commands that show steps in units ({@code explain},
 * {@code plot --x}): an Anneal JSON config's {@code "geometry"}, read again from its text. Other
 * formats carry none to the command, and standard input cannot be read twice.
 */
final class ConfigGeometry {
  private ConfigGeometry() {}

  /** The geometry of {@code source}, read as {@code imported} was; empty where there is none to read. */
  static Optional<RunGeometry> of(ConfigSource source, Imported imported) {
    if (!imported.format().equals(AnnealFormat.NAME) || (source.inline() == null && source.file().toString().equals(Inputs.STANDARD_INPUT))) {
      return Optional.empty();
    }
    return new AnnealFormat().readGeometry(source.text());
  }
}
