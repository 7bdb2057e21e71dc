package dev.anneal.cli;

import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Anneal JSON written by hand for golden cases of the other systems ({@code
 * src/test/resources/anneal-golden/<system>/<case>.json}, or {@code <set folder>/<system>/<case>.json}
 * for a set other than the basics, such as {@code golden-geometry}), through {@code anneal curve --format
 * anneal}: the shared reference curves, produced by the real upstream code, check the Anneal
 * format and the command end to end, every channel the case records, plateau metrics included.
 * The curves are the copies in the dsl test-jar ({@code golden/<system>/}), so the test needs
 * nothing beside the checkout.
 */
class AnnealGoldenCurveTest {
  @TempDir static Path dir;

  static Stream<String> cases() throws IOException, URISyntaxException {
    URL root = AnnealGoldenCurveTest.class.getResource("/anneal-golden");
    Path folder = Paths.get(root.toURI());
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> p.toString().endsWith(".json"))
          .map(p -> folder.relativize(p).toString().replace('\\', '/').replaceFirst("\\.json$", ""))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void annealJsonReproducesTheGoldenCurve(String systemAndName) {
    String[] parts = systemAndName.split("/");
    // <system>/<case> for the basic set, <set folder>/<system>/<case> for another set.
    GoldenCase golden = parts.length == 2 ? GoldenCase.named(parts[0], parts[1])
        : GoldenCase.named(Arrays.stream(GoldenSet.values()).filter(set -> set.folder().equals(parts[0])).findFirst().orElseThrow(), parts[1], parts[2]);

    CurveParity.assertCurves("anneal", resource("/anneal-golden/" + systemAndName + ".json"), golden, dir);
  }

  private static String resource(String name) {
    try (InputStream in = AnnealGoldenCurveTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
