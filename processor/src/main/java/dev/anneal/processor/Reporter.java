package dev.anneal.processor;

import dev.anneal.processor.check.Finding;
import dev.anneal.processor.read.Site;
import dev.anneal.rules.Severity;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints findings as compiler diagnostics, each on its element, annotation and value, in the
 * catalogue's format ({@code [Code] path: message}): errors as errors, warnings as warnings (which
 * {@code -Werror} turns into a failed build), notes as notes (which never fail one). A warning or a
 * note is dropped when the element or an enclosing one carries {@code
 * @SuppressWarnings("anneal:<CodeId>")} or {@code @SuppressWarnings("anneal")}; errors cannot be
 * suppressed.
 */
final class Reporter {
  static final String SUPPRESS_ALL = "anneal";
  static final String SUPPRESS_PREFIX = "anneal:";

  private final Messager messager;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  void report(List<Finding> findings) {
    for (Finding finding : findings) {
      boolean error = finding.violation().isError();
      if (!error && suppressed(finding.where().element(), finding.violation().code().id())) {
        continue;
      }
      print(kindOf(finding.violation().severity()), finding.violation().toString(), finding.where());
    }
  }

  /** Notes print as compiler notes, so that a {@code -Werror} build of a faithful config passes. */
  private static Diagnostic.Kind kindOf(Severity severity) {
    return switch (severity) {
      case ERROR -> Diagnostic.Kind.ERROR;
      case WARNING -> Diagnostic.Kind.WARNING;
      case NOTE -> Diagnostic.Kind.NOTE;
    };
  }

  void print(Diagnostic.Kind kind, String message, Site where) {
    if (where.annotation() == null) {
      messager.printMessage(kind, message, where.element());
    } else if (where.value() == null) {
      messager.printMessage(kind, message, where.element(), where.annotation());
    } else {
      messager.printMessage(kind, message, where.element(), where.annotation(), where.value());
    }
  }

  private static boolean suppressed(Element element, String codeId) {
    for (Element current = element; current != null; current = current.getEnclosingElement()) {
      SuppressWarnings suppress = current.getAnnotation(SuppressWarnings.class);
      if (suppress != null) {
        for (String name : suppress.value()) {
          if (name.equals(SUPPRESS_ALL) || name.equals(SUPPRESS_PREFIX + codeId)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
