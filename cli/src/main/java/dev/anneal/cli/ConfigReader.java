package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.FormatDetection;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.config.Json;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How every command that reads configs finds their formats and reads them: the one thing those
 * commands are given when they are made ({@link CommandFactory} hands the same reader to each).
 * Every failure is a one-line {@link CommandFailure}.
 *
 * <p>Commands with a {@code --format} option of the usual wording reach it through the
 * {@link ConfigInput} mixin; {@code diff} ({@code --format} and {@code --format-b}), {@code convert}
 * ({@code --from}) and {@code validate} (many files) word their options their own way, which a mixin
 * cannot (picocli fixes a mixin's option names and help), so they call this reader directly, naming
 * their flag.
 */
final class ConfigReader {
  private final Function<String, ConfigFormat> formats;

  /**
   * A reader that finds formats with {@code formats}.
   *
   * @param formats the format of each name, throwing {@link InvalidScheduleException} for an unknown
   *     one (as {@link Formats#byName} does); tests bring in formats of their own this way
   */
  ConfigReader(Function<String, ConfigFormat> formats) {
    this.formats = formats;
  }

  /** A reader of the formats {@link Formats} has registered: what the {@code anneal} command uses. */
  static ConfigReader registered() {
    return new ConfigReader(Formats::byName);
  }

  /**
   * The format named by {@code flag}, or {@code null} when {@code name} is {@code null} (the flag is
   * not given, so the format is to be detected).
   *
   * @throws CommandFailure if there is no such format, with a "did you mean"
   */
  ConfigFormat format(String flag, String name) {
    if (name == null) {
      return null;
    }
    try {
      return formats.apply(name);
    } catch (InvalidScheduleException e) {
      List<Violation> atFlag = e.violations().stream().map(v -> v.relocated(flag, null, null)).toList();
      throw CommandFailure.badInput(null, atFlag);
    }
  }

  /**
   * The config of {@code source} read as {@code given}, or, when it is {@code null}, as the one format
   * {@link FormatDetection} finds; a format found from the content alone (not from the file's name,
   * and not Anneal's own, which was the default before detection) is named in a note handed to
   * {@code notes} (printed on standard error through the command's {@link DiagnosticFilter}, or put
   * in its {@code --json} document). The config's own warnings are left to the caller, which prints
   * them when its other checks pass.
   *
   * @param flag the option that names the format ({@code --format}, {@code --from}), which the fix names
   * @throws CommandFailure ({@code AmbiguousFormat}, {@code UndetectedFormat}) when not exactly one
   *     format fits, or with every problem of the config
   */
  Imported read(ConfigSource source, ConfigFormat given, String flag, Consumer<Violation> notes) {
    return read(source, source.text(), given, flag, notes);
  }

  /**
   * As {@link #read(ConfigSource, ConfigFormat, String, Consumer)}, with {@code text} in place of
   * the source's own: a config a command has completed (a ds_config whose {@code "auto"} values
   * {@code --training-args} filled), whose messages still name the source.
   */
  Imported read(ConfigSource source, String text, ConfigFormat given, String flag, Consumer<Violation> notes) {
    ConfigFormat format = given != null ? given : detected(source, text, flag, notes);
    try {
      return format.read(text);
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(source.label(), e.violations());
    }
  }

  /**
   * The format of {@code text}, the content of {@code source}, found by {@link FormatDetection};
   * the note {@link #read} describes goes to {@code notes}.
   *
   * @throws CommandFailure ({@code AmbiguousFormat}, {@code UndetectedFormat}) unless exactly one fits
   */
  ConfigFormat detected(ConfigSource source, String text, String flag, Consumer<Violation> notes) {
    Path file = source.label();
    String name = source.fileName();
    List<FormatDetection.Candidate> candidates = FormatDetection.candidates(name, text);
    if (candidates.isEmpty()) {
      requireValidJson(file, text);
      String from = name == null ? "its content" : "its content or its name";
      throw CommandFailure.badInput(file, List.of(CliCode.undetectedFormat(from, flag, Formats.names())));
    }
    if (candidates.size() > 1) {
      List<String> fits = candidates.stream().map(c -> c.format() + " (" + c.evidence() + ")").toList();
      List<String> choices = candidates.stream().map(c -> flag + " " + c.format()).toList();
      throw CommandFailure.badInput(file, List.of(CliCode.ambiguousFormat(flag, fits, choices)));
    }
    FormatDetection.Candidate found = candidates.get(0);
    if (!found.byName() && !found.format().equals(AnnealFormat.NAME)) {
      notes.accept(CliCode.detectedFormat(found.format(), found.evidence(), flag));
    }
    return format(flag, found.format());
  }

  /** Notes printed on {@code err} at once, one line each, about {@code file}. */
  static Consumer<Violation> printedOn(PrintWriter err, Path file) {
    return note -> {
      err.println(Diagnostics.line(file, note));
      err.flush();
    };
  }

  /**
   * Broken JSON fits no format, but its syntax error is the problem to fix, and every JSON format
   * would report it alike: report it rather than "cannot tell the format".
   */
  private static void requireValidJson(Path file, String text) {
    String content = text.strip();
    if (content.startsWith("{") || content.startsWith("[")) {
      try {
        Json.parse(content);
      } catch (InvalidScheduleException broken) {
        throw CommandFailure.badInput(file, broken.violations());
      }
    }
  }
}
