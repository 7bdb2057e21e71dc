package dev.anneal.cli;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.Json;
import dev.anneal.rules.RuleCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reading the files and numbers the commands are given, with every failure turned into a one-line
 * {@link CommandFailure}; configs are read by {@link ConfigReader}.
 */
final class Inputs {
  private Inputs() {}

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
    return CommandFailure.badInput(file, List.of(ConfigCode.unreadableFile("", file.toString(), "the file", why)));
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
