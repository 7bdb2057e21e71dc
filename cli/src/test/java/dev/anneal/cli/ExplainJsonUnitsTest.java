package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain --json}: the step and each phase in the units of the config's run geometry (docs/json-output.md). */
class ExplainJsonUnitsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private JsonNode explain(String config, String step) throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"), config);
    Anneal.Result result = Anneal.run("explain", file.toString(), "--json", "--step", step);
    assertEquals(0, result.exitCode(), result.err().toString());
    return MAPPER.readTree(result.outText());
  }

  @Test
  void phasesInTokensShowTheirUpdatesAndWhatTheyDeclared() throws IOException {
    // 4 sequences of 8 tokens an update: 320 tokens are 10 updates, 3,200 more are 100.
    JsonNode document = explain("""
        {
          "geometry": {"sequence_length": 8, "global_batch": 4},
          "lr": {"phases": [
            {"shape": "linear", "from": 0.1, "to": 1, "steps": {"tokens": 320}},
            {"shape": "cosine", "from": 1, "to": 0.1, "steps": {"tokens": 3.2e3}}
          ]}
        }
        """, "50");

    assertEquals(MAPPER.readTree("{\"updates\": 50, \"samples\": 200, \"tokens\": 1600}"), document.get("units"));
    assertEquals(MAPPER.readTree("""
        [
          {"phase": "phases[0]", "from": 0, "to": 10, "declared": {"unit": "tokens", "amount": 320},
           "in": {"samples": {"from": 0, "to": 40}, "tokens": {"from": 0, "to": 320}}},
          {"phase": "phases[1]", "from": 10, "to": 110, "declared": {"unit": "tokens", "amount": 3200},
           "in": {"samples": {"from": 40, "to": 440}, "tokens": {"from": 320, "to": 3520}}}
        ]
        """), document.get("channels").get("lr").get("phases"));
  }

  @Test
  void aBareCountUnderAnEpochCadenceCountsEpochs() throws IOException {
    JsonNode document = explain("""
        {
          "geometry": {"updates_per_epoch": 45},
          "lr": {"cadence": "epoch", "phases": [
            {"shape": "step", "from": 0.1, "every": 30, "factor": 0.1, "steps": 90}
          ]}
        }
        """, "1400");

    // 1,400 / 45 = 31.111111 epochs (six decimals, as the text shows).
    assertEquals(MAPPER.readTree("{\"updates\": 1400, \"epochs\": 31.111111}"), document.get("units"));
    assertEquals(MAPPER.readTree("""
        [{"phase": "phases[0]", "from": 0, "to": 4050, "declared": {"unit": "epochs", "amount": 90},
          "in": {"epochs": {"from": 0, "to": 90}}}]
        """), document.get("channels").get("lr").get("phases"));
  }

  @Test
  void withoutAGeometryOnlyUpdatesAreShown() throws IOException {
    JsonNode document = explain("""
        {"lr": {"phases": [
          {"shape": "linear", "from": 0, "to": 3e-4, "steps": 2000},
          {"shape": "constant", "value": 3e-4, "steps": "forever"}
        ]}}
        """, "10");

    assertEquals(true, document.get("units").isNull());
    assertEquals(MAPPER.readTree("""
        [{"phase": "phases[0]", "from": 0, "to": 2000, "declared": {"unit": "updates", "amount": 2000}, "in": null},
         {"phase": "phases[1]", "from": 2000, "to": null, "declared": null, "in": null}]
        """), document.get("channels").get("lr").get("phases"));
  }
}
