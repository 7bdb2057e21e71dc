package dev.anneal.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One reference curve of {@code shared/golden}, copied into test resources under {@code
 * golden/<system>/}: produced by running the real upstream code (see the README there). Arrays
 * are indexed by step: {@code lr[i]} is the learning rate used by update i + 1.
 *
 * @param set the reference set the case belongs to
 * @param name the file name without {@code .json}
 * @param system deepspeed, megatron, pytorch or transformers
 * @param kind the upstream class or function
 * @param config the arguments as a user writes them
 * @param optimizer the torch optimizer the scheduler drove ({@code type}, {@code lr}, …)
 * @param lr the learning rate at every step
 * @param momentum momentum or β1 at every step, or {@code null}
 * @param weightDecay weight decay at every step, or {@code null}
 * @param metrics the metric fed after every update (ReduceLROnPlateau), or {@code null}
 */
public record GoldenCase(
    GoldenSet set,
    String name,
    String system,
    String kind,
    JsonNode config,
    JsonNode optimizer,
    double[] lr,
    double[] momentum,
    double[] weightDecay,
    double[] metrics) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Whether a user's config in the system's format reaches this case: every case but those that
   * call an upstream library below its command line ({@code "launch": {"entry": "megatron.core"}}: the batch
   * calculator with no sequence length, which {@code megatron/training} never passes), which Anneal
   * JSON reproduces instead.
   */
  public boolean readByFormats() {
    return !config.path("launch").path("entry").asText("").equals("megatron.core");
  }

  public int steps() {
    return lr.length;
  }

  /** Every case of {@code system} in the basic set, sorted by name. */
  public static Stream<GoldenCase> all(String system) {
    return all(GoldenSet.BASICS, system);
  }

  /** Every case of {@code system} in {@code set}, sorted by name. */
  public static Stream<GoldenCase> all(GoldenSet set, String system) {
    URL folder = GoldenCase.class.getResource("/" + set.folder() + "/" + system);
    if (folder == null) {
      throw new IllegalStateException("no " + set.folder() + "/" + system + " in test resources");
    }
    try {
      URI uri = folder.toURI();
      if ("jar".equals(uri.getScheme())) {
        // From the dsl test-jar (the cli module's tests): list the folder inside the jar.
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return list(jar.provider().getPath(uri)).stream().map(p -> named(set, system, baseName(p))).toList().stream();
        }
      }
      return list(Paths.get(uri)).stream().map(file -> read(set, file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static String baseName(Path file) {
    return file.getFileName().toString().replaceFirst("\\.json$", "");
  }

  /** The case {@code golden/<system>/<name>.json} of the basic set. */
  public static GoldenCase named(String system, String name) {
    return named(GoldenSet.BASICS, system, name);
  }

  /** The case {@code <set>/<system>/<name>.json}. */
  public static GoldenCase named(GoldenSet set, String system, String name) {
    String resource = "/" + set.folder() + "/" + system + "/" + name + ".json";
    try (InputStream in = GoldenCase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden case " + resource);
      }
      return parse(set, name, MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static GoldenCase read(GoldenSet set, Path file) {
    try {
      return parse(set, baseName(file), MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static GoldenCase parse(GoldenSet set, String name, JsonNode root) {
    return new GoldenCase(
        set,
        name,
        root.get("system").asText(),
        root.get("kind").asText(),
        root.get("config"),
        root.get("optimizer"),
        doubles(root.get("lr")),
        doubles(root.get("momentum")),
        doubles(root.get("weight_decay")),
        root.has("epoch_metrics") ? perUpdate(doubles(root.get("epoch_metrics")), root.get("config").get("updates_per_epoch").asInt())
            : doubles(root.get("metrics")));
  }

  /**
   * An epoch's metric reported after each of its updates: a schedule stepped per epoch observes
   * only the one after the epoch's last update, which is the metric the case passed to {@code
   * scheduler.step(metric)}.
   */
  private static double[] perUpdate(double[] epochMetrics, int updatesPerEpoch) {
    double[] out = new double[epochMetrics.length * updatesPerEpoch];
    for (int i = 0; i < out.length; i++) {
      out[i] = epochMetrics[i / updatesPerEpoch];
    }
    return out;
  }

  private static double[] doubles(JsonNode array) {
    if (array == null || array.isNull()) {
      return null;
    }
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      // Python repr() is the shortest round-trip form: parsing gives back upstream's exact double.
      out[i] = Double.parseDouble(array.get(i).asText());
    }
    return out;
  }

  @Override
  public String toString() {
    return set == GoldenSet.BASICS ? system + "/" + name : set.folder() + "/" + system + "/" + name;
  }
}
