package dev.anneal.rules;

import java.util.Objects;

/**
 * One thing wrong with (or worth warning about in) a schedule, plan or config: data, not an
 * exception. Rules return lists of these; callers decide whether to throw, print or report them
 * as compiler diagnostics.
 *
 * @param code the stable diagnostic code
 * @param path where the problem is, e.g. {@code phases[1].steps} or {@code scheduler.params.warmup_num_steps}; empty for the whole input
 * @param message the problem in words, without the code or the path
 * @param value the offending value, or {@code null} when no single value is to blame
 */
public record Violation(DiagnosticCode code, String path, String message, Object value) {
  public Violation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    path = path == null ? "" : path;
  }

  public Severity severity() {
    return code.severity();
  }

  public boolean isError() {
    return code.severity() == Severity.ERROR;
  }

  /** The same violation, located under {@code prefix} (e.g. {@code phases[2]}). */
  public Violation under(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return this;
    }
    String joined = path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
    return new Violation(code, joined, message, value);
  }

  /**
   * The same violation moved to {@code newPath}, with the field name it starts with (the model's,
   * e.g. {@code every}) replaced by the name the user wrote (e.g. {@code step_size}).
   */
  public Violation relocated(String newPath, String oldField, String newField) {
    String renamed = oldField != null && message.startsWith(oldField + " ") ? newField + message.substring(oldField.length()) : message;
    return new Violation(code, newPath, renamed, value);
  }

  /** {@code [Code] path: message}, the one format every tool prints. */
  @Override
  public String toString() {
    return "[" + code.id() + "] " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
