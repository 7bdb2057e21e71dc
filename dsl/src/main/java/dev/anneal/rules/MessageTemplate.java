package dev.anneal.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a {@link DiagnosticCode}'s template. Only the codes' own factories call it (an
 * architecture test enforces that): everything else creates a violation through a factory, whose
 * typed parameters are what keeps a message and its arguments in step.
 */
public final class MessageTemplate {
  /** A placeholder, {@code {name}}: a lower-camel-case name in braces. */
  public static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][A-Za-z0-9]*)}");

  private MessageTemplate() {}

  /** The placeholder names of {@code template}, in order of appearance. */
  public static List<String> placeholders(String template) {
    List<String> names = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(template);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /**
   * A violation of {@code code} at {@code path}, its template's placeholders filled with {@code
   * args}, one argument per distinct name in order of first appearance (text as it is, numbers
   * through {@link Values#show(Object)}).
   *
   * @param value the offending value, kept for tools; {@code null} when no single value is to blame
   * @throws IllegalArgumentException if the number of arguments is not the number of placeholders
   */
  public static Violation violation(DiagnosticCode code, String path, Object value, Object... args) {
    return new Violation(code, path, format(code, args), value);
  }

  static String format(DiagnosticCode code, Object... args) {
    String template = code.template();
    List<String> names = distinct(placeholders(template));
    if (names.size() != args.length) {
      throw new IllegalArgumentException(code.id() + " takes " + names.size() + " arguments, not " + args.length + ": " + template);
    }
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      Object arg = args[names.indexOf(matcher.group(1))];
      matcher.appendReplacement(out, Matcher.quoteReplacement(arg instanceof CharSequence ? arg.toString() : Values.show(arg)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The names in order of first appearance: a placeholder may appear twice, filled by one argument. */
  private static List<String> distinct(List<String> names) {
    return List.copyOf(new LinkedHashSet<>(names));
  }
}
