package dev.anneal.cli;

import dev.anneal.config.DidYouMean;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --quiet} and {@code --suppress} options of every command that reads a config, declared
 * once, and the choice they make of the warnings and notes printed. A picocli mixin.
 *
 * <p>Errors are always printed. {@code --quiet} leaves out warnings and notes, except the notes
 * that name a setting Anneal reads and does not apply ({@link IgnoredSettings}): those keep the
 * promise that nothing is silently different, so only {@code --suppress} with their code leaves
 * them out. {@code --suppress CODE[,CODE]} leaves out the warnings and notes of those codes; an
 * unknown code, or an error's, is a usage error. With {@code --json} the document leaves out what
 * the text would.
 */
final class DiagnosticFilter {
  /** The option that prints errors only. */
  static final String QUIET = "--quiet";

  /** The option that leaves out the codes it names. */
  static final String SUPPRESS = "--suppress";

  @Option(names = QUIET,
      description = "Print errors only: no warnings or notes, except the notes naming settings Anneal reads and does not apply "
          + "([IgnoredSetting], [NoEffect]), which only --suppress leaves out.")
  private boolean quiet;

  @Option(names = SUPPRESS, split = ",", paramLabel = "CODE", converter = SuppressibleCode.class,
      description = "Leave out the warnings and notes of these codes, written as printed in brackets, e.g. "
          + "--suppress FirstUpdateAtZero,LogWarmupDefault. Errors cannot be suppressed.")
  private List<DiagnosticCode> suppressed = new ArrayList<>();

  /** Whether {@code --suppress} names the code of {@code violation} (never true of an error). */
  boolean suppresses(Violation violation) {
    return !violation.isError() && suppressed.contains(violation.code());
  }

  /** Whether {@code violation} is printed: every error, and the warnings and notes the options leave in. */
  boolean shows(Violation violation) {
    if (violation.isError()) {
      return true;
    }
    return !suppresses(violation) && (!quiet || IgnoredSettings.names(violation));
  }

  /** Those of {@code violations} that are printed, in their order. */
  List<Violation> shown(List<Violation> violations) {
    return violations.stream().filter(this::shows).toList();
  }

  /** {@code to}, given only the violations that are printed. */
  Consumer<Violation> passing(Consumer<Violation> to) {
    return violation -> {
      if (shows(violation)) {
        to.accept(violation);
      }
    };
  }

  /** Prints on {@code err} those of {@code violations} that are shown, one line each, about {@code file}. */
  void print(PrintWriter err, Path file, List<Violation> violations) {
    Diagnostics.lines(file, shown(violations)).forEach(err::println);
    err.flush();
  }

  /** Shown violations printed on {@code err} at once, one line each, about {@code file}. */
  Consumer<Violation> printedOn(PrintWriter err, Path file) {
    return passing(ConfigReader.printedOn(err, file));
  }

  /**
   * A code of {@code --suppress}: the id of a warning or a note as printed in brackets. Anything
   * else fails as a usage error: an unknown id with the closest known one (or the list of them), an
   * error's id saying that errors cannot be suppressed.
   */
  static final class SuppressibleCode implements ITypeConverter<DiagnosticCode> {
    @Override
    public DiagnosticCode convert(String id) {
      DiagnosticCode code = KnownCodes.byId(id).orElseThrow(() ->
          new TypeConversionException("unknown code '" + id + "'" + DidYouMean.hint(id, KnownCodes.suppressible())));
      if (code.severity() == Severity.ERROR) {
        throw new TypeConversionException(id + " is an error, and errors cannot be suppressed (only warnings and notes can): fix what it names");
      }
      return code;
    }
  }
}
