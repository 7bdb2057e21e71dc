package dev.anneal.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference curves the tests use are copies, in this module's test resources ({@code
 * <set>/<system>/}), of the shared folders {@code ../shared/golden}, {@code golden-edge} and {@code
 * golden-pytorch2} beside the checkout. This test compares each set with its folder, file for file
 * and byte for byte, when the shared folder is there (the build passes it in the {@code
 * shared.dir} system property). A clone with nothing beside it skips the test
 * with a message saying so; {@code .ci/run} sets {@code ANNEAL_GOLDEN_REQUIRED=true} (the parent
 * pom then sets {@code golden.required=true}), which turns a missing folder into a failure, so CI
 * never skips the comparison silently.
 */
class GoldenCopiesTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(GoldenSet.class)
  void theCopiesInTestResourcesAreTheSharedCurves(GoldenSet set) throws IOException, URISyntaxException {
    Path shared = sharedFolder().resolve(set.folder());
    Path copies = copiesFolder(set);

    List<String> sharedFiles = jsonFiles(shared);
    assertTrue(!sharedFiles.isEmpty(), "no golden case in " + shared);
    assertEquals(sharedFiles, jsonFiles(copies),
        "the golden cases in " + copies + " differ from those of " + shared + ": copy the shared folder's cases again");
    for (String file : sharedFiles) {
      assertArrayEquals(Files.readAllBytes(shared.resolve(file)), Files.readAllBytes(copies.resolve(file)),
          set.folder() + "/" + file + " differs from " + shared.resolve(file) + ": copy it again");
    }
  }

  /** {@code ../shared}, or an aborted test (a failed one where CI requires the folder). */
  private static Path sharedFolder() {
    String dir = System.getProperty("shared.dir");
    boolean present = dir != null && !dir.isBlank() && Files.isDirectory(Paths.get(dir));
    String absent = "the shared folder (shared.dir=" + dir + ") is not beside this checkout";
    if (Boolean.getBoolean("golden.required")) {
      assertTrue(present, absent + ", and golden.required=true asks for the comparison");
    }
    assumeTrue(present, () -> "skipped: " + absent + "; the tests use the copies in src/test/resources,"
        + " and this comparison runs where the folder exists (as in .ci/run)");
    return Paths.get(dir);
  }

  private static Path copiesFolder(GoldenSet set) throws URISyntaxException {
    URL url = GoldenCopiesTest.class.getResource("/" + set.folder());
    assertTrue(url != null, "no " + set.folder() + " folder in the test resources");
    return Paths.get(url.toURI());
  }

  /** Every {@code .json} file under {@code folder}, as {@code <system>/<name>.json}, sorted. */
  private static List<String> jsonFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> p.toString().endsWith(".json"))
          .map(p -> folder.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }
}
