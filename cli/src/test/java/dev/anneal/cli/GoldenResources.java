package dev.anneal.cli;

import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where golden cases live: in the formats test-jar ({@code <set>/<system>/}), copies of {@code
 * ../shared/golden}, {@code golden-edge} and {@code golden-pytorch2}.
 */
final class GoldenResources {
  private GoldenResources() {}

  /** The systems of {@code set} with golden resources on the test class path, sorted. */
  static List<String> systemsOnClassPath(GoldenSet set) {
    return namesUnder("/" + set.folder(), Files::isDirectory);
  }

  /** The names (without {@code .json}) of the cases of {@code system} in {@code set} on the test class path, sorted. */
  static List<String> casesOnClassPath(GoldenSet set, String system) {
    return namesUnder("/" + set.folder() + "/" + system, file -> file.toString().endsWith(".json"));
  }

  /** The resource folder's entries that {@code keep}, by name without {@code .json}; none if there is no such folder. */
  static List<String> namesUnder(String folder, Predicate<Path> keep) {
    URL url = GoldenCase.class.getResource(folder);
    if (url == null) {
      return List.of();
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return names(jar.provider().getPath(uri), keep);
        }
      }
      return names(Paths.get(uri), keep);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(Path folder, Predicate<Path> keep) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(keep).map(p -> p.getFileName().toString().replaceFirst("/$", "").replaceFirst("\\.json$", "")).sorted().toList();
    }
  }
}
