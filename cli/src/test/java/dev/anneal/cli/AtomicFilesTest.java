package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AtomicFiles}: a write that fails half-way (a full disk) leaves the target as it was and no
 * temporary file; a replacement keeps the replaced file's permissions and writes through a link.
 */
class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aWriteThatFailsHalfWayLeavesTheTargetAndNoTemporaryFile() throws IOException {
    Path target = Files.writeString(dir.resolve("train.csv"), "step,lr\n0,0.1\n");
    byte[] before = Files.readAllBytes(target);

    IOException failure = assertThrows(IOException.class, () -> AtomicFiles.write(target, file -> {
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write("step,lr\n0,0.2\n1,".getBytes());
        throw new IOException("No space left on device");
      }
    }));

    assertEquals("No space left on device", failure.getMessage());
    assertArrayEquals(before, Files.readAllBytes(target));
    assertEquals(List.of("train.csv"), names());
  }

  @Test
  void aWriteThatSucceedsReplacesTheTargetWholeAndLeavesNoTemporaryFile() throws IOException {
    Path target = Files.writeString(dir.resolve("train.csv"), "old\n");

    AtomicFiles.write(target, file -> Files.writeString(file, "step,lr\n0,0.2\n"));

    assertEquals("step,lr\n0,0.2\n", Files.readString(target));
    assertEquals(List.of("train.csv"), names());
  }

  @Test
  void theReplacementKeepsThePermissionsOfTheFileItReplaces() throws IOException {
    Path target = Files.writeString(dir.resolve("train.csv"), "old\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));

    AtomicFiles.write(target, file -> Files.writeString(file, "new\n"));

    assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
  }

  @Test
  void aLinkIsWrittenThroughAndStaysALink() throws IOException {
    Path real = Files.writeString(Files.createDirectory(dir.resolve("runs")).resolve("plan.svg"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("latest.svg"), real);

    AtomicFiles.write(link, file -> Files.writeString(file, "new"));

    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", Files.readString(real));
    assertEquals(List.of("latest.svg", "runs"), names());
  }

  @Test
  void theTemporaryFileIsHiddenBesideTheTargetAndKeepsItsExtension() {
    Path target = dir.resolve("plan.svg");

    assertEquals(dir.resolve(".plan.svg." + ProcessHandle.current().pid() + ".tmp.svg"), AtomicFiles.temporaryFor(target));
  }
}
