package dev.anneal.cli;

import dev.anneal.cli.chart.ChartFiles;
import dev.anneal.config.ConfigCode;
import dev.anneal.rules.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the commands write files. A command checks each output path with {@link #file} or
 * {@link #folder} before it reads any data or trains, so a typo in {@code --out} costs nothing;
 * it then writes each file with {@link #write}, which replaces it atomically ({@link AtomicFiles}).
 * Every failure is a one-line {@link CommandFailure} that names the option, the path and the fix.
 * No folder is created on the way, except the one folder {@code train --out DIR} names.
 */
final class Outputs {
  /** Writing a file's content to the path it is given (a temporary file beside the target), which may fail. */
  interface Writing {
    void to(Path file) throws IOException;
  }

  private Outputs() {}

  /**
   * Checks that {@code file}, given by {@code flag}, names a PNG or SVG file that can be written.
   *
   * @throws CommandFailure ({@code WrongType}) for another extension; otherwise as {@link #file}
   */
  static Path chartFile(String flag, Path file) {
    return file(flag, file, ChartFiles.EXTENSIONS);
  }

  /**
   * Checks, before any work, that {@code file}, given by {@code flag}, ends in one of
   * {@code extensions} (any case), is not a folder, and lies in a folder that exists and is writable.
   *
   * @param extensions the extensions the command knows, with their dot ({@code .csv})
   * @throws CommandFailure ({@code WrongType}) for another extension; ({@code OutputIsFolder},
   *     {@code OutputFolderMissing}, {@code OutputUnderFile}, {@code OutputFolderReadOnly}) where it cannot go
   */
  static Path file(String flag, Path file, List<String> extensions) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (extensions.stream().noneMatch(name::endsWith)) {
      throw refused(ConfigCode.wrongType(flag, file.toString(), "a file name ending in " + String.join(" or ", extensions), "'" + file + "'"));
    }
    if (Files.isDirectory(file)) {
      throw refused(CliCode.outputIsFolder(flag, file.toString(), "give a file name ending in " + String.join(" or ", extensions)));
    }
    placeProblem(flag, file).ifPresent(problem -> {
      throw refused(problem);
    });
    return file;
  }

  /**
   * Checks, before any work, that {@code file}, given by {@code flag}, whatever its extension (the
   * format it is written in decides that), is not a folder and lies in a folder that exists and is
   * writable.
   *
   * @throws CommandFailure as {@link #file}, but for the extension
   */
  static Path place(String flag, Path file) {
    if (Files.isDirectory(file)) {
      throw refused(CliCode.outputIsFolder(flag, file.toString(), "give the file's name"));
    }
    placeProblem(flag, file).ifPresent(problem -> {
      throw refused(problem);
    });
    return file;
  }

  /**
   * Checks, before any work, that {@code directory}, given by {@code flag}, is a writable folder, or
   * can be created as one: it does not exist, and its own folder exists and is writable. Each of
   * {@code files} in it must not be a folder.
   *
   * @throws CommandFailure ({@code UnwritableFile}) if it exists and is not a folder; as {@link #file} otherwise
   */
  static Path folder(String flag, Path directory, List<String> files) {
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw CommandFailure.badInput(directory, List.of(CliCode.unwritableFile(directory.toString(), "the file", "it exists and is not a directory")));
    }
    if (Files.isDirectory(directory)) {
      if (!Files.isWritable(directory)) {
        Path first = files.isEmpty() ? directory : directory.resolve(files.get(0));
        throw refused(CliCode.outputFolderReadOnly(flag, first.toString(), directory.toString()));
      }
      for (String name : files) {
        Path file = directory.resolve(name);
        if (Files.isDirectory(file)) {
          throw refused(CliCode.outputIsFolder(flag, file.toString(), "move it away or choose another " + flag));
        }
      }
      return directory;
    }
    placeProblem(flag, directory).ifPresent(problem -> {
      throw refused(problem);
    });
    return directory;
  }

  /**
   * Creates {@code directory}, checked by {@link #folder}, if it does not exist yet; its own folder
   * must exist (this creates one level, like {@code mkdir} without {@code -p}).
   *
   * @throws CommandFailure ({@code UnwritableFile}) if it cannot
   */
  static Path created(Path directory) {
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectory(directory);
      }
      return directory;
    } catch (IOException e) {
      throw unwritable(directory, why(e));
    }
  }

  /**
   * Writes {@code file}, checked by {@link #file} or {@link #folder}, with {@code writing}, atomically.
   *
   * @throws CommandFailure ({@code UnwritableFile}) if it cannot; the file there before, if any, is then unchanged
   */
  static void write(Path file, Writing writing) {
    boolean existed = Files.exists(file);
    try {
      AtomicFiles.write(file, writing::to);
    } catch (IOException e) {
      throw unwritable(file, why(e) + (existed ? "; the file there before is unchanged" : ""));
    }
  }

  /** Why {@code target} cannot be written in its folder, if it cannot: the folder is missing, a file, or read-only. */
  private static Optional<Violation> placeProblem(String flag, Path target) {
    // The folder as the user wrote it (charts, not /home/me/charts), unless the path is a bare name.
    Path folder = target.getParent() != null ? target.getParent() : target.toAbsolutePath().getParent();
    if (folder == null) {
      return Optional.empty();
    }
    if (!Files.isDirectory(folder)) {
      Path existing = folder;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      return Optional.of(existing != null && !Files.isDirectory(existing)
          ? CliCode.outputUnderFile(flag, target.toString(), existing.toString())
          : CliCode.outputFolderMissing(flag, target.toString(), folder.toString()));
    }
    if (!Files.isWritable(folder)) {
      return Optional.of(CliCode.outputFolderReadOnly(flag, target.toString(), folder.toString()));
    }
    return Optional.empty();
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

  private static CommandFailure refused(Violation problem) {
    return CommandFailure.badInput(null, List.of(problem));
  }

  private static CommandFailure unwritable(Path file, String why) {
    return CommandFailure.badInput(file, List.of(CliCode.unwritableFile(file.toString(), "the file", why)));
  }
}
