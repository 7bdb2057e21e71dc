package dev.anneal.cli;

import dev.anneal.geometry.Unit;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A count of updates as a command line gives it ({@code --steps}, {@code --step}): a plain number of
 * updates, as always, or an amount in a unit, {@code AMOUNT[K|M|B|T]:UNIT} ({@code 375M:tokens},
 * {@code 2.5:epochs}), which the config's run geometry turns into updates ({@link StepLengths}).
 * The colon form needs no quoting in any shell; the suffixes are exact decimal multiples, unlike
 * Megatron's {@code --step-batch-size-schedule}, which truncates them in binary floating point.
 *
 * @param amount the amount, exact; for {@link Unit#UPDATES} given as a plain number it may be zero
 *     or negative, for the command to refuse with its own message
 * @param unit the unit
 * @param text the value as typed, for messages
 */
record StepLength(BigDecimal amount, Unit unit, String text) {
  /** The {@code --help} sentence of an option that takes one. */
  static final String HELP = "N is a count of updates, or a length AMOUNT[K|M|B|T]:UNIT (375M:tokens, 2.5:epochs, 1.2B:samples) that the "
      + "config's run geometry converts to updates (docs/units.md); K, M, B, T are exact powers of 1000.";

  private static final Pattern PLAIN = Pattern.compile("-?[0-9]+");
  private static final Pattern WITH_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?(?:[eE][0-9]+)?)([KkMmBbTt]?):([A-Za-z]*)");

  StepLength {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(text, "text");
  }

  /** {@code updates} updates, as a plain number gives them. */
  static StepLength updates(long updates) {
    return new StepLength(BigDecimal.valueOf(updates), Unit.UPDATES, Long.toString(updates));
  }

  /** Whether it is a count of updates, which needs no geometry. */
  boolean inUpdates() {
    return unit == Unit.UPDATES;
  }

  /** The amount as a whole count; for a length in updates, the updates. */
  long count() {
    return amount.longValueExact();
  }

  /**
   * The value of {@code text}: a plain (possibly negative) number is updates, as before units; an
   * amount with a unit must be positive, and whole in every unit but epochs.
   *
   * @throws TypeConversionException with the {@code MalformedLength} message, naming the accepted forms
   */
  static StepLength parse(String text) {
    if (PLAIN.matcher(text).matches()) {
      try {
        return updates(Long.parseLong(text));
      } catch (NumberFormatException e) {
        throw notALong(text);
      }
    }
    if (!text.contains(":")) {
      throw notALong(text);
    }
    Matcher matcher = WITH_UNIT.matcher(text);
    if (!matcher.matches()) {
      throw malformed(text, "it does not read as AMOUNT[K|M|B|T]:UNIT");
    }
    Unit unit = Unit.byJsonName(matcher.group(3).toLowerCase(Locale.ROOT));
    if (unit == null) {
      throw malformed(text, "'" + matcher.group(3) + "' is no unit");
    }
    BigDecimal amount = new BigDecimal(matcher.group(1)).multiply(multiplier(matcher.group(2))).stripTrailingZeros();
    if (amount.signum() <= 0) {
      throw malformed(text, "the amount must be above 0");
    }
    if (unit.isWhole() && amount.scale() > 0) {
      throw malformed(text, unit.jsonName() + " are counted whole (only epochs may be fractional)");
    }
    if (unit.isWhole() && amount.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw malformed(text, "the amount exceeds the 64-bit range");
    }
    return new StepLength(amount, unit, text);
  }

  private static BigDecimal multiplier(String suffix) {
    return switch (suffix.toUpperCase(Locale.ROOT)) {
      case "K" -> BigDecimal.valueOf(1_000L);
      case "M" -> BigDecimal.valueOf(1_000_000L);
      case "B" -> BigDecimal.valueOf(1_000_000_000L);
      case "T" -> BigDecimal.valueOf(1_000_000_000_000L);
      default -> BigDecimal.ONE;
    };
  }

  /** The message picocli gave before lengths took units, so that scripts matching it keep working. */
  private static TypeConversionException notALong(String text) {
    return new TypeConversionException("'" + text + "' is not a long");
  }

  private static TypeConversionException malformed(String text, String why) {
    return new TypeConversionException(CliCode.malformedLength(text, why).toString());
  }

  /** The picocli converter of options that take a {@link StepLength}. */
  static final class Converter implements ITypeConverter<StepLength> {
    @Override
    public StepLength convert(String value) {
      return parse(value);
    }
  }
}
