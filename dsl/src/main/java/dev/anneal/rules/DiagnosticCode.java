package dev.anneal.rules;

import java.util.Locale;

/**
 * A diagnostic Anneal can report: a stable identifier, a severity and a message template. Every
 * module owns the codes it reports, as an enum implementing this interface next to the code that
 * reports them: the model's rules ({@link RuleCode}), the checkpoint policy, each config format,
 * the annotation processor, the DJL runtime and the command line. All of them share one id
 * namespace (an id is unique across the modules and never changes once released; {@code
 * docs/diagnostics.md} lists them all, checked by each module's catalogue test) and one grammar:
 * {@code [Id] path: message}, the message in lower case, without a final period, saying what is
 * wrong, the offending value and the fix.
 *
 * <p>Each code is created only through its own factory, a static method of the owning enum named
 * after the id ({@code RuleCode.negativeValue(path, field, value)}), whose parameters are named and typed
 * like the template's placeholders, so a message cannot be given an argument of the wrong kind or
 * in the wrong place.
 */
public interface DiagnosticCode {

  /** The enum constant's name, e.g. {@code NEGATIVE_LEARNING_RATE}. */
  String name();

  /** The severity and the template the constant declares. */
  MessageSpec spec();

  /** How serious the diagnostic is. */
  default Severity severity() {
    return spec().severity();
  }

  /**
   * The message template: text with one {@code {name}} placeholder per argument, each named like
   * the factory parameter that fills it.
   */
  default String template() {
    return spec().template();
  }

  /** The stable identifier printed in brackets, e.g. {@code NegativeLearningRate}. */
  default String id() {
    StringBuilder id = new StringBuilder();
    for (String word : name().split("_")) {
      id.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return id.toString();
  }
}
