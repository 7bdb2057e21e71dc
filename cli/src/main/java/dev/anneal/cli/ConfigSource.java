package dev.anneal.cli;

import dev.anneal.config.Json;
import java.nio.file.Path;

/**
 * Where a command's config comes from: a file ({@code -} for standard input), or the text given
 * inline with {@code --config-text}. Messages name an inline config {@code <inline>}, as they name
 * a file by its path.
 *
 * @param file the file, or {@code null} for an inline config
 * @param inline the config's text, or {@code null} for a file
 */
record ConfigSource(Path file, String inline) {
  /** How messages and JSON documents name a config given inline. */
  static final Path INLINE = Path.of("<inline>");

  ConfigSource {
    if ((file == null) == (inline == null)) {
      throw new IllegalArgumentException("a config source is a file or an inline text, exactly one");
    }
  }

  static ConfigSource file(Path file) {
    return new ConfigSource(file, null);
  }

  static ConfigSource inline(String text) {
    return new ConfigSource(null, text);
  }

  /** What messages call the config: its path, {@code -}, or {@code <inline>}. */
  Path label() {
    return inline != null ? INLINE : file;
  }

  /**
   * The config's text, without a leading byte order mark (a script may paste a file's bytes).
   *
   * @throws CommandFailure ({@code UnreadableFile}) for a file that cannot be read
   */
  String text() {
    return inline != null ? Json.withoutByteOrderMark(inline) : Inputs.text(file);
  }

  /**
   * The file's name, which format detection may use as evidence; {@code null} for standard input
   * and an inline config, whose only evidence is their content.
   */
  String fileName() {
    if (inline != null || file.toString().equals(Inputs.STANDARD_INPUT) || file.getFileName() == null) {
      return null;
    }
    return file.getFileName().toString();
  }
}
