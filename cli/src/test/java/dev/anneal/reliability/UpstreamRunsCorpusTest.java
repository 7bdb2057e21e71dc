package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.cli.AnnealCommand;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs that once sat in the bad-input corpus but that the upstream system runs ({@code
 * src/test/resources/dev/anneal/reliability/upstream-runs}, listed in {@code manifest.tsv} with
 * the warning or note each must give and why upstream runs it). What upstream runs, Anneal runs:
 * the library reads each without an error and gives that diagnostic at its path, and {@code anneal
 * curve} exits 0 with the curve on standard output and the diagnostic on standard error.
 */
class UpstreamRunsCorpusTest {
  static final Path CORPUS = CorpusManifest.folder("upstream-runs/manifest.tsv");

  /**
   * One manifest line.
   *
   * @param file the input, relative to the corpus
   * @param format the format it is read as
   * @param code the warning or note it must give
   * @param path where; empty for the whole input
   * @param upstream why the system runs it, citing where
   */
  record Entry(String file, String format, String code, String path, String upstream) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Entry> entries() throws IOException {
    return CorpusManifest.rows(CORPUS)
        .map(cells -> new Entry(cells[0], cells[1], cells[2], cells[3].equals("-") ? "" : cells[3], cells[4]));
  }

  @Test
  void everyInputIsListedOnceWithUpstreamsReason() throws IOException {
    List<Entry> all = entries().toList();
    assertFalse(all.isEmpty(), "an empty manifest");
    for (Entry entry : all) {
      assertFalse(entry.upstream().isBlank(), () -> entry + " does not say why upstream runs it");
    }
    CorpusManifest.assertEveryFileListedOnce(CORPUS, all.stream().map(Entry::file).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void theLibraryRunsItAndSaysWhatUpstreamWillDo(Entry entry) throws IOException {
    String text = Files.readString(CORPUS.resolve(entry.file()), StandardCharsets.UTF_8);
    Imported imported = Formats.byName(entry.format()).read(text);

    assertTrue(imported.warnings().stream().anyMatch(v -> v.code().id().equals(entry.code()) && v.path().equals(entry.path())),
        () -> "expected [" + entry.code() + "] at '" + entry.path() + "', got " + imported.warnings());
    for (double value : imported.plan().lr().values(0, 3)) {
      assertTrue(Double.isFinite(value), () -> entry + " gives a non-finite learning rate");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void theCommandPrintsTheCurveAndExitsZero(Entry entry) {
    Path file = CORPUS.resolve(entry.file());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = AnnealCommand.run(new PrintWriter(out), new PrintWriter(err), "curve", file.toString(), "--format", entry.format(), "--steps", "3");

    assertEquals(0, status, () -> "exit status; standard error:\n" + err);
    assertEquals(3, out.toString().lines().count(), () -> "three steps on standard output:\n" + out);
    String expected = file + ": [" + entry.code() + "] " + (entry.path().isEmpty() ? "" : entry.path() + ": ");
    assertTrue(err.toString().lines().anyMatch(line -> line.startsWith(expected)), () -> "no line starting with " + expected + " in\n" + err);
  }
}
