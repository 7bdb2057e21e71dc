package dev.anneal.processor.expression;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The functions an expression may call, each the {@link Math} method of the same name with Java's
 * overload rules: {@code min} and {@code max} of two integers are integers, of anything else
 * doubles; {@code round} takes a double (an integer argument is converted first, as {@code
 * Math.round((double) x)}) and returns a {@code long}; {@code floor}, {@code ceil}, {@code sqrt}
 * and {@code pow} take and return doubles, as in Java, so a length written with them must be
 * rounded: {@code round(floor(x))}.
 */
public enum MathFunction {
  MIN(2),
  MAX(2),
  ROUND(1),
  FLOOR(1),
  CEIL(1),
  SQRT(1),
  POW(2);

  private final int arity;

  MathFunction(int arity) {
    this.arity = arity;
  }

  /** How many arguments it takes. */
  public int arity() {
    return arity;
  }

  /** Its name in expressions and in {@link Math}: {@code round}. */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The function an expression calls by {@code name}, if it is one. */
  public static Optional<MathFunction> named(String name) {
    return Arrays.stream(values()).filter(f -> f.spelling().equals(name)).findFirst();
  }

  /** Every function's name, in the order the messages list them: {@code min, max, round, …}. */
  public static List<String> spellings() {
    return Arrays.stream(values()).map(MathFunction::spelling).toList();
  }

  /** Whether a call returns an integer, given whether each argument is one. */
  boolean returnsInteger(List<Boolean> integerArguments) {
    return switch (this) {
      case MIN, MAX -> integerArguments.stream().allMatch(Boolean::booleanValue);
      case ROUND -> true;
      case FLOOR, CEIL, SQRT, POW -> false;
    };
  }

  /** The call's value, with Java's arithmetic: {@code Math.min(long, long)} for two integers, else the double overload. */
  Number apply(List<Number> arguments) {
    Number a = arguments.get(0);
    Number b = arguments.size() > 1 ? arguments.get(1) : null;
    boolean integers = arguments.stream().allMatch(Long.class::isInstance);
    return switch (this) {
      case MIN -> integers ? (Number) Math.min(a.longValue(), b.longValue()) : (Number) Math.min(a.doubleValue(), b.doubleValue());
      case MAX -> integers ? (Number) Math.max(a.longValue(), b.longValue()) : (Number) Math.max(a.doubleValue(), b.doubleValue());
      case ROUND -> Math.round(a.doubleValue());
      case FLOOR -> Math.floor(a.doubleValue());
      case CEIL -> Math.ceil(a.doubleValue());
      case SQRT -> Math.sqrt(a.doubleValue());
      case POW -> Math.pow(a.doubleValue(), b.doubleValue());
    };
  }
}
