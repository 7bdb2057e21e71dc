package dev.anneal.config.megatron;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.Problems;
import dev.anneal.rules.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The flags of a launch script, typed as Megatron's argparse types them. Scanning finds every
 * {@code --flag value} and {@code --flag=value} of a {@link MegatronFlag}; a flag given twice keeps
 * its last value, as argparse does (with a warning). Every other flag is kept for {@link
 * OtherFlags} with the values argparse would give it, when Megatron's parser has it ({@link
 * UpstreamFlags}); a flag it does not have is refused when it is a scheduler flag in all but name
 * (a misspelling, {@code --lr-decay-tokens}), as Megatron's parser stops on unknown flags, and kept
 * otherwise (it may be the launcher's). So is a flag written with a lookalike dash or space
 * ({@code —min-lr}), which argparse does not recognize. Values that are not of the flag's type,
 * shell expressions and unknown choices are reported with the flag, the value and the line, and
 * the flag then reads as invalid: neither its value nor Megatron's default is used, so no second
 * error follows from the first.
 */
final class Flags {
  /** Megatron's old warm-up flag, which it now refuses. */
  static final String WARMUP = "--warmup";

  /** Other spellings people use for a choice, mapped to Megatron's name. */
  private static final Map<String, String> CHOICE_SYNONYMS =
      Map.of(
          "1-sqrt", "minus_sqrt",
          "one-minus-sqrt", "minus_sqrt",
          "inverse-sqrt", "inverse-square-root",
          "inverse_sqrt", "inverse-square-root",
          "rsqrt", "inverse-square-root",
          "exp", "exponential",
          "cos", "cosine");

  /**
   * Words that make an unknown flag a scheduler flag that Megatron does not have ({@code
   * --lr-decay-tokens}, {@code --warmup-steps}): refused with a "did you mean", as argparse refuses it.
   */
  private static final Set<String> SCHEDULE_WORDS =
      Set.of("lr", "learning", "warmup", "decay", "anneal", "wsd", "cooldown", "schedule", "scheduler", "rampup", "ramp", "batch");

  /** Words that, after {@code train}, name the length of training ({@code --train-tokens}). */
  private static final Set<String> LENGTH_WORDS = Set.of("iters", "iterations", "samples", "steps", "tokens", "epochs");

  private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

  /**
   * One occurrence of a flag.
   *
   * @param flag the flag's own word (for its line)
   * @param value the value as written, quotes removed; {@code null} when it is missing (reported)
   */
  record Occurrence(Token flag, String value) {}

  /**
   * One occurrence of a flag of Megatron's parser that Anneal does not model, or of a flag the
   * parser does not have.
   *
   * @param name the flag, {@code =value} removed
   * @param word its word (for its line)
   * @param values the words after it that argparse would take as its values
   */
  record Other(String name, Token word, List<String> values) {}

  private final Map<MegatronFlag, List<Occurrence>> found = new LinkedHashMap<>();
  private final List<Other> upstream = new ArrayList<>();
  private final List<Other> unknown = new ArrayList<>();
  private final List<Token> expansions = new ArrayList<>();
  private final Map<MegatronFlag, Object> values = new EnumMap<>(MegatronFlag.class);
  private final List<Token> words;
  private final Map<Token, String> unexpanded;
  private final Problems problems;

  private Flags(List<Token> words, Map<Token, String> unexpanded, Problems problems) {
    this.words = List.copyOf(words);
    this.unexpanded = unexpanded;
    this.problems = problems;
  }

  /**
   * Scans {@code words}, reporting misspelled flags, missing values and bad values to {@code
   * problems} in the order they appear. Every occurrence of a flag is converted, as argparse does.
   * A flag takes its value from its own command only.
   */
  static Flags scan(List<Token> words, Problems problems) {
    return scan(words, Map.of(), problems);
  }

  /**
   * Scans {@code words} as {@link #scan(List, Problems)} does; {@code unexpanded} says, for each
   * word kept with a shell expansion that is not known, why, for the error when a scheduler flag
   * is given that way.
   */
  static Flags scan(List<Token> words, Map<Token, String> unexpanded, Problems problems) {
    Flags flags = new Flags(words, unexpanded, problems);
    for (int i = 0; i < words.size(); i++) {
      Token word = words.get(i);
      if (Lookalikes.present(word.text()) && flags.lookalike(word)) {
        continue;
      }
      if (word.text().startsWith("--") && word.text().strip().chars().anyMatch(Character::isWhitespace) && flags.quotedTogether(word)) {
        continue;
      }
      if (!word.text().startsWith("--")) {
        if (word.text().contains("$")) {
          flags.expansions.add(word);
        }
        continue;
      }
      int equals = word.text().indexOf('=');
      String name = equals < 0 ? word.text() : word.text().substring(0, equals);
      MegatronFlag flag = MegatronFlag.byName(name);
      if (flag == null) {
        i += flags.other(name, words, i);
        continue;
      }
      String value = null;
      Token valueWord = word;
      if (equals >= 0) {
        value = word.text().substring(equals + 1);
      } else if (isValue(words, i + 1, word)) {
        valueWord = words.get(++i);
        value = valueWord.text();
      } else {
        problems.add(MegatronCode.megatronFlagNeedsValue(path(name, word), name));
      }
      Occurrence occurrence = new Occurrence(word, value);
      flags.found.computeIfAbsent(flag, f -> new ArrayList<>()).add(occurrence);
      Object converted = value == null ? null : flags.convert(flag, value, valueWord, path(name, word));
      if (converted == null) {
        flags.values.remove(flag);
      } else {
        flags.values.put(flag, converted);
      }
    }
    flags.found.forEach(flags::warnIfRepeated);
    return flags;
  }

  /** Whether the word at {@code index} is a value of {@code flag}: in its command, and not a flag itself. */
  private static boolean isValue(List<Token> words, int index, Token flag) {
    return index < words.size() && words.get(index).command() == flag.command() && !words.get(index).text().startsWith("--");
  }

  /**
   * Reports a flag written with a character that only looks like a hyphen or a space, when what
   * it was meant to be is a flag Megatron has or a scheduler flag; returns whether it did.
   */
  private boolean lookalike(Token word) {
    String meant = Lookalikes.meant(word.text());
    if (!meant.startsWith("--")) {
      return false;
    }
    String name = meant.split("[ =]", 2)[0];
    if (UpstreamFlags.of(name).isEmpty() && MegatronFlag.byName(name) == null && !scheduleLike(name)) {
      return false;
    }
    String shown = Lookalikes.shown(word.text());
    problems.add(MegatronCode.megatronFlagLookalike(shown + " (" + word.where() + ")", word.text(), shown, Lookalikes.problem(word.text()), meant));
    return true;
  }

  /**
   * Reports a flag quoted together with its value ({@code "--lr 3e-4"}), when it is a flag Megatron
   * has or a scheduler flag: bash passes it as one argument, which argparse takes for a positional
   * (it holds a space) and refuses. Returns whether it did.
   */
  private boolean quotedTogether(Token word) {
    String text = word.text().strip();
    String name = text.split("[\\s=]", 2)[0];
    if (UpstreamFlags.of(name).isEmpty() && MegatronFlag.byName(name) == null && !scheduleLike(name)) {
      return false;
    }
    String meant = String.join(" ", text.split("\\s+"));
    problems.add(MegatronCode.megatronQuotedTogether(path(name, word), word.text(), meant, name));
    return true;
  }

  /** Keeps or reports a flag that is not a {@link MegatronFlag}; returns how many of the words after it are its values. */
  private int other(String name, List<Token> words, int index) {
    Token word = words.get(index);
    boolean inline = word.text().indexOf('=') >= 0;
    Optional<UpstreamFlags.Upstream> known = UpstreamFlags.of(name);
    if (known.isPresent()) {
      List<String> values = valuesAfter(words, index, known.get().arity());
      upstream.add(new Other(name, word, values));
      return inline ? 0 : values.size();
    }
    Optional<String> suggestion = closestFlag(name).or(() -> scheduleLike(name) ? Optional.of(nearest(name)) : Optional.empty());
    if (suggestion.isPresent()) {
      problems.add(MegatronCode.megatronUnknownFlag(path(name, word), name, suggestion.get()));
    } else {
      // A launcher's flag may matter to the geometry (torchrun's --nproc_per_node): keep its value.
      boolean followed = !inline && isValue(words, index + 1, word);
      List<String> values = inline ? List.of(word.text().substring(word.text().indexOf('=') + 1))
          : followed ? List.of(words.get(index + 1).text()) : List.of();
      unknown.add(new Other(name, word, values));
    }
    // The arity of a flag Megatron does not have is unknown: a word that is not a flag is taken as its value.
    return !inline && isValue(words, index + 1, word) ? 1 : 0;
  }

  /** The words argparse would give a flag of {@code arity}: its {@code =value}, or the words after it in its command. */
  private static List<String> valuesAfter(List<Token> words, int index, String arity) {
    Token word = words.get(index);
    int equals = word.text().indexOf('=');
    if (equals >= 0) {
      return List.of(word.text().substring(equals + 1));
    }
    int most = switch (arity) {
      case "0" -> 0;
      case "1", "?" -> 1;
      case "*", "+" -> Integer.MAX_VALUE;
      default -> Integer.parseInt(arity);
    };
    List<String> out = new ArrayList<>();
    for (int i = index + 1; out.size() < most && isValue(words, i, word); i++) {
      out.add(words.get(i).text());
    }
    return out;
  }

  /**
   * Whether an unknown flag names part of the schedule ({@code --lr-decay-tokens}, {@code
   * --warmup-steps}, {@code --train-tokens}), so that it must be a mistake for a scheduler flag
   * rather than a flag of the launcher or of the training script.
   */
  static boolean scheduleLike(String name) {
    List<String> parts = List.of(name.toLowerCase(Locale.ROOT).replaceFirst("^-+", "").split("[-_]"));
    return parts.stream().anyMatch(SCHEDULE_WORDS::contains) || (parts.contains("train") && parts.stream().anyMatch(LENGTH_WORDS::contains));
  }

  /**
   * The scheduler flag closest to {@code name}, however far: Megatron counts in iterations or
   * samples, so a count in tokens is a count in samples ({@code --lr-decay-tokens} → {@code
   * --lr-decay-samples}).
   */
  private static String nearest(String name) {
    String samples = name.replace("tokens", "samples");
    if (MegatronFlag.byName(samples) != null) {
      return samples;
    }
    String normal = normalize(name);
    return MegatronFlag.names().stream()
        .min(Comparator.comparingInt((String known) -> LevenshteinDistance.getDefaultInstance().apply(normal, normalize(known))))
        .orElseThrow();
  }

  /**
   * The scheduler flag {@code name} misspells, if any: at most one edit away (two for names of 12
   * letters or more), ignoring case, dashes and underscores. Launch scripts are full of other flags,
   * so the bound is tighter than for config keys: {@code --eval-iters} is a flag of its own, not a
   * misspelled {@code --train-iters}.
   */
  static Optional<String> closestFlag(String name) {
    String normal = normalize(name);
    int allowed = normal.length() >= 12 ? 2 : 1;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : MegatronFlag.names()) {
      int distance = DISTANCE.apply(normal, normalize(known));
      if (distance >= 0 && distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  private void warnIfRepeated(MegatronFlag flag, List<Occurrence> occurrences) {
    if (occurrences.size() > 1) {
      Occurrence last = occurrences.get(occurrences.size() - 1);
      String lines = occurrences.stream().map(o -> o.flag().where()).collect(Collectors.joining(", "));
      problems.add(MegatronCode.megatronFlagRepeated(where(flag), flag.flag(), occurrences.size(), lines, last.value()));
    }
  }

  /** The value converted to the flag's type, or {@code null} (reported) if it is not of that type. */
  private Object convert(MegatronFlag flag, String text, Token word, String at) {
    if (text.contains("$") || text.contains("`")) {
      String source = unexpanded.getOrDefault(word, "a shell expression Anneal does not expand");
      problems.add(MegatronCode.megatronFlagNotLiteral(at, flag.flag(), text, source));
      return null;
    }
    return switch (flag.type()) {
      case INT -> readInt(flag, text, at);
      case FLOAT -> readFloat(flag, text, at);
      case CHOICE -> readChoice(flag, text, at);
    };
  }

  private Long readInt(MegatronFlag flag, String text, String at) {
    if (PythonNumbers.isInt(text)) {
      Long value = PythonNumbers.parseLong(text);
      if (value == null) {
        problems.add(MegatronCode.megatronFlagRange(at, text, flag.flag(), text, "does not fit in 64 bits", "write a count below 2^63"));
      }
      return value;
    }
    String fix = "write a whole number";
    if (PythonNumbers.isFiniteFloat(text)) {
      double number = PythonNumbers.parseDouble(text);
      if (number == Math.rint(number) && Math.abs(number) < 1e15) {
        fix = "write " + (long) number;
      }
    }
    problems.add(MegatronCode.megatronFlagType(at, flag.flag(), flag.type().description(), text, fix));
    return null;
  }

  private Double readFloat(MegatronFlag flag, String text, String at) {
    if (PythonNumbers.isFiniteFloat(text)) {
      double value = PythonNumbers.parseDouble(text);
      if (Double.isFinite(value)) {
        return value;
      }
    }
    if (PythonNumbers.isFiniteFloat(text) || PythonNumbers.isNonFiniteFloat(text)) {
      problems.add(MegatronCode.megatronFlagRange(at, text, flag.flag(), text, "must be a finite number", "write a number such as 3e-4"));
    } else {
      problems.add(MegatronCode.megatronFlagType(at, flag.flag(), flag.type().description(), text, "write a number such as 3e-4"));
    }
    return null;
  }

  private String readChoice(MegatronFlag flag, String text, String at) {
    if (flag.choices().contains(text)) {
      return text;
    }
    String synonym = CHOICE_SYNONYMS.get(text.toLowerCase(Locale.ROOT));
    String hint = synonym != null && flag.choices().contains(synonym)
        ? "; did you mean `" + synonym + "`?"
        : DidYouMean.hint(text, flag.choices());
    problems.add(ConfigCode.unknownType(at, flag.flag(), text, hint));
    return null;
  }

  // ---- access --------------------------------------------------------------------------------

  /** Whether the flag is written at all (even with a bad value). */
  boolean given(MegatronFlag flag) {
    return found.containsKey(flag);
  }

  /** Whether the flag is written with a value of its type. */
  boolean valid(MegatronFlag flag) {
    return values.containsKey(flag);
  }

  /** Whether the flag is written with a bad value (already reported). */
  boolean invalid(MegatronFlag flag) {
    return given(flag) && !valid(flag);
  }

  /** The value of a {@link MegatronFlag.Type#FLOAT} flag, or {@code fallback} if it is not written. */
  double number(MegatronFlag flag, double fallback) {
    return values.containsKey(flag) ? (Double) values.get(flag) : fallback;
  }

  /** The value of a {@link MegatronFlag.Type#INT} flag, or {@code fallback} if it is not written. */
  long integer(MegatronFlag flag, long fallback) {
    return values.containsKey(flag) ? (Long) values.get(flag) : fallback;
  }

  /** The value of a {@link MegatronFlag.Type#CHOICE} flag, or {@code fallback} if it is not written. */
  String choice(MegatronFlag flag, String fallback) {
    return values.containsKey(flag) ? (String) values.get(flag) : fallback;
  }

  /** The value as written, for messages; {@code null} if the flag is not written. */
  String written(MegatronFlag flag) {
    List<Occurrence> occurrences = found.get(flag);
    return occurrences == null ? null : occurrences.get(occurrences.size() - 1).value();
  }

  /** Where a message about the flag points: {@code --lr (line 7)}, or the bare flag when not written. */
  String where(MegatronFlag flag) {
    List<Occurrence> occurrences = found.get(flag);
    return occurrences == null ? flag.flag() : path(flag.flag(), occurrences.get(occurrences.size() - 1).flag());
  }

  /** The last occurrence of {@code name}, a flag of Megatron's parser that Anneal does not model, if written. */
  Optional<Other> other(String name) {
    Other last = null;
    for (Other other : upstream) {
      if (other.name().equals(name)) {
        last = other;
      }
    }
    return Optional.ofNullable(last);
  }

  /** Every occurrence of a flag of Megatron's parser that Anneal does not model, in order. */
  List<Other> upstream() {
    return List.copyOf(upstream);
  }

  /** Every word scanned, in order. */
  List<Token> words() {
    return words;
  }

  /**
   * The words that stand alone (not as a flag's value) and hold a shell expansion ({@code
   * ${EXTRA_ARGS}}, {@code $(cat args.txt)}), which may give Megatron flags Anneal cannot see.
   */
  List<Token> expansions() {
    return List.copyOf(expansions);
  }

  /** The last occurrence of {@code name}, a flag Megatron's parser does not have (a launcher's), if written. */
  Optional<Other> unknown(String name) {
    Other last = null;
    for (Other other : unknown) {
      if (other.name().equals(name)) {
        last = other;
      }
    }
    return Optional.ofNullable(last);
  }

  /** Every occurrence of a flag Megatron's parser does not have (and that is no scheduler flag), in order. */
  List<Other> unknown() {
    return List.copyOf(unknown);
  }

  /** {@code --flag (line 7)}. */
  static String path(String flag, Token word) {
    return flag + " (" + word.where() + ")";
  }

  /** A flag and its value as a message shows them, e.g. {@code --lr-warmup-iters 200}. */
  String shown(MegatronFlag flag) {
    Object value = values.get(flag);
    return flag.flag() + " " + (value == null ? written(flag) : Values.show(value));
  }
}
