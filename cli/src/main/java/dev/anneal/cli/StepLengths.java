package dev.anneal.cli;

import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link StepLength} of the command line resolved to updates against the config's run geometry,
 * by the geometry's own rounding (docs/units.md): the first update count whose consumption reaches
 * the amount, {@code ceil(epochs × updates per epoch)} for epochs. Done once, before any value is
 * computed.
 */
final class StepLengths {
  private StepLengths() {}

  /**
   * {@code length} in updates.
   *
   * @param flag the option that gave it, where a message points
   * @param geometries the config's run geometry, empty where it has none; asked only for a unit
   * @param format the config's format, for the fix when it carries no geometry
   * @param file the config, where a message is about it
   * @throws CommandFailure ({@code UnitNeedsGeometry}) naming the figure the geometry lacks, ({@code
   *     LengthOverflow}) past the 64-bit range
   */
  static Resolved resolve(StepLength length, String flag, Supplier<Optional<RunGeometry>> geometries, String format, Path file) {
    if (length.inUpdates()) {
      return new Resolved(flag, length, length.count(), length.amount());
    }
    Optional<RunGeometry> geometry = geometries.get();
    String unit = length.unit().jsonName();
    if (geometry.isEmpty()) {
      // No geometry, and no plan stepped per epoch: only updates are known.
      throw CommandFailure.badInput(file, List.of(UnitAxis.noGeometry(flag, length.text(), unit, format, "give " + flag + " in updates")));
    }
    Optional<Violation> missing = UnitAxis.missing(flag, length.text(), length.unit(), geometry.get(), format);
    if (missing.isPresent()) {
      throw CommandFailure.badInput(file, List.of(missing.get()));
    }
    try {
      long updates = geometry.get().updates(new Length(length.amount(), length.unit()), flag);
      return new Resolved(flag, length, updates, geometry.get().amountIn(length.unit(), updates));
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(file, e.violations().stream().map(v -> v.relocated(flag, null, null)).toList());
    }
  }

  /**
   * A length and the updates it resolved to.
   *
   * @param flag the option that gave it
   * @param given the length as given
   * @param updates the updates it resolved to
   * @param reached what those updates consume in the length's unit (epochs to six decimals)
   */
  record Resolved(String flag, StepLength given, long updates, BigDecimal reached) {
    /** Whether a unit was converted, so that the command says what it resolved to. */
    boolean converted() {
      return !given.inUpdates();
    }

    /** {@code 183 updates (375M:tokens; they consume 375,390,208 tokens)}, for a command's summary line. */
    String summary() {
      return grouped(BigDecimal.valueOf(updates)) + " updates (" + given.text() + "; they consume " + grouped(reached) + " "
          + given.unit().jsonName() + ")";
    }

    /** The {@code LengthInUnits} note, for a command that prints no summary of its own. */
    Violation note() {
      return CliCode.lengthInUnits(flag, given.text(), grouped(BigDecimal.valueOf(updates)), given.unit().jsonName(),
          grouped(given.amount()), grouped(reached));
    }
  }

  /** {@code 1,234,567.5}: grouped, up to six decimals, as {@code explain}'s units line writes amounts. */
  static String grouped(BigDecimal amount) {
    return new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
  }
}
