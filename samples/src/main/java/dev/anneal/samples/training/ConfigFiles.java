package dev.anneal.samples.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The text of a training config: a file the user names, or else the one the samples ship with. */
final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * The file {@code args[0]} if given, else the resource {@code resource} of the samples' jar.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  static String text(String[] args, String resource) {
    try {
      if (args.length > 0) {
        return Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
      }
      try (InputStream in = ConfigFiles.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the samples' jar");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + (args.length > 0 ? args[0] : resource) + ": " + e.getMessage(), e);
    }
  }
}
