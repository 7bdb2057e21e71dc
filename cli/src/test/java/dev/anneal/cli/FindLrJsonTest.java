package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code find-lr --json} through the command's entry point: a short real range test, its document parsed with Jackson. */
class FindLrJsonTest {
  @TempDir Path dir;

  @Test
  void theDocumentHoldsEveryPointAndTheSuggestionsAndNothingElseIsPrinted() throws IOException {
    Path chart = dir.resolve("lr.png");

    Anneal.Result result = Anneal.run("find-lr", "--steps", "20", "--start-lr", "1e-4", "--end-lr", "10", "--optimizer", "sgd", "--out", chart.toString(), "--json");

    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
    JsonNode document = new ObjectMapper().readTree(result.outText());
    assertEquals(1, document.get("anneal").asInt());
    assertEquals("find-lr", document.get("command").asText());
    assertEquals("sgd", document.get("optimizer").asText());
    assertEquals(32, document.get("batchSize").asInt());
    JsonNode points = document.get("points");
    assertEquals(document.get("updates").asInt(), points.size());
    assertTrue(points.size() >= 5 && points.size() <= 20, points.toString());
    assertEquals(0, points.get(0).get("step").asLong());
    assertEquals(1e-4, points.get(0).get("lr").asDouble(), 1e-10); // DJL holds it as a float
    assertTrue(points.get(0).get("loss").isNumber());
    assertTrue(points.get(0).get("smoothedLoss").isNumber());
    JsonNode suggestions = document.get("suggestions");
    for (String name : List.of("steepest", "minimumOverTen", "lowestLossLr", "lastLrBeforeDivergence", "cycleMinLr", "cycleMaxLr")) {
      double lr = suggestions.get(name).asDouble();
      assertTrue(lr >= 1e-5 && lr <= 10, name + " " + lr);
    }
    // The bounds the text output prints: half the lowest-loss rate, 0.9 of the last before divergence, 3 significant digits.
    assertEquals(new BigDecimal(0.5 * suggestions.get("lowestLossLr").asDouble()).round(new MathContext(3)).doubleValue(),
        suggestions.get("cycleMinLr").asDouble(), 0);
    assertEquals(new BigDecimal(0.9 * suggestions.get("lastLrBeforeDivergence").asDouble()).round(new MathContext(3)).doubleValue(),
        suggestions.get("cycleMaxLr").asDouble(), 0);
    assertEquals(chart.toString(), document.get("chart").asText());
    assertEquals(0, document.get("diagnostics").size());
    assertTrue(Files.size(chart) > 0);
  }

  @Test
  void theConfigsWarningsAndNotesAreInTheDocumentNotOnStandardError() throws IOException {
    Path config = dir.resolve("ds_config.json");
    Files.writeString(config, """
        {
          "gradient_clipping": 1.0,
          "scheduler": {"type": "LRRangeTest", "params": {"lr_range_test_min_lr": 0.001, "lr_range_test_step_size": 1,
                                                         "lr_range_test_step_rate": 5, "lr_range_test_staircase": false}}
        }
        """);

    Anneal.Result result = Anneal.run("find-lr", "--config", config.toString(), "--steps", "5", "--optimizer", "sgd",
        "--out", dir.resolve("lr.png").toString(), "--json");

    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
    JsonNode diagnostics = new ObjectMapper().readTree(result.outText()).get("diagnostics");
    assertEquals(1, diagnostics.size(), diagnostics.toString());
    JsonNode ignored = diagnostics.get(0);
    assertEquals("IgnoredSetting", ignored.get("code").asText());
    assertEquals("note", ignored.get("severity").asText());
    assertEquals("gradient_clipping", ignored.get("path").asText());
    assertEquals(config.toString(), ignored.get("file").asText());
  }

  @Test
  void suppressLeavesANoteOutOfTheDocument() throws IOException {
    Path config = dir.resolve("ds_config.json");
    Files.writeString(config, """
        {"gradient_clipping": 1.0,
         "scheduler": {"type": "LRRangeTest", "params": {"lr_range_test_min_lr": 0.001, "lr_range_test_step_rate": 5}}}
        """);

    Anneal.Result result = Anneal.run("find-lr", "--config", config.toString(), "--steps", "5", "--optimizer", "sgd",
        "--out", dir.resolve("lr.png").toString(), "--json", "--suppress", "IgnoredSetting");

    assertEquals(0, result.exitCode(), String.join("\n", result.err()));
    assertEquals(0, new ObjectMapper().readTree(result.outText()).get("diagnostics").size());
  }
}
