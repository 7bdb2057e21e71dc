package dev.anneal.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's syntax messages in the words of a config file's author: Jackson names its own API in
 * them ({@code enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow}, {@code Feature
 * 'ALLOW_COMMENTS' not enabled for parser}, {@code [Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); …]}) and character codes, none of which
 * a user can act on. Each rewrite below keeps what is wrong and where, and drops the API; a message
 * Jackson words differently in a later version still loses any switch it names (the last rules).
 */
final class JsonSyntaxMessages {
  private record Rewrite(Pattern pattern, String replacement) {
    static Rewrite of(String regex, String replacement) {
      return new Rewrite(Pattern.compile(regex), replacement);
    }
  }

  private static final List<Rewrite> REWRITES = List.of(
      // A closing bracket with nothing open: Jackson names the bracket of an imagined root.
      Rewrite.of("close marker '(.)': expected '.' \\(for root starting at \\[[^\\]]*\\]\\)", "close marker '$1': no object or array is open"),
      // Where a bracket was opened: Jackson prints a redacted source before the line and column.
      Rewrite.of("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]", "line $1, column $2"),
      Rewrite.of("expected close marker for Object \\(start marker at (line \\d+, column \\d+)\\)",
          "expected '}' to close the object opened at $1"),
      Rewrite.of("expected close marker for Array \\(start marker at (line \\d+, column \\d+)\\)",
          "expected ']' to close the array opened at $1"),
      Rewrite.of("\\(for Object starting at (line \\d+, column \\d+)\\)", "to close the object opened at $1"),
      Rewrite.of("\\(for Array starting at (line \\d+, column \\d+)\\)", "to close the array opened at $1"),
      Rewrite.of("maybe a \\(non-standard\\) comment\\? \\(not recognized as one since Feature '\\w+' not enabled for parser\\)",
          "JSON has no comments; remove it"),
      Rewrite.of("\\(JSON String, Number \\(or 'NaN'/'\\+INF'/'-INF'\\), Array, Object or token 'null', 'true' or 'false'\\)",
          "(a string, number, array, object, true, false or null)"),
      Rewrite.of("JSON spec does not allow numbers to have plus signs", "JSON numbers have no plus sign; remove it"),
      // An invisible or foreign character is best named by its code point.
      Rewrite.of("'[^']*' \\(code \\d+ / 0x([0-9a-fA-F]+)\\)", "U+$1"),
      Rewrite.of("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)", "(control character $1)"),
      Rewrite.of(" \\(code \\d+\\)\\)", ")"),
      Rewrite.of(" \\(code \\d+\\)", ""),
      // Any switch of Jackson's that is left: "; enable `X` to allow", "(… Feature 'X' …)".
      Rewrite.of("[:;,]? ?(?:enable|disable) `?\\w*Feature[\\w.]*`?(?: to allow)?", ""),
      Rewrite.of(" ?\\([^()]*(?:Feature|REDACTED)[^()]*\\)", ""));

  private JsonSyntaxMessages() {}

  /** {@code message} without Jackson's API and character codes, starting in lower case. */
  static String clean(String message) {
    String clean = message;
    for (Rewrite rewrite : REWRITES) {
      Matcher matcher = rewrite.pattern().matcher(clean);
      clean = matcher.replaceAll(rewrite.replacement());
    }
    if (clean.length() > 1 && Character.isUpperCase(clean.charAt(0)) && !Character.isUpperCase(clean.charAt(1))) {
      clean = clean.substring(0, 1).toLowerCase(Locale.ROOT) + clean.substring(1);
    }
    return clean;
  }
}
