package dev.anneal.config.takeover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The take-over cases under {@code src/test/resources/takeover}. */
final class TakeOverResources {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TakeOverResources() {}

  static String text(String path) {
    try (InputStream in = TakeOverResources.class.getResourceAsStream("/takeover/" + path)) {
      if (in == null) {
        throw new IllegalStateException("no test resource /takeover/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String path) {
    try {
      return JSON.readTree(text(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] doubles(JsonNode list) {
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i).asDouble();
    }
    return out;
  }
}
