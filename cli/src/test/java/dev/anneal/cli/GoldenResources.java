package dev.anneal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.golden.GoldenCase;
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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Where golden cases live: in the dsl test-jar ({@code golden/<system>/}) and beside the checkout ({@code ../shared/golden}). */
final class GoldenResources {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GoldenResources() {}

  /** The systems with golden resources on the test class path, sorted. */
  static List<String> systemsOnClassPath() {
    return namesUnder("/golden", Files::isDirectory);
  }

  /** The names (without {@code .json}) of the cases of {@code system} on the test class path, sorted. */
  static List<String> casesOnClassPath(String system) {
    return namesUnder("/golden/" + system, file -> file.toString().endsWith(".json"));
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

  /** {@code ../shared/golden}, as the build passes it in the {@code golden.dir} system property. */
  static Path sharedDir() {
    String dir = System.getProperty("golden.dir");
    if (dir == null || !Files.isDirectory(Paths.get(dir))) {
      throw new IllegalStateException("golden.dir (" + dir + ") is not the shared golden folder; run the tests with Maven from the repository root");
    }
    return Paths.get(dir);
  }

  /** The systems of the shared golden folder. */
  static List<String> sharedSystems() {
    return list(sharedDir(), Files::isDirectory, p -> p.getFileName().toString());
  }

  /** The case names of {@code system} in the shared golden folder. */
  static List<String> sharedCases(String system) {
    return list(sharedDir().resolve(system), p -> p.toString().endsWith(".json"), p -> p.getFileName().toString().replaceFirst("\\.json$", ""));
  }

  private static List<String> list(Path folder, Predicate<Path> keep, Function<Path, String> name) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(keep).map(name).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The case {@code <system>/<name>.json} of the shared golden folder, read as {@link GoldenCase} reads its resources. */
  static GoldenCase shared(String system, String name) {
    try {
      JsonNode root = MAPPER.readTree(sharedDir().resolve(system).resolve(name + ".json").toFile());
      return new GoldenCase(name, root.get("system").asText(), root.get("kind").asText(), root.get("config"), root.get("optimizer"),
          doubles(root.get("lr")), doubles(root.get("momentum")), doubles(root.get("weight_decay")), doubles(root.get("metrics")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[] doubles(JsonNode array) {
    if (array == null || array.isNull()) {
      return null;
    }
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.parseDouble(array.get(i).asText()); // Python repr(): the exact upstream double
    }
    return out;
  }
}
