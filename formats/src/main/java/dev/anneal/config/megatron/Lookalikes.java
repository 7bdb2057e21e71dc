package dev.anneal.config.megatron;

import java.util.Map;

/**
 * Characters that look like a hyphen or a space but are not, as word processors and web pages put
 * them into copied launch scripts: {@code —min-lr} (an em dash), {@code --min-lr 6e-5} with a
 * no-break space. Bash does not split words at them and argparse does not read them as {@code -},
 * so Megatron stops with "unrecognized arguments"; Anneal must not read such a flag either.
 */
final class Lookalikes {
  private static final Map<Character, String> DASHES = Map.of(
      '\u2010', "a hyphen (U+2010)",
      '\u2011', "a non-breaking hyphen (U+2011)",
      '\u2012', "a figure dash (U+2012)",
      '\u2013', "an en dash (U+2013)",
      '\u2014', "an em dash (U+2014)",
      '\u2015', "a horizontal bar (U+2015)",
      '\u2212', "a minus sign (U+2212)",
      '\uFE63', "a small hyphen-minus (U+FE63)",
      '\uFF0D', "a fullwidth hyphen-minus (U+FF0D)");

  private static final Map<Character, String> SPACES = Map.ofEntries(
      Map.entry('\u00A0', "a no-break space (U+00A0)"),
      Map.entry('\u2002', "an en space (U+2002)"),
      Map.entry('\u2003', "an em space (U+2003)"),
      Map.entry('\u2007', "a figure space (U+2007)"),
      Map.entry('\u2008', "a punctuation space (U+2008)"),
      Map.entry('\u2009', "a thin space (U+2009)"),
      Map.entry('\u200A', "a hair space (U+200A)"),
      Map.entry('\u202F', "a narrow no-break space (U+202F)"),
      Map.entry('\u3000', "an ideographic space (U+3000)"));

  private static final Map<Character, String> INVISIBLE = Map.of(
      '\u200B', "a zero-width space (U+200B)",
      '\u200C', "a zero-width non-joiner (U+200C)",
      '\u200D', "a zero-width joiner (U+200D)",
      '\u2060', "a word joiner (U+2060)",
      '\uFEFF', "a zero-width no-break space (U+FEFF)");

  private Lookalikes() {}

  /** Whether {@code word} starts with {@code -} or something that looks like it. */
  static boolean startsWithDash(String word) {
    return !word.isEmpty() && (word.charAt(0) == '-' || DASHES.containsKey(word.charAt(0)));
  }

  /** Whether {@code word} holds a character that only looks like a hyphen or a space. */
  static boolean present(String word) {
    return word.chars().anyMatch(c -> DASHES.containsKey((char) c) || SPACES.containsKey((char) c) || INVISIBLE.containsKey((char) c));
  }

  /**
   * {@code word} as it was meant: leading dashes become {@code --} (an em dash is what a word
   * processor makes of {@code --}), other dashes {@code -}, spaces a plain space, and invisible
   * characters nothing.
   */
  static String meant(String word) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    boolean lookalike = false;
    while (i < word.length() && (word.charAt(i) == '-' || DASHES.containsKey(word.charAt(i)))) {
      lookalike |= word.charAt(i) != '-';
      i++;
    }
    out.append(lookalike || i >= 2 ? "--" : "-".repeat(i));
    for (; i < word.length(); i++) {
      char c = word.charAt(i);
      if (DASHES.containsKey(c)) {
        out.append('-');
      } else if (SPACES.containsKey(c)) {
        out.append(' ');
      } else if (!INVISIBLE.containsKey(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** What is wrong with the first odd character of {@code word}: {@code an em dash (U+2014) where a flag needs `--`}. */
  static String problem(String word) {
    int leading = 0;
    while (leading < word.length() && (word.charAt(leading) == '-' || DASHES.containsKey(word.charAt(leading)))) {
      leading++;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (DASHES.containsKey(c)) {
        // A lone leading dash stands for the two hyphens a word processor turned into one.
        return DASHES.get(c) + " where a flag needs " + (i == 0 && leading == 1 ? "`--`" : "`-`");
      }
      if (SPACES.containsKey(c)) {
        return SPACES.get(c) + " where bash needs a plain space between words";
      }
      if (INVISIBLE.containsKey(c)) {
        return "an invisible " + INVISIBLE.get(c).substring(2) + " inside the flag";
      }
    }
    throw new IllegalArgumentException("no lookalike character in " + word);
  }

  /** {@code word} with its odd characters made visible: {@code --min-lr<U+00A0>6e-5}. */
  static String shown(String word) {
    StringBuilder out = new StringBuilder();
    for (char c : word.toCharArray()) {
      if (SPACES.containsKey(c) || INVISIBLE.containsKey(c)) {
        out.append(String.format("<U+%04X>", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
