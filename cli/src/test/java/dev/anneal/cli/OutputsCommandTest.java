package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output paths through the commands' entry point, with real files: each is checked before the
 * command reads its config or data (a missing config or data file behind a bad {@code --out} is
 * never reported), and each file is replaced atomically, so a failed write leaves the file that was
 * there byte for byte.
 */
class OutputsCommandTest {
  private static final String PLAN = """
      {"lr": {"phases": [{"shape": "constant", "value": 0.1, "steps": 4}]}}
      """;

  @TempDir Path dir;

  private static void assertBadInput(Anneal.Result result, String... errLines) {
    assertEquals(List.of(errLines), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  private static List<String> namesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aMissingFolderIsRefusedBeforeAnythingIsReadAndIsNotCreated() {
    Path missing = dir.resolve("charts");
    Path chart = missing.resolve("plan.png");
    Path absent = dir.resolve("absent.json");

    assertBadInput(Anneal.run("plot", absent.toString(), "--out", chart.toString()),
        "[OutputFolderMissing] --out: %s needs the folder %s, which does not exist; create it first or choose another --out".formatted(chart, missing));
    assertBadInput(Anneal.run("find-lr", "--data", absent.toString(), "--out", chart.toString()),
        "[OutputFolderMissing] --out: %s needs the folder %s, which does not exist; create it first or choose another --out".formatted(chart, missing));
    Path run = missing.resolve("run");
    assertBadInput(Anneal.run("train", "--data", absent.toString(), "--out", run.toString()),
        "[OutputFolderMissing] --out: %s needs the folder %s, which does not exist; create it first or choose another --out".formatted(run, missing));
    assertFalse(Files.exists(missing));
  }

  @Test
  void findLrChecksItsWrittenConfigBeforeAnythingIsRead() {
    Path missing = dir.resolve("configs");
    Path config = missing.resolve("one-cycle.json");

    assertBadInput(Anneal.run("find-lr", "--data", dir.resolve("absent.csv").toString(), "--out", dir.resolve("lr.png").toString(),
            "--write-config", config.toString()),
        "[OutputFolderMissing] --write-config: %s needs the folder %s, which does not exist; create it first or choose another --write-config"
            .formatted(config, missing));
    assertFalse(Files.exists(missing));
  }

  @Test
  void aFolderWhereAFileGoesIsRefused() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("plan.png"));
    Path absent = dir.resolve("absent.json");

    assertBadInput(Anneal.run("plot", absent.toString(), "--out", folder.toString()),
        "[OutputIsFolder] --out: %s is a folder, where --out would write a file; give a file name ending in .png or .svg".formatted(folder));
    Path run = Files.createDirectory(dir.resolve("run"));
    Path chart = Files.createDirectory(run.resolve("train.png"));
    assertBadInput(Anneal.run("train", "--data", absent.toString(), "--out", run.toString()),
        "[OutputIsFolder] --out: %s is a folder, where --out would write a file; move it away or choose another --out".formatted(chart));
  }

  @Test
  void aPathUnderARegularFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "not a folder");
    Path chart = file.resolve("charts").resolve("plan.svg");

    assertBadInput(Anneal.run("find-lr", "--data", dir.resolve("absent.csv").toString(), "--out", chart.toString()),
        "[OutputUnderFile] --out: %s lies under %s, which is a file, not a folder; choose another --out".formatted(chart, file));
  }

  @Test
  void aFolderWithoutWritePermissionIsRefused() throws IOException {
    // root may write anywhere; aPathUnderARegularFileIsRefused covers a folder no one can write in.
    assumeFalse("root".equals(System.getProperty("user.name")), "root ignores write permissions");
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Path chart = locked.resolve("plan.png");
      assertBadInput(Anneal.run("plot", dir.resolve("absent.json").toString(), "--out", chart.toString()),
          "[OutputFolderReadOnly] --out: cannot create " + chart + ": the folder " + locked + " is not writable; make it writable or choose another --out");
      assertBadInput(Anneal.run("train", "--out", locked.toString()),
          "[OutputFolderReadOnly] --out: cannot create " + locked.resolve("train.csv") + ": the folder " + locked
              + " is not writable; make it writable or choose another --out");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aChartReplacesTheFileThereAndLeavesNothingElse() throws IOException {
    Path plan = Files.writeString(dir.resolve("plan.json"), PLAN);
    Path chart = Files.writeString(dir.resolve("plan.svg"), "the previous chart");

    Anneal.Result result = Anneal.run("plot", plan.toString(), "--out", chart.toString());

    assertEquals(List.of("wrote " + chart + " (lr; steps 0 to 4)"), result.out());
    assertEquals(0, result.exitCode());
    assertTrue(Files.readString(chart).startsWith("<?xml"), Files.readString(chart));
    assertEquals(List.of("plan.json", "plan.svg"), namesIn(dir));
  }

  @Test
  void aFailedWriteLeavesThePreviousFileByteForByte() throws IOException {
    Path plan = Files.writeString(dir.resolve("plan.json"), PLAN);
    Path chart = dir.resolve("plan.png");
    byte[] before = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
    Files.write(chart, before);
    // A folder where the temporary file goes makes its creation fail after every check has passed.
    Path blocker = Files.createDirectory(AtomicFiles.temporaryFor(chart));

    Anneal.Result result = Anneal.run("plot", plan.toString(), "--out", chart.toString());

    assertEquals(List.of(chart + ": [UnwritableFile] cannot write the file: FileAlreadyExists (" + blocker + "); the file there before is unchanged"),
        result.err());
    assertEquals(2, result.exitCode());
    assertArrayEquals(before, Files.readAllBytes(chart));
    assertTrue(Files.isDirectory(blocker), "a path the write did not create is left alone");
  }
}
