package dev.anneal.cli;

import dev.anneal.config.Imported;
import dev.anneal.cli.train.PlanEpochs;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The run geometry of a config, for the commands that show steps in units ({@code explain},
 * {@code plot --x}): the one its reader found ({@link Imported#geometry}: Anneal JSON's {@code
 * "geometry"}, a pytorch config's epoch figures, a Megatron launch's batch-size schedule), and the
 * lengths an Anneal JSON config's phases declared, read again from its text (standard input cannot
 * be read twice).
 */
final class ConfigGeometry {
  private ConfigGeometry() {}

  /** The geometry the config's reader found; empty where the config states none. */
  static Optional<RunGeometry> of(Imported imported) {
    return imported.geometry();
  }

  /**
   * The geometry a length on the command line ({@code --steps 2:epochs}) resolves against: the
   * config's {@link #of geometry}, else, for a plan stepped per epoch (a pytorch config with {@code
   * "interval": "epoch"} and its epoch figures), the epoch its cadence holds, which converts epochs
   * and nothing else.
   */
  static Optional<RunGeometry> forLengths(Imported imported) {
    Optional<RunGeometry> given = of(imported);
    if (given.isPresent()) {
      return given;
    }
    try {
      OptionalLong perEpoch = PlanEpochs.of(imported.plan(), null);
      return perEpoch.isPresent() ? Optional.of(RunGeometry.ofUpdatesPerEpoch(perEpoch.getAsLong())) : Optional.empty();
    } catch (InvalidScheduleException e) {
      // Channels stepped per epochs of different lengths state no one epoch: no geometry to convert with.
      return Optional.empty();
    }
  }

  /** The lengths the phases of {@code source} declared, as written; unknown where it cannot be read again. */
  static DeclaredLengths declaredLengths(ConfigSource source, Imported imported) {
    return rereadable(source, imported) ? DeclaredLengths.of(source.text()) : DeclaredLengths.none();
  }

  private static boolean rereadable(ConfigSource source, Imported imported) {
    return imported.format().equals(AnnealFormat.NAME) && !(source.inline() == null && source.file().toString().equals(Inputs.STANDARD_INPUT));
  }
}
