package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.rules.Code;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

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

  /**
   * The text of {@code file}, as UTF-8.
   *
   * @throws CommandFailure ({@code UnreadableFile}) saying why not
   */
  static String text(Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw unreadable(file, "it is a directory");
      }
      return Files.readString(file);
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
    return CommandFailure.badInput(file, List.of(Code.UNREADABLE_FILE.at("", file.toString(), "the file", why)));
  }

  /**
   * {@code file} read as a config of {@code format}.
   *
   * @throws CommandFailure with every problem of the config, each at its path in the file
   */
  static Imported config(Path file, ConfigFormat format) {
    String text = text(file);
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
      throw CommandFailure.badInput(null, List.of(Code.NON_POSITIVE_LENGTH.at("--steps", steps, "--steps", steps)));
    }
    return OptionalLong.of(steps);
  }
}
