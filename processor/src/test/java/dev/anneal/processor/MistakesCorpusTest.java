package dev.anneal.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of annotation mistakes users make ({@code src/test/resources/mistakes}): each source
 * compiles with the processor to the diagnostic its manifest row names (code, line, severity and
 * the start of the message), on the user's own file, never in generated code.
 * docs/annotation-mistakes.md lists every row.
 */
class MistakesCorpusTest {
  private static final String DIRECTORY = "mistakes/";
  private static final Path DOCUMENT = Path.of("..", "docs", "annotation-mistakes.md");

  /** One manifest row: the source, and the diagnostic it must produce. */
  record Mistake(String file, String code, int line, String kind, String messageStart) {
    @Override
    public String toString() {
      return file + " → " + code;
    }
  }

  static List<Mistake> manifest() {
    List<Mistake> out = new ArrayList<>();
    for (String row : resource("manifest.tsv").split("\n")) {
      if (row.isBlank() || row.startsWith("#")) {
        continue;
      }
      String[] cells = row.split("\t", -1);
      out.add(new Mistake(cells[0], cells[1], Integer.parseInt(cells[2]), cells[3], cells[4]));
    }
    return out;
  }

  static Stream<Mistake> mistakes() {
    return manifest().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void getsTheDiagnosticAUserNeeds(Mistake mistake) {
    String name = mistake.file().substring(0, mistake.file().length() - ".java".length());
    Compilation compilation = Compile.compile(JavaFileObjects.forSourceString("mistakes." + name, resource(mistake.file())));
    List<String> printed = Compile.diagnostics(compilation);
    if (Boolean.getBoolean("print.diagnostics")) {
      System.out.println("== " + mistake.file());
      printed.forEach(d -> System.out.println("  " + d));
    }
    for (String diagnostic : printed) {
      assertWithMessage("every diagnostic is on the user's file").that(diagnostic).startsWith(mistake.file() + ":");
    }
    String expected = mistake.file() + ":" + mistake.line() + ": " + mistake.kind() + " " + codePrefix(mistake) + mistake.messageStart();
    assertWithMessage("diagnostics of %s", mistake.file())
        .that(printed.stream().anyMatch(d -> d.startsWith(expected)))
        .isTrue();
  }

  @Test
  void theCorpusHasSeventyMistakesEachListedInTheDocument() throws IOException {
    List<Mistake> all = manifest();
    assertThat(all).hasSize(70);
    String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
    for (Mistake mistake : all) {
      assertWithMessage("docs/annotation-mistakes.md row of %s", mistake.file())
          .that(document).contains("| `" + mistake.file() + "` |");
    }
  }

  /** javac's own diagnostics carry no code; the processor's start with {@code [Code] }. */
  private static String codePrefix(Mistake mistake) {
    return mistake.code().equals("javac") ? "" : "[" + mistake.code() + "] ";
  }

  private static String resource(String name) {
    try (InputStream in = MistakesCorpusTest.class.getClassLoader().getResourceAsStream(DIRECTORY + name)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + DIRECTORY + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
