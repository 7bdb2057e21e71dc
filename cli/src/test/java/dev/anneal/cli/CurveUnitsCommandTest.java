package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal curve --x UNIT}: a third column with what the updates before each step consumed. */
class CurveUnitsCommandTest {
  /** A batch ramp from 2 to 4 sequences of 8 tokens in one increment over 4 samples. */
  private static final String RAMP = """
      {
        "geometry": {"sequence_length": 8, "batch_ramp": {"start": 2, "increment": 2, "full": 4, "samples": 4}},
        "lr": {"phases": [{"shape": "linear", "from": 0.5, "to": 1, "steps": 2}, {"shape": "constant", "value": 1, "steps": 2}]}
      }
      """;

  @TempDir Path dir;

  @Test
  void tokensFollowTheBatchRamp() throws IOException {
    Path config = Files.writeString(dir.resolve("ramp.json"), RAMP);

    Anneal.Result result = Anneal.run("curve", config.toString(), "--x", "tokens");

    // Batches of 2, 2, then 4 from 4 samples on (Megatron's ramp: 2 + 2 * int(c / 4)): 0, 16, 32, 64 tokens before each step.
    assertEquals(List.of("0\t0.5\t0", "1\t0.75\t16", "2\t1.0\t32", "3\t1.0\t64"), result.out());
    assertEquals(0, result.exitCode());
  }

  @Test
  void theJsonDocumentCarriesThePositions() throws IOException {
    Path config = Files.writeString(dir.resolve("ramp.json"), RAMP);

    Anneal.Result result = Anneal.run("curve", config.toString(), "--x", "samples", "--json");

    assertEquals(0, result.exitCode());
    assertEquals(new ObjectMapper().readTree("{\"unit\": \"samples\", \"values\": [0, 2, 4, 8]}"),
        new ObjectMapper().readTree(result.outText()).get("x"));
  }

  @Test
  void aUnitWithoutItsFigureIsRefused() throws IOException {
    Path config = Files.writeString(dir.resolve("ramp.json"), RAMP);

    Anneal.Result result = Anneal.run("curve", config.toString(), "--x", "epochs");

    assertEquals(List.of(config + ": [UnitNeedsGeometry] --x: --x is given in epochs, which needs the updates per epoch in the run geometry;"
        + " give updates_per_epoch, or dataset_size with batch_size, in the config's \"geometry\""), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }
}
