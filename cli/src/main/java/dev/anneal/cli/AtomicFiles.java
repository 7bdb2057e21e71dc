package dev.anneal.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file all at once: the content goes to a temporary file in the same folder, which is
 * forced to disk and then renamed over the target. A full disk, a crash or a writer that throws
 * leaves the previous file exactly as it was (and no torn file); a reader never sees half a file.
 *
 * <p>The temporary file is {@code .NAME.PID.tmp.EXT} for a target {@code NAME} ending in
 * {@code .EXT}: hidden, named after the process so that two runs writing the same target never
 * share one, and ending in the target's extension, so that a writer that picks its format from the
 * file name (a chart: PNG or SVG) picks the target's. It is claimed with {@code CREATE_NEW}, so an
 * existing file or folder of that name is never overwritten, and deleted whenever the write fails.
 * The new file keeps the permissions of the file it replaces, and a symbolic link is written
 * through (the file it points to is replaced, the link stays).
 *
 * <p>The rename is {@code ATOMIC_MOVE}. Only where the file system refuses atomic renames (some
 * network and FUSE file systems) does it fall back to a plain {@code REPLACE_EXISTING} move: the
 * content is then still complete on disk before the move, but a crash during the move itself may
 * leave either file. The runtime's checkpoint sidecar refuses that fallback instead, as a resume
 * must never read a torn state; a chart or a log can be written again.
 */
final class AtomicFiles {
  /** Writing a file's content to the path it is given, which may fail. */
  interface Content {
    void writeTo(Path file) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code target} with {@code content}, atomically.
   *
   * @param target the file to create or replace; its folder must exist
   * @param content writes the whole content to the (temporary) path it is given
   * @throws IOException if the temporary file cannot be created or written, or the rename fails;
   *     {@code target} is then as it was before
   */
  static void write(Path target, Content content) throws IOException {
    // A link is written through, as a plain write would: renaming over it would replace the link itself.
    Path file = Files.isSymbolicLink(target) && Files.exists(target) ? target.toRealPath() : target;
    Path temp = temporaryFor(file);
    Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
    try {
      content.writeTo(temp);
      keepPermissions(file, temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      syncFolder(file.toAbsolutePath().getParent());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The temporary file {@link #write} uses for {@code target}: {@code .NAME.PID.tmp.EXT} beside it. */
  static Path temporaryFor(Path target) {
    String name = target.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot > 0 ? name.substring(dot) : "";
    return target.resolveSibling("." + name + "." + ProcessHandle.current().pid() + ".tmp" + extension);
  }

  /**
   * Gives the new file the permissions of the file it replaces, as writing into that file would
   * have kept them; a new target keeps those the process's umask gave the temporary file.
   */
  private static void keepPermissions(Path target, Path temp) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): files there carry no mode bits to keep.
    }
  }

  /** Makes the rename durable where the platform allows: Linux can open and force a folder, Windows cannot. */
  private static void syncFolder(Path folder) {
    if (folder == null) {
      return;
    }
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // The file itself was forced before the rename; only the rename's durability is left to the OS.
    }
  }
}
