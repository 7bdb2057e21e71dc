package dev.anneal.runtime;

import dev.anneal.rules.InvalidScheduleException;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Selects parameters by name, the way DJL names them in {@code Block.getParameters()} (e.g. {@code
 * 01Linear_weight}, {@code 02BatchNorm_gamma}). Written {@code glob:PATTERN} or {@code
 * regex:PATTERN}; a pattern with no prefix is a glob. A glob's {@code *} matches any run of
 * characters (names have no separators to stop at), {@code ?} one character, {@code {a,b}} either
 * alternative and {@code [abc]} one of a set. Both kinds must match the whole name.
 *
 * @param text the pattern as written, prefix included
 * @param regex the compiled pattern the name is matched against
 */
public record ParameterSelector(String text, Pattern regex) {

  public ParameterSelector {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(regex, "regex");
  }

  /**
   * Parses {@code glob:…}, {@code regex:…} or a bare glob.
   *
   * @throws InvalidScheduleException ({@code InvalidPattern}) naming the pattern and the problem
   */
  public static ParameterSelector parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.startsWith("regex:")) {
      return new ParameterSelector(text, compile(text, "regex", text.substring("regex:".length())));
    }
    String glob = text.startsWith("glob:") ? text.substring("glob:".length()) : text;
    return new ParameterSelector(text, compile(text, "glob", globToRegex(text, glob)));
  }

  /** Whether the whole {@code name} matches. */
  public boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  @Override
  public String toString() {
    return text;
  }

  private static Pattern compile(String text, String kind, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw invalid(text, kind, e.getDescription());
    }
  }

  private static InvalidScheduleException invalid(String text, String kind, String problem) {
    return new InvalidScheduleException(RuntimeCode.invalidPattern(text, kind, problem));
  }

  private static String globToRegex(String text, String glob) {
    StringBuilder out = new StringBuilder();
    boolean inAlternatives = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> out.append(".*");
        case '?' -> out.append('.');
        case '{' -> {
          if (inAlternatives) {
            throw invalid(text, "glob", "nested '{' at index " + i);
          }
          inAlternatives = true;
          out.append("(?:");
        }
        case '}' -> {
          if (!inAlternatives) {
            throw invalid(text, "glob", "unmatched '}' at index " + i);
          }
          inAlternatives = false;
          out.append(')');
        }
        case ',' -> out.append(inAlternatives ? "|" : ",");
        case '[' -> {
          int close = glob.indexOf(']', i + 1);
          if (close < 0) {
            throw invalid(text, "glob", "unclosed '[' at index " + i);
          }
          String set = glob.substring(i + 1, close);
          out.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
          i = close;
        }
        default -> out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (inAlternatives) {
      throw invalid(text, "glob", "unclosed '{'");
    }
    return out.toString();
  }
}
