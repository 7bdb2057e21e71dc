package dev.anneal.runtime;

import dev.anneal.rules.InvalidScheduleException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive right to save checkpoints of one name into one folder, held for the length of a
 * save: an OS lock ({@link FileChannel#tryLock()}) on the file {@code <name>.lock} in the folder,
 * which the OS releases when its process dies, so a killed run never leaves the folder locked.
 * Without it, two runs saving into one folder interleave DJL's in-place writes of {@code
 * <name>-<epoch>.params} and leave a sidecar of one run beside the parameters of the other.
 *
 * <p>The lock file stays in the folder: deleting it would let a third writer lock a new file while
 * the second still holds the old one.
 */
final class CheckpointLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private CheckpointLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, or refuses at once.
   *
   * @throws InvalidScheduleException ({@code CheckpointLocked}) if another save, in this process or
   *     another, holds it
   */
  static CheckpointLock acquire(Path directory, String name) throws IOException {
    Path file = directory.resolve(name + ".lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    String holder;
    try {
      lock = channel.tryLock();
      holder = "another process";
    } catch (OverlappingFileLockException e) {
      lock = null;
      holder = "another thread of this process";
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new InvalidScheduleException(RuntimeCode.checkpointLocked(name, directory, holder, file));
    }
    return new CheckpointLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
