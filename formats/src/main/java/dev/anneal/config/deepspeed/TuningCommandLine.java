package dev.anneal.config.deepspeed;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.Problems;
import dev.anneal.config.ShellWords;
import dev.anneal.rules.Values;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tuning arguments of one command line, parsed as argparse parses them for a parser that
 * {@code add_tuning_arguments} extended: {@code --flag value} or {@code --flag=value}, a unique
 * prefix of a flag standing for it, the last of a repeated flag winning, each value converted by
 * the argument's type ({@link TuningArgument.Kind}). The training script's other flags are named as
 * ignored; one a letter or two away from a tuning flag is refused with a "did you mean", since the
 * tuning argument it was meant to set keeps its default. Only the command that gives {@code
 * --lr_schedule} is read (a launch script may run several).
 */
final class TuningCommandLine {
  /** Python's {@code int()} of a string: optional sign, digits with single underscores between them. */
  private static final Pattern PYTHON_INT = Pattern.compile("[+-]?[0-9](_?[0-9])*");

  /** Python's {@code float()}: a decimal literal with single underscores between digits, or inf, infinity, nan. */
  private static final Pattern PYTHON_FLOAT = Pattern.compile(
      "[+-]?(([0-9](_?[0-9])*(\\.([0-9](_?[0-9])*)?)?|\\.[0-9](_?[0-9])*)([eE][+-]?[0-9](_?[0-9])*)?|inf|infinity|nan)",
      Pattern.CASE_INSENSITIVE);

  /**
   * argparse's {@code _negative_number_matcher}: a word starting with {@code -} is a value only if it
   * looks like this ({@code -0.1}, {@code -3}); {@code -1e-3} is taken for an option.
   */
  private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-[0-9]+|-[0-9]*\\.[0-9]+");

  /**
   * One argument given.
   *
   * @param value the converted value: a Double, Long, Boolean or String
   * @param written the value as written (for messages)
   * @param path {@code --flag (line N)}
   */
  record Given(Object value, String written, String path) {}

  private final Map<TuningArgument, Given> given = new LinkedHashMap<>();

  /** Every argument written, whether or not its value was usable. */
  private final Set<TuningArgument> written = EnumSet.noneOf(TuningArgument.class);

  private TuningCommandLine() {}

  /** The arguments of the command of {@code words} that gives {@code --lr_schedule} (or of the first command that gives any). */
  static TuningCommandLine parse(List<ShellWords.Word> words, Problems problems) {
    int command = tuningCommand(words);
    List<ShellWords.Word> mine = words.stream().filter(word -> word.command() == command).toList();
    TuningCommandLine line = new TuningCommandLine();
    for (int i = 0; i < mine.size(); i++) {
      ShellWords.Word word = mine.get(i);
      if (!word.text().startsWith("--") || word.text().equals("--")) {
        continue; // the program, the script, positional arguments: not the scheduler's
      }
      int equals = word.text().indexOf('=');
      String name = equals < 0 ? word.text() : word.text().substring(0, equals);
      String inline = equals < 0 ? null : word.text().substring(equals + 1);
      Optional<TuningArgument> argument = resolve(name);
      boolean takesValue = argument.map(a -> a.kind() != TuningArgument.Kind.STORE_TRUE).orElse(false);
      String value = inline;
      if (inline == null && (takesValue || argument.isEmpty()) && i + 1 < mine.size() && isValue(mine.get(i + 1).text(), takesValue)) {
        value = mine.get(++i).text();
      }
      String path = name + " (" + word.where() + ")";
      if (argument.isEmpty()) {
        other(name, value, path, problems);
      } else {
        line.read(argument.get(), value, i + 1 < mine.size() ? mine.get(i + 1).text() : null, path, problems);
      }
    }
    return line;
  }

  /** Whether the word after a flag is its value, as argparse decides: not an option, or a negative number it recognises. */
  private static boolean isValue(String next, boolean tuningFlagTakesValue) {
    return !next.startsWith("-") || (tuningFlagTakesValue && NEGATIVE_NUMBER.matcher(next).matches());
  }

  private static int tuningCommand(List<ShellWords.Word> words) {
    for (ShellWords.Word word : words) {
      if (resolve(word.text().split("=", 2)[0]).filter(a -> a == TuningArgument.LR_SCHEDULE).isPresent()) {
        return word.command();
      }
    }
    for (ShellWords.Word word : words) {
      if (resolve(word.text().split("=", 2)[0]).isPresent()) {
        return word.command();
      }
    }
    return words.isEmpty() ? 0 : words.get(0).command();
  }

