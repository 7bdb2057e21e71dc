package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * A corpus of inputs in test resources: a folder with one file per input and a {@code
 * manifest.tsv} with a tab-separated line per input (lines starting with {@code #} are comments),
 * the input's path relative to the folder first. Shared by the bad-input and the upstream-runs
 * corpora.
 */
final class CorpusManifest {
  private CorpusManifest() {}

  /** The folder of {@code manifest} ({@code bad-inputs/manifest.tsv}), a resource beside these tests. */
  static Path folder(String manifest) {
    try {
      return Paths.get(CorpusManifest.class.getResource(manifest).toURI()).getParent();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException(manifest + " is not among the test resources", e);
    }
  }

  /** The cells of every line of the folder's manifest, comments and blank lines left out. */
  static Stream<String[]> rows(Path folder) throws IOException {
    return Files.readAllLines(folder.resolve("manifest.tsv")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("\t", -1));
  }

  /**
   * Asserts that {@code files} (the manifest's first column) lists every input of the folder once.
   * The files are counted in the source folder where the build has one: Maven copies test resources
   * into {@code target/test-classes} but never removes a moved or deleted one, so an incremental
   * build would count stale copies there.
   */
  static void assertEveryFileListedOnce(Path folder, List<String> files) throws IOException {
    assertEquals(files.size(), files.stream().distinct().count(), "a file listed twice");
    try (Stream<Path> onDisk = Files.walk(sourceOf(folder))) {
      long count = onDisk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("manifest.tsv")).count();
      assertEquals(files.size(), count, "every file of the corpus is in the manifest");
    }
  }

  /** {@code folder} under {@code src/test/resources} if it is a copy in {@code target/test-classes} and the source exists. */
  private static Path sourceOf(Path folder) {
    String copied = folder.toString();
    String marker = java.io.File.separator + "target" + java.io.File.separator + "test-classes" + java.io.File.separator;
    int at = copied.lastIndexOf(marker);
    if (at < 0) {
      return folder;
    }
    Path source = Path.of(copied.substring(0, at), "src", "test", "resources", copied.substring(at + marker.length()));
    return Files.isDirectory(source) ? source : folder;
  }
}
