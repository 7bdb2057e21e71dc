package dev.anneal.runtime;

import dev.anneal.rules.InvalidScheduleException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of one name in one folder, and the order in which a save puts their files on
 * disk so that a process killed at any moment leaves every complete checkpoint whole and findable.
 *
 * <p>What the folder holds:
 *
 * <ul>
 *   <li>{@code <name>-NNNN.params} with {@code <name>-NNNN.params.anneal}: a complete checkpoint;
 *   <li>{@code <name>.lock}: {@link CheckpointLock}'s file;
 *   <li>{@code .<name>.saving/}: a save being written (both files, fsynced); never read;
 *   <li>{@code .<name>.commit/}: that folder renamed once both files were whole: the save is
 *       decided, its two files are on their way into the folder;
 *   <li>{@code .<name>-NNNN.params.install}: a hard link to the committed parameters, about to be
 *       renamed over {@code <name>-NNNN.params}.
 * </ul>
 *
 * <p>A save writes both files into {@code .saving}, renames that folder to {@code .commit} (the one
 * atomic step that decides the save), then puts the parameters in place (a hard link renamed over
 * the old file) and moves the sidecar over its old one, and removes {@code .commit}. While {@code
 * .commit} exists it holds the whole new pair, so a re-save of an epoch that already exists never
 * leaves a moment without a complete checkpoint of it: until the commit, the old pair is
 * untouched; from the commit until both files are in place, {@link #latest} names the committed
 * copy; then the new pair. The next save finishes an interrupted commit before anything else.
 *
 * <p>Not synchronized: a save calls the writing methods under {@link CheckpointLock}.
 */
final class CheckpointFolder {
  private static final String PARAMS = ".params";
  private final Path directory;
  private final String name;
  private final Pattern paramsName;

  CheckpointFolder(Path directory, String name) {
    this.directory = directory;
    this.name = name;
    this.paramsName = Pattern.compile(Pattern.quote(name) + "-(\\d{4,})" + Pattern.quote(PARAMS));
  }

  /** The parameter file of {@code epoch}: {@code <name>-NNNN.params}, as DJL names it. */
  Path paramsFile(int epoch) {
    return directory.resolve(String.format(Locale.ROOT, "%s-%04d%s", name, epoch, PARAMS));
  }

  private Path saving() {
    return directory.resolve("." + name + ".saving");
  }

  private Path committed() {
    return directory.resolve("." + name + ".commit");
  }

  /**
   * Puts the folder in order before a save, under the lock: finishes a commit a killed save left
   * (its files are whole), and removes what a killed save left unfinished: the {@code .saving}
   * folder, install links, and the temporary sidecars of earlier Anneal versions. It never removes
   * a complete checkpoint, nor a {@code .params} file without a sidecar (another tool may have
   * written it: {@link #incomplete} lists them).
   */
  void tidy() throws IOException {
    Path committed = committed();
    if (Files.isDirectory(committed)) {
      Optional<Path> pending = completePair(committed);
      if (pending.isPresent()) {
        install(pending.get());
      }
      deleteFolder(committed);
    }
    deleteFolder(saving());
    Pattern leftover = Pattern.compile("\\." + Pattern.quote(name) + "-\\d{4,}" + Pattern.quote(PARAMS) + "\\.install"
        + "|" + Pattern.quote(name) + "-\\d{4,}" + Pattern.quote(PARAMS + Sidecar.SUFFIX) + ".*\\.tmp");
    for (Path file : list(directory)) {
      if (leftover.matcher(file.getFileName().toString()).matches()) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Writes {@code params} and its sealed {@code sidecar} as the checkpoint {@code paramsFile}, in
   * the order the class describes. Both files get the permissions of the file they replace, or
   * else those a new file gets here, the sidecar the same as its parameters.
   */
  void save(Path paramsFile, byte[] params, byte[] sidecar) throws IOException {
    Path saving = saving();
    Path committed = committed();
    try {
      Files.createDirectory(saving);
      Path stagedParams = saving.resolve(paramsFile.getFileName());
      Path stagedSidecar = Sidecar.pathFor(stagedParams);
      writeDurably(stagedParams, params);
      writeDurably(stagedSidecar, sidecar);
      Optional<Set<PosixFilePermission>> permissions = permissions(Files.exists(paramsFile) ? paramsFile : stagedParams);
      if (permissions.isPresent()) {
        Files.setPosixFilePermissions(stagedParams, permissions.get());
        Files.setPosixFilePermissions(stagedSidecar, permissions.get());
      }
      Sidecar.syncDirectory(saving);
      atomicMove(saving, committed);
    } catch (IOException | RuntimeException e) {
      // Not committed: nothing in the folder changed. Free the space a full disk needs back.
      try {
        deleteFolder(saving);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    Sidecar.syncDirectory(directory);
    // Committed: if this fails, the committed pair stays for latest() and the next save.
    install(committed.resolve(paramsFile.getFileName()));
    deleteFolder(committed);
  }

  /**
   * Moves a committed pair into the folder: the parameters first, through a hard link (a copy
   * where the file system has none), so that the committed folder keeps a whole pair until the
   * sidecar, moved last, completes the checkpoint in the folder.
   */
  private void install(Path committedParams) throws IOException {
    Path target = directory.resolve(committedParams.getFileName());
    Path link = directory.resolve("." + committedParams.getFileName() + ".install");
    Files.deleteIfExists(link);
    try {
      Files.createLink(link, committedParams);
    } catch (UnsupportedOperationException | FileSystemException e) {
      Files.copy(committedParams, link, StandardCopyOption.COPY_ATTRIBUTES);
      try (FileChannel channel = FileChannel.open(link, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    }
    atomicMove(link, target);
    atomicMove(Sidecar.pathFor(committedParams), Sidecar.pathFor(target));
    Sidecar.syncDirectory(directory);
  }

  /**
   * The newest complete checkpoint: a {@code .params} file with its sidecar beside it, in the
   * folder or in a commit a killed save left. Of the same epoch, the committed copy comes first:
   * the folder's pair may be half replaced by it.
   *
   * @throws InvalidScheduleException ({@code CheckpointUnreadable}) if the folder cannot be read
   */
  Optional<Path> latest() throws IOException {
    List<Path> candidates = new ArrayList<>(complete(directory));
    completePair(committed()).ifPresent(candidates::add);
    // A stable sort keeps the committed copy, added last, after the folder's file of the same epoch.
    candidates.sort(Comparator.comparingInt(this::epochOf));
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(candidates.size() - 1));
  }

  /**
   * The {@code .params} files of this name without a sidecar, oldest first, except one a pending
   * commit will complete: what a save of an earlier Anneal left when it was cut short, or files of
   * another tool.
   */
  List<Path> incomplete() throws IOException {
    Optional<Path> pending = completePair(committed());
    List<Path> out = new ArrayList<>();
    for (Path file : list(directory)) {
      if (paramsName.matcher(file.getFileName().toString()).matches() && Files.notExists(Sidecar.pathFor(file))
          && !(pending.isPresent() && pending.get().getFileName().equals(file.getFileName()))) {
        out.add(file);
      }
    }
    out.sort(Comparator.comparingInt(this::epochOf));
    return out;
  }

  private List<Path> complete(Path folder) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path file : list(folder)) {
      if (paramsName.matcher(file.getFileName().toString()).matches() && Files.exists(Sidecar.pathFor(file))) {
        out.add(file);
      }
    }
    return out;
  }

  /** The pair in a commit folder, if both its files are there. */
  private Optional<Path> completePair(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    List<Path> pairs = complete(folder);
    return pairs.isEmpty() ? Optional.empty() : Optional.of(pairs.get(0));
  }

  private int epochOf(Path paramsFile) {
    Matcher matcher = paramsName.matcher(paramsFile.getFileName().toString());
    return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
  }

  private static List<Path> list(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    } catch (AccessDeniedException e) {
      throw new InvalidScheduleException(RuntimeCode.checkpointUnreadable("directory", folder, notReadable()));
    }
  }

  /**
   * Reads a file of a checkpoint, refusing one this process may not read with a message that names
   * it, rather than a bare {@link AccessDeniedException}.
   *
   * @param path which file of the checkpoint ({@code sidecar} or {@code paramsFile})
   * @throws InvalidScheduleException ({@code CheckpointUnreadable}) if access is denied
   */
  static byte[] read(Path file, String path) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (AccessDeniedException e) {
      throw new InvalidScheduleException(RuntimeCode.checkpointUnreadable(path, file, notReadable()));
    }
  }

  /** The problem of a file or folder this process may not read, with the fix. */
  static String notReadable() {
    return "not readable by this process (access denied); give the user who resumes read access to it, or resume as the user who saved it";
  }

  private static Optional<Set<PosixFilePermission>> permissions(Path file) throws IOException {
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
      return Optional.empty(); // Windows: the file inherits its folder's access list, as the other does
    }
    return Optional.of(Files.getPosixFilePermissions(file));
  }

  private static void writeDurably(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private static void atomicMove(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + to + " cannot rename atomically; a checkpoint is never written in place", e);
    }
  }

  /** Deletes a private folder of this class and the files in it (it holds no folders). */
  private static void deleteFolder(Path folder) throws IOException {
    for (Path file : list(folder)) {
      Files.deleteIfExists(file);
    }
    Files.deleteIfExists(folder);
  }
}