  /** The tuning argument {@code name} sets: the exact flag, or the only one it is a prefix of (argparse's abbreviations). */
  private static Optional<TuningArgument> resolve(String name) {
    Optional<TuningArgument> exact = TuningArgument.byFlag(name);
    if (exact.isPresent() || !name.startsWith("--") || name.length() < 3) {
      return exact;
    }
    List<TuningArgument> prefixed = TuningArgument.byPrefix(name);
    return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
  }

  /** A flag of the training script: named as ignored, or refused where it looks like a misspelt tuning flag. */
  private static void other(String name, String value, String path, Problems problems) {
    Optional<String> meant = DidYouMean.closest(name, TuningArgument.flags());
    if (meant.isPresent()) {
      problems.add(DeepSpeedCode.unknownTuningFlag(path, name, "; did you mean `" + meant.get() + "`? (argparse leaves it to the"
          + " training script, and " + meant.get() + " keeps its default)"));
    } else {
      problems.add(ConfigCode.ignoredSetting(path, value, "not a DeepSpeed tuning argument: the training script reads it, the scheduler"
          + " does not"));
    }
  }

  private void read(TuningArgument argument, String value, String next, String path, Problems problems) {
    if (argument.kind() == TuningArgument.Kind.STORE_TRUE) {
      if (value != null) {
        problems.add(ConfigCode.wrongType(path, value, "no value (argparse stops: ignored explicit argument '" + value + "')", value));
        return;
      }
      given.put(argument, new Given(true, "", path));
      return;
    }
    written.add(argument);
    if (value == null) {
      problems.add(ConfigCode.wrongType(path, null, "a value (argparse stops: expected one argument; it takes a word starting with"
          + " - for an option unless it reads like -3 or -0.5)", next == null ? "the end of the command" : "the option " + next));
      return;
    }
    Object converted = convert(argument, value, path, problems);
    if (converted != null) {
      // argparse keeps the last value of a repeated flag.
      given.remove(argument);
      given.put(argument, new Given(converted, value, path));
    }
  }

  private static Object convert(TuningArgument argument, String value, String path, Problems problems) {
    String stripped = value.strip();
    switch (argument.kind()) {
      case STRING:
        return value;
      case BOOL:
        if (!value.isEmpty() && List.of("false", "0", "no", "off").contains(value.toLowerCase(java.util.Locale.ROOT))) {
          problems.add(DeepSpeedCode.staircaseStringIsTrue(path, value));
        }
        return !value.isEmpty();
      case INT:
        if (!PYTHON_INT.matcher(stripped).matches()) {
          problems.add(ConfigCode.wrongType(path, value, "an integer (argparse stops: invalid int value: '" + value + "')", value));
          return null;
        }
        BigInteger integer = new BigInteger(stripped.replace("_", ""));
        if (integer.bitLength() > 63) {
          problems.add(ConfigCode.wrongType(path, value, "an integer Anneal can count to (at most " + Long.MAX_VALUE + ")", value));
          return null;
        }
        return integer.longValue();
      case FLOAT:
        if (!PYTHON_FLOAT.matcher(stripped).matches()) {
          problems.add(ConfigCode.wrongType(path, value, "a number (argparse stops: invalid float value: '" + value + "')", value));
          return null;
        }
        double number = parseFloat(stripped);
        if (!Double.isFinite(number)) {
          problems.add(ConfigCode.wrongType(path, value, "a finite number (Python's float() reads it as " + Values.show(number)
              + ", which no learning rate can be)", value));
          return null;
        }
        return number;
      default:
        throw new IllegalStateException("no conversion for " + argument.kind());
    }
  }

  private static double parseFloat(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    boolean negative = lower.startsWith("-");
    String unsigned = lower.replaceFirst("^[+-]", "");
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (unsigned.equals("nan")) {
      return Double.NaN;
    }
    // Python's float() and Java's parseDouble round a decimal literal alike (to the nearest double).
    return Double.parseDouble(text.replace("_", ""));
  }

  /** The argument as given, if it is. */
  Optional<Given> get(TuningArgument argument) {
    return Optional.ofNullable(given.get(argument));
  }

  boolean has(TuningArgument argument) {
    return given.containsKey(argument);
  }

  /** Whether the command line writes the argument, a usable value or not. */
  boolean writes(TuningArgument argument) {
    return written.contains(argument) || given.containsKey(argument);
  }

  /** The value argparse gives: as given, or the command line's default. */
  Object value(TuningArgument argument) {
    Given value = given.get(argument);
    return value == null ? argument.defaultValue() : value.value();
  }

  /** Where the argument is: {@code --flag (line N)} when given, else {@code --flag}. */
  String path(TuningArgument argument) {
    Given value = given.get(argument);
    return value == null ? argument.flag() : value.path();
  }

  /** The arguments given, in the order they were first written. */
  List<TuningArgument> givenArguments() {
    return List.copyOf(given.keySet());
  }
}
