package dev.anneal.cli;

import dev.anneal.config.Imported;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.geometry.RunGeometry;
import java.util.Optional;

/**
 * The run geometry of a config, for the commands that show steps in units ({@code explain},
 * {@code plot --x}): the one its reader found ({@link Imported#geometry}: Anneal JSON's {@code
 * "geometry"}, a pytorch config's epoch figures, a Megatron launch's batch-size schedule), and the
 * lengths an Anneal JSON config's phases declared, read again from its text (standard input cannot
 * be read twice).
 */
final class ConfigGeometry {
  private ConfigGeometry() {}

  /** The geometry of {@code source}, read as {@code imported} was; empty where there is none to read. */
  static Optional<RunGeometry> of(ConfigSource source, Imported imported) {
    return imported.geometry();
  }

  /** The lengths the phases of {@code source} declared, as written; unknown where it cannot be read again. */
  static DeclaredLengths declaredLengths(ConfigSource source, Imported imported) {
    return rereadable(source, imported) ? DeclaredLengths.of(source.text()) : DeclaredLengths.none();
  }

  private static boolean rereadable(ConfigSource source, Imported imported) {
    return imported.format().equals(AnnealFormat.NAME) && !(source.inline() == null && source.file().toString().equals(Inputs.STANDARD_INPUT));
  }
}
