package dev.anneal.rules;

import java.util.Objects;

/**
 * What a {@link DiagnosticCode} constant declares: its severity and its message template. Each
 * code enum holds one per constant, so that the enums share the accessors {@link
 * DiagnosticCode#severity()} and {@link DiagnosticCode#template()} instead of repeating them.
 *
 * @param severity how serious the diagnostic is
 * @param template the message, with one {@code {name}} placeholder per argument
 */
public record MessageSpec(Severity severity, String template) {
  public MessageSpec {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(template, "template");
  }
}
