package dev.anneal.cli;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.FormatDetection;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.config.Json;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reading what the commands are given, with every failure turned into a one-line {@link CommandFailure}. */
final class Inputs {
  private Inputs() {}

  /**
   * The format named by {@code flag}, from {@code formats} (normally {@link Formats#byName}).
   *
   * @throws CommandFailure if there is none, with a "did you mean"
   */
  static ConfigFormat format(Function<String, ConfigFormat> formats, String flag, String name) {
    try {
      return formats.apply(name);
    } catch (InvalidScheduleException e) {
      List<Violation> atFlag = e.violations().stream().map(v -> v.relocated(flag, null, null)).toList();
      throw CommandFailure.badInput(null, atFlag);
    }
  }

  /** The FILE that names standard input, as in most Unix tools. */
  static final String STANDARD_INPUT = "-";

  /**
   * The text of {@code file} (standard input for {@code -}), as UTF-8, without a leading byte order mark.
   *
   * @throws CommandFailure ({@code UnreadableFile}) saying why not
   */
  static String text(Path file) {
    try {
      if (file.toString().equals(STANDARD_INPUT)) {
        // System.in at each call, not at start-up: tests replace it.
        return Json.withoutByteOrderMark(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(System.in.readAllBytes())).toString());
      }
      if (Files.isDirectory(file)) {
        throw unreadable(file, "it is a directory");
      }
      return Json.withoutByteOrderMark(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw unreadable(file, "no such file");
    } catch (AccessDeniedException e) {
      throw unreadable(file, "permission denied");
    } catch (CharacterCodingException e) {
      throw unreadable(file, "it is not UTF-8 text");
    } catch (IOException e) {
      throw unreadable(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private static CommandFailure unreadable(Path file, String why) {
    return CommandFailure.badInput(file, List.of(ConfigCode.UNREADABLE_FILE.at("", file.toString(), "the file", why)));
  }

  /**
   * {@code file} read as a config of {@code format}.
   *
   * @throws CommandFailure with every problem of the config, each at its path in the file
   */
  static Imported config(Path file, ConfigFormat format) {
    return read(file, text(file), format);
  }

  /**
   * {@code file} read as a config of {@code given}, or, when it is {@code null}, of the one format
   * {@link FormatDetection} finds; a format found from the content alone (not from the file's name,
   * and not Anneal's own, which was the default before detection) is named in a note on {@code err}.
   *
   * @param flag the option that names the format ({@code --format}, {@code --from}), which the fix names
   * @throws CommandFailure ({@code AmbiguousFormat}, {@code UndetectedFormat}) when not exactly one
   *     format fits, or with every problem of the config
   */
  static Imported config(Path file, ConfigFormat given, String flag, Function<String, ConfigFormat> formats, PrintWriter err) {
    String text = text(file);
    ConfigFormat format = given != null ? given : detected(file, text, flag, formats, err);
    return read(file, text, format);
  }

  /**
   * The format of {@code text}, found by {@link FormatDetection}.
   *
   * @throws CommandFailure ({@code AmbiguousFormat}, {@code UndetectedFormat}) unless exactly one fits
   */
  static ConfigFormat detected(Path file, String text, String flag, Function<String, ConfigFormat> formats, PrintWriter err) {
    String name = file.toString().equals(STANDARD_INPUT) || file.getFileName() == null ? null : file.getFileName().toString();
    List<FormatDetection.Candidate> candidates = FormatDetection.candidates(name, text);
    if (candidates.isEmpty()) {
      requireValidJson(file, text);
      String from = name == null ? "its content" : "its content or its name";
      throw CommandFailure.badInput(file, List.of(CliCode.UNDETECTED_FORMAT.at(flag, null, from, flag, String.join(", ", Formats.names()))));
    }
    if (candidates.size() > 1) {
      String fits = candidates.stream().map(c -> c.format() + " (" + c.evidence() + ")").collect(Collectors.joining(", "));
      String fixes = candidates.stream().map(c -> flag + " " + c.format()).collect(Collectors.joining(" or "));
      throw CommandFailure.badInput(file, List.of(CliCode.AMBIGUOUS_FORMAT.at(flag, null, fits, fixes)));
    }
    FormatDetection.Candidate found = candidates.get(0);
    if (!found.byName() && !found.format().equals(AnnealFormat.NAME)) {
      err.println(Diagnostics.line(file, CliCode.DETECTED_FORMAT.at(flag, found.format(), found.format(), found.evidence(), flag + " NAME")));
      err.flush();
    }
    return format(formats, flag, found.format());
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

  private static Imported read(Path file, String text, ConfigFormat format) {
    try {
      return format.read(text);
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(file, e.violations());
    }
  }

  /**
   * {@code --steps}, when given.
   *
   * @throws CommandFailure ({@code NonPositiveLength}) if it is below 1
   */
  static OptionalLong steps(Long steps) {
    if (steps == null) {
      return OptionalLong.empty();
    }
    if (steps < 1) {
      throw CommandFailure.badInput(null, List.of(RuleCode.nonPositiveLength("--steps", "--steps", steps)));
    }
    return OptionalLong.of(steps);
  }
}
