package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.cli.AnnealCommand;
import dev.anneal.config.Formats;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
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
 * The bad-input corpus ({@code src/test/resources/dev/anneal/reliability/bad-inputs}): malformed
 * and invalid configs of every format, each listed in {@code manifest.tsv} with the error code and
 * the path (JSON path, or flag and line) it must be reported at. Each goes through the library
 * ({@code Formats.byName(format).read}: an {@link InvalidScheduleException} holding that error) and
 * through the {@code anneal curve} command in-process (exit status 2, nothing on standard output,
 * one line per problem on standard error, that error among them, no stack trace).
 */
class BadInputCorpusTest {
  static final Path CORPUS = CorpusManifest.folder("bad-inputs/manifest.tsv");

  /**
   * One manifest line.
   *
   * @param file the input, relative to the corpus
   * @param format the format it is read as
   * @param code the expected error's code, as printed in brackets
   * @param path where it must be reported; empty for the whole input
   * @param cliCode what the command reports instead, where it differs (bytes that are not UTF-8)
   * @param cliPath the command's path, where it differs
   * @param upstream why the system itself refuses the input too, citing where; empty for Anneal's own format
   */
  record Entry(String file, String format, String code, String path, String cliCode, String cliPath, String upstream) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Entry> entries() throws IOException {
    return CorpusManifest.rows(CORPUS)
        .map(cells -> {
          String path = dash(cells[3]);
          String cliCode = cells[4].equals("=") ? cells[2] : cells[4];
          String cliPath = cells[5].equals("=") ? path : dash(cells[5]);
          return new Entry(cells[0], cells[1], cells[2], path, cliCode, cliPath, dash(cells[6]));
        });
  }

  @Test
  void theCorpusHoldsAtLeastAHundredInputsOfEveryFormatEachListedOnce() throws IOException {
    List<Entry> all = entries().toList();
    assertTrue(all.size() >= 100, () -> all.size() + " inputs");
    for (String format : Formats.names()) {
      assertTrue(all.stream().filter(e -> e.format().equals(format)).count() >= 15, () -> "few inputs of " + format);
    }
    CorpusManifest.assertEveryFileListedOnce(CORPUS, all.stream().map(Entry::file).toList());
  }

  /** What upstream runs, Anneal runs: an input stays here only where the system itself refuses it too. */
  @Test
  void everyInputOfAnUpstreamFormatSaysWhyUpstreamRefusesItToo() throws IOException {
    for (Entry entry : entries().toList()) {
      if (!entry.format().equals("anneal")) {
        assertFalse(entry.upstream().isBlank(), () -> entry + " (" + entry.format() + ") does not say where upstream refuses it too");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void theLibraryRefusesItWithTheErrorAtItsPath(Entry entry) throws IOException {
    String text = new String(Files.readAllBytes(CORPUS.resolve(entry.file())), StandardCharsets.UTF_8);
    InvalidScheduleException refused = assertThrows(InvalidScheduleException.class, () -> Formats.byName(entry.format()).read(text));
    List<Violation> errors = refused.violations().stream().filter(Violation::isError).toList();
    assertTrue(errors.stream().anyMatch(v -> v.code().id().equals(entry.code()) && v.path().equals(entry.path())),
        () -> "expected [" + entry.code() + "] at '" + entry.path() + "', got " + errors);
    for (Violation error : errors) {
      assertFalse(error.message().isBlank(), error::toString);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void theCommandExitsWithStatusTwoAndOneLinePerProblem(Entry entry) {
    Path file = CORPUS.resolve(entry.file());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = AnnealCommand.run(new PrintWriter(out), new PrintWriter(err), "curve", file.toString(), "--format", entry.format(), "--steps", "3");
    List<String> lines = err.toString().lines().toList();
    assertEquals(2, status, () -> "exit status; standard error:\n" + err);
    assertEquals("", out.toString(), "nothing on standard output");
    assertFalse(lines.isEmpty(), "no message on standard error");
    String expected = file + ": [" + entry.cliCode() + "] " + (entry.cliPath().isEmpty() ? "" : entry.cliPath() + ": ");
    assertTrue(lines.stream().anyMatch(line -> line.startsWith(expected)), () -> "no line starting with " + expected + " in\n" + err);
    for (String line : lines) {
      assertTrue(line.startsWith(file + ": ["), () -> "a line that is not a diagnostic of the file: " + line);
      assertFalse(line.isBlank() || line.startsWith("\tat ") || line.contains("Exception in thread"), () -> "a stack trace: " + err);
    }
  }

  private static String dash(String cell) {
    return cell.equals("-") ? "" : cell;
  }
}
