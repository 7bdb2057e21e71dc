package dev.anneal.cli;

import dev.anneal.cli.chart.ChartFiles;
import dev.anneal.config.ConfigCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the commands write files, with every failure turned into a one-line {@link CommandFailure}. */
final class Outputs {
  /** Writing a file, which may fail. */
  interface Writing {
    void to(Path file) throws IOException;
  }

  private Outputs() {}

  /**
   * Checks that {@code file}, given by {@code flag}, names a PNG or SVG file.
   *
   * @throws CommandFailure ({@code WrongType}) otherwise
   */
  static Path chartFile(String flag, Path file) {
    if (!ChartFiles.supported(file)) {
      throw CommandFailure.badInput(null, List.of(ConfigCode.wrongType(flag, file.toString(), "a file name ending in .png or .svg", "'" + file + "'")));
    }
    return file;
  }

  /**
   * Creates {@code directory} (and its parents) if needed.
   *
   * @throws CommandFailure ({@code UnwritableFile}) if it cannot
   */
  static Path directory(Path directory) {
    try {
      if (Files.exists(directory) && !Files.isDirectory(directory)) {
        throw unwritable(directory, "it exists and is not a directory");
      }
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw unwritable(directory, why(e));
    }
  }

  /**
   * Writes {@code file} with {@code writing}, creating its directory first.
   *
   * @throws CommandFailure ({@code UnwritableFile}) if it cannot
   */
  static void write(Path file, Writing writing) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        directory(parent);
      }
      if (Files.isDirectory(file)) {
        throw unwritable(file, "it is a directory");
      }
      writing.to(file);
    } catch (IOException e) {
      throw unwritable(file, why(e));
    }
  }

  private static String why(IOException e) {
    String kind = e.getClass().getSimpleName();
    return switch (kind) {
      case "AccessDeniedException" -> "permission denied";
      case "FileSystemException", "NoSuchFileException", "FileAlreadyExistsException", "NotDirectoryException" ->
          e.getMessage() == null ? kind : kind.replace("Exception", "") + " (" + e.getMessage() + ")";
      default -> e.getMessage() == null ? kind : e.getMessage();
    };
  }

  private static CommandFailure unwritable(Path file, String why) {
    return CommandFailure.badInput(file, List.of(CliCode.unwritableFile(file.toString(), "the file", why)));
  }
}
