package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} of {@code curve}, {@code validate}, {@code explain} and {@code diff} through the
 * command's entry point: standard output is one document of docs/json-output.md (version 1), parsed
 * here with Jackson, with every diagnostic in it and nothing on standard error.
 */
class JsonOutputCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** lr from 0 to 0.1 over 2 steps, then held: one warning (the first update at 0). */
  private static final String PLAN = "{\"lr\": {\"phases\": [{\"shape\": \"linear\", \"from\": 0, \"to\": 0.1, \"steps\": 2}]}}";

  /** A DeepSpeed WarmupLR, read as deepspeed from its content (a note) with one warning. */
  private static final String DS = "{\"scheduler\": {\"type\": \"WarmupLR\", \"params\": "
      + "{\"warmup_min_lr\": 0.01, \"warmup_max_lr\": 0.1, \"warmup_num_steps\": 2, \"warmup_type\": \"linear\"}}}";

  @TempDir Path dir;

  private static JsonNode document(Anneal.Result result, String command) throws IOException {
    assertEquals(List.of(), result.err());
    JsonNode document = JSON.readTree(result.outText());
    assertEquals(1, document.get("anneal").asInt());
    assertEquals(command, document.get("command").asText());
    return document;
  }

  private static List<String> codes(JsonNode diagnostics) {
    List<String> codes = new ArrayList<>();
    diagnostics.forEach(diagnostic -> codes.add(diagnostic.get("severity").asText() + " " + diagnostic.get("code").asText()));
    return codes;
  }

  @Test
  void curveGivesTheValuesThePhasesAndEveryDiagnostic() throws IOException {
    Path config = Files.writeString(dir.resolve("warmup.json"), DS);

    Anneal.Result result = Anneal.run("curve", config.toString(), "--steps", "4", "--json");

    JsonNode document = document(result, "curve");
    assertEquals(0, result.exitCode());
    assertEquals(config.toString(), document.get("file").asText());
    assertEquals("deepspeed", document.get("format").asText());
    assertEquals(4, document.get("steps").asLong());
    JsonNode lr = document.get("channels").get("lr");
    assertEquals(3, lr.get("declaredEnd").asLong());
    assertEquals(List.of(0.01, 0.01, 0.05500000000000001, 0.1), JSON.convertValue(lr.get("values"), List.class));
    JsonNode phases = lr.get("phases");
    assertEquals(2, phases.size());
    assertEquals("linear", phases.get(1).get("shape").asText());
    assertEquals(1, phases.get(1).get("start").asLong());
    assertEquals(3, phases.get(1).get("end").asLong());
    JsonNode diagnostics = document.get("diagnostics");
    assertEquals(List.of("note DetectedFormat", "note TwoUpdatesAtWarmupMin"), codes(diagnostics));
    JsonNode note = diagnostics.get(0);
    assertEquals(config.toString(), note.get("file").asText());
    assertEquals("--format", note.get("path").asText());
    assertEquals("read as deepspeed, from scheduler.params; add --format NAME to read it as another format", note.get("message").asText());
  }

  @Test
  void curveOfAnOpenEndedPhaseHasNoEnd() throws IOException {
    Anneal.Result result = Anneal.run("curve", "--steps", "2", "--json", "--config-text",
        "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 0.5, \"steps\": \"forever\"}]}}");

    JsonNode lr = document(result, "curve").get("channels").get("lr");
    assertTrue(lr.get("declaredEnd").isNull());
    assertTrue(lr.get("phases").get(0).get("end").isNull());
    assertEquals(List.of(0.5, 0.5), JSON.convertValue(lr.get("values"), List.class));
  }

  @Test
  void validateReportsEveryFileWithItsDiagnosticsAndValidity() throws IOException {
    Path good = Files.writeString(dir.resolve("good.json"), PLAN);
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 0.1, \"steps\": 0}]}}");

    Anneal.Result result = Anneal.run("validate", "--json", good.toString(), bad.toString());

    JsonNode document = document(result, "validate");
    assertEquals(1, result.exitCode());
    assertEquals(false, document.get("valid").asBoolean());
    JsonNode files = document.get("files");
    assertEquals(2, files.size());
    assertEquals(good.toString(), files.get(0).get("file").asText());
    assertEquals("anneal", files.get(0).get("format").asText());
    assertEquals(true, files.get(0).get("valid").asBoolean());
    assertEquals(List.of("note FirstUpdateAtZero"), codes(files.get(0).get("diagnostics")));
    assertEquals(false, files.get(1).get("valid").asBoolean());
    JsonNode error = files.get(1).get("diagnostics").get(0);
    assertEquals(bad.toString(), error.get("file").asText());
    assertEquals("NonPositiveLength", error.get("code").asText());
    assertEquals("error", error.get("severity").asText());
    assertEquals("lr.phases[0].steps", error.get("path").asText());
    assertEquals("steps (0) must be at least 1", error.get("message").asText());
  }

  @Test
  void validatePutsAnUnreadableFileInTheDocumentAndExitsWithBadInput() throws IOException {
    Path missing = dir.resolve("missing.json");

    Anneal.Result result = Anneal.run("validate", "--json", missing.toString());

    JsonNode document = document(result, "validate");
    assertEquals(2, result.exitCode());
    JsonNode file = document.get("files").get(0);
    assertTrue(file.get("format").isNull());
    assertEquals(false, file.get("valid").asBoolean());
    assertEquals(List.of("error UnreadableFile"), codes(file.get("diagnostics")));
    assertEquals("cannot read the file: no such file", file.get("diagnostics").get(0).get("message").asText());
  }

  @Test
  void explainGivesEachChannelsPhaseFormulaAndInputs() throws IOException {
    Anneal.Result result = Anneal.run("explain", "--step", "1", "--json", "--config-text", PLAN);

    JsonNode document = document(result, "explain");
    assertEquals(0, result.exitCode());
    assertEquals("<inline>", document.get("file").asText());
    assertEquals("anneal", document.get("format").asText());
    assertEquals(1, document.get("step").asLong());
    JsonNode lr = document.get("channels").get("lr");
    assertEquals(0.05, lr.get("value").asDouble());
    assertEquals("phases[0]", lr.get("phase").asText());
    assertEquals(1, lr.get("localStep").asLong());
    assertEquals("linear", lr.get("shape").asText());
    assertEquals("from + (to - from) * t / n", lr.get("formula").asText());
    assertEquals(0.1, lr.get("inputs").get("to").asDouble());
    assertEquals(2, lr.get("inputs").get("n").asLong());
    assertEquals(false, lr.get("openEnded").asBoolean());
    assertEquals(List.of("note FirstUpdateAtZero"), codes(document.get("diagnostics")));
  }

  @Test
  void diffGivesEachChannelsFirstAndLargestDifference() throws IOException {
    Path before = Files.writeString(dir.resolve("before.json"), PLAN);
    Path after = Files.writeString(dir.resolve("after.json"), """
        {"lr": {"phases": [{"shape": "linear", "from": 0, "to": 0.2, "steps": 2}]},
         "momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": "forever"}]}}
        """);

    Anneal.Result result = Anneal.run("diff", before.toString(), after.toString(), "--steps", "3", "--json");

    JsonNode document = document(result, "diff");
    assertEquals(1, result.exitCode());
    assertEquals(before.toString(), document.get("a").get("file").asText());
    assertEquals("anneal", document.get("b").get("format").asText());
    assertEquals(false, document.get("same").asBoolean());
    JsonNode lr = document.get("channels").get("lr");
    assertEquals(false, lr.get("same").asBoolean());
    assertEquals(3, lr.get("steps").asLong());
    assertEquals(2, lr.get("differing").asLong());
    assertEquals(1, lr.get("firstDifference").get("step").asLong());
    assertEquals(0.05, lr.get("firstDifference").get("a").asDouble());
    assertEquals(0.1, lr.get("firstDifference").get("b").asDouble());
    assertEquals(2, lr.get("largestDifference").get("step").asLong());
    assertEquals("B", document.get("channels").get("momentum").get("onlyIn").asText());
    JsonNode diagnostics = document.get("diagnostics");
    assertEquals(List.of("note FirstUpdateAtZero", "note FirstUpdateAtZero"), codes(diagnostics));
    assertEquals(after.toString(), diagnostics.get(1).get("file").asText());
  }

  @Test
  void diffOfTheSameConfigIsSame() throws IOException {
    Path plan = Files.writeString(dir.resolve("plan.json"), PLAN);

    Anneal.Result result = Anneal.run("diff", plan.toString(), plan.toString(), "--json");

    JsonNode document = document(result, "diff");
    assertEquals(0, result.exitCode());
    assertEquals(true, document.get("same").asBoolean());
    JsonNode lr = document.get("channels").get("lr");
    assertTrue(lr.get("firstDifference").isNull());
    assertEquals(0, lr.get("differing").asLong());
  }

  @Test
  void aCommandThatStopsPrintsNoDocumentAndItsProblemOnStandardError() throws IOException {
    Anneal.Result result = Anneal.run("curve", "--json", "--channel", "momentum", "--config-text", PLAN);

    assertEquals("", result.outText());
    assertEquals(List.of("<inline>: [UnknownChannel] --channel: unknown channel 'momentum'; expected one of: lr"), result.err());
    assertEquals(2, result.exitCode());
  }
}
