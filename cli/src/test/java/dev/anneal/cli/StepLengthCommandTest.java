package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --steps} and {@code --step} in a unit ({@code 375M:tokens}, {@code 2.5:epochs}), through
 * each command's entry point with the example configs: resolved by the config's run geometry with
 * its rounding, said where the command summarises, refused with the accepted forms or the figure
 * the geometry lacks. Expected counts are worked out by hand in each test.
 */
class StepLengthCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  /** Sequence length 2,048, batches of 16 sequences until 2.4B tokens (1,171,875 samples). */
  private static final Path GPT3 = EXAMPLES.resolve("gpt3-175b-tokens.json");
  /** StepLR per epoch; 1,438 rows in batches of 32: ceil(1438 / 32) = 45 updates per epoch. */
  private static final Path STEPLR = EXAMPLES.resolve("pytorch-epoch-steplr.json");
  /** GPT-3's warm-up and cosine in updates, with no run geometry. */
  private static final Path GPT_UPDATES = EXAMPLES.resolve("gpt-warmup-cosine.json");
  private static final Path TRAIN_CONFIGS = Path.of("src/test/resources/anneal-epoch").toAbsolutePath();
  private static final String FORMS = "give N updates, or AMOUNT[K|M|B|T]:UNIT with UNIT updates, epochs, samples or tokens"
      + " (375M:tokens, 2.5:epochs, 1.2B:samples), where K, M, B, T are exact powers of 1000";

  @TempDir Path dir;

  @Test
  void curveStepsInTokensRunToTheFirstUpdateThatReachesThem() {
    Anneal.Result result = Anneal.run("curve", GPT3.toString(), "--steps", "375M:tokens");

    // 375,000,000 tokens / 2,048 = 183,105.47, so 183,106 samples; in batches of 16, ceil(183,106 / 16) = 11,445 updates,
    // which consume 11,445 × 16 × 2,048 = 375,029,760 tokens (Megatron's warm-up length of examples/gpt3).
    assertEquals(11_445, result.out().size());
    assertTrue(result.out().get(11_444).startsWith("11444\t"), result.out().get(11_444));
    assertEquals(List.of(GPT3 + ": [FirstUpdateAtZero] lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing",
        GPT3 + ": [LengthInUnits] --steps: --steps 375M:tokens is 11,445 updates by the config's run geometry:"
        + " the first count of updates that reaches 375,000,000 tokens (they consume 375,029,760 tokens; docs/units.md)"), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void curveStepsInEpochsRoundUpAsTheTrainerDoes() {
    Anneal.Result result = Anneal.run("curve", STEPLR.toString(), "--steps", "2.5:epochs", "--quiet");

    // ceil(2.5 × 45) = ceil(112.5) = 113 updates; --quiet keeps the note off standard error.
    assertEquals(113, result.out().size());
    assertEquals("112\t0.1", result.out().get(112));
    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void aPlainCountIsStillUpdates() {
    Anneal.Result result = Anneal.run("curve", STEPLR.toString(), "--steps", "3");

    assertEquals(List.of("0\t0.1", "1\t0.1", "2\t0.1"), result.out());
    assertEquals(0, result.exitCode());
  }

  @Test
  void explainShowsTheStepInBothUnits() {
    Anneal.Result result = Anneal.run("explain", GPT3.toString(), "--step", "375M:tokens", "--channel", "lr");

    assertEquals("step 11445 = --step 375M:tokens: the first count of updates that reaches 375,000,000 tokens (they consume 375,029,760 tokens)",
        result.out().get(0));
    // The warm-up ends at 375M tokens; 375,029,760 tokens are consumed before update 11,446, 29,760 into the cosine.
    assertEquals("lr: step 11445: ", result.out().get(1).substring(0, "lr: step 11445: ".length()));
    assertTrue(result.out().stream().anyMatch(line -> line.contains("tokens_before=375029760")), String.join("\n", result.out()));
    assertEquals(0, result.exitCode());
  }

  @Test
  void explainInEpochsOfAPyTorchConfigSteppedPerEpoch() {
    Anneal.Result result = Anneal.run("explain", STEPLR.toString(), "--step", "30:epochs", "--quiet");

    // 30 epochs of 45 updates: step 1,350, where StepLR(step_size=30) decays for the first time.
    assertEquals("step 1350 = --step 30:epochs: the first count of updates that reaches 30 epochs (they consume 30 epochs)", result.out().get(0));
    assertTrue(result.out().get(1).startsWith("lr: step 1350: 0.010000000000000002"), result.out().get(1));
    assertEquals(0, result.exitCode());
  }

  @Test
  void explainJsonCarriesTheResolutionAsANote() throws IOException {
    Anneal.Result result = Anneal.run("explain", STEPLR.toString(), "--step", "1:epochs", "--json");

    var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.outText());
    assertEquals(45, document.get("step").asLong());
    assertTrue(result.outText().contains("--step 1:epochs is 45 updates by the config's run geometry: the first count of updates that reaches 1 epochs"
        + " (they consume 1 epochs; docs/units.md)"), result.outText());
    assertEquals(0, result.exitCode());
  }

  @Test
  void plotSaysWhatTheLengthResolvedTo() {
    Path png = dir.resolve("gpt3.png");

    Anneal.Result result = Anneal.run("plot", GPT3.toString(), "--steps", "1.2M:samples", "--out", png.toString());

    // The batch of 16 lasts until the samples consumed reach 2.4B tokens / 2,048 = 1,171,875: 73,242 updates consume 1,171,872,
    // the 73,243rd brings 1,171,888, and batches of 320 follow; 1,200,000 − 1,171,888 = 28,112 more samples are
    // ceil(28,112 / 320) = 88 updates of 320: 73,331 updates, consuming 1,171,888 + 88 × 320 = 1,200,048 samples.
    assertEquals(List.of("wrote " + png + " (lr; steps 0 to 73330; --steps 73,331 updates (1.2M:samples; they consume 1,200,048 samples))"), result.out());
    assertEquals(0, result.exitCode());
  }

  @Test
  void trainStepsInEpochsOfTheConfig() throws IOException {
    Path out = dir.resolve("run");

    Anneal.Result result = Anneal.run("train", "--config", TRAIN_CONFIGS.resolve("steplr.json").toString(), "--batch-size", "128",
        "--steps", "2:epochs", "--out=" + out);

    // The config's geometry has 12 updates per epoch (1,438 rows in batches of 128): 2 epochs are 24 updates.
    assertEquals(0, result.exitCode(), String.join("\n", result.err()));
    assertTrue(result.out().contains("length: 24 updates (--steps 2:epochs, 2 epochs by the config's run geometry); the plan declares 108;"
        + " stops in phase 0 (step) at update 24 of 108"), String.join("\n", result.out()));
    assertEquals(1 + 24, Files.readAllLines(out.resolve("train.csv")).size());
  }

  @Test
  void convertComparesOverALengthInUnits() {
    Anneal.Result result = Anneal.run("convert", STEPLR.toString(), "--from", "pytorch", "--to", "anneal", "--steps", "2:epochs");

    // 2 epochs of 45 updates: the converted config is compared with the original over steps 0 to 89.
    assertEquals(List.of(STEPLR + ": [LengthInUnits] --steps: --steps 2:epochs is 90 updates by the config's run geometry:"
        + " the first count of updates that reaches 2 epochs (they consume 2 epochs; docs/units.md)"), result.err());
    assertTrue(result.outText().contains("\"updates_per_epoch\": 45"), result.outText());
    assertEquals(0, result.exitCode());
  }

  @Test
  void trainRefusesAUnitWithoutAConfig() {
    Anneal.Result result = Anneal.run("train", "--steps", "2:epochs", "--out=" + dir.resolve("run"));

    assertEquals(List.of("[UnitWithoutConfig] --steps: --steps 2:epochs is given in epochs, which anneal train converts to updates by the"
        + " config's run geometry, but no --config is given; give --steps in updates or --epochs N, or add --config FILE with a \"geometry\""),
        result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aUnitTheGeometryCannotConvertNamesWhatIsMissing() throws IOException {
    Path config = Files.writeString(dir.resolve("epochs.json"), """
        {"geometry": {"updates_per_epoch": 10}, "lr": {"phases": [{"shape": "constant", "value": 0.1, "steps": 100}]}}
        """);

    Anneal.Result result = Anneal.run("curve", config.toString(), "--steps", "1M:tokens");

    assertEquals(List.of(config + ": [UnitNeedsGeometry] --steps: --steps is given in tokens, which needs a global batch in the run geometry;"
        + " give batch_size, global_batch, batch_steps or batch_ramp in the config's \"geometry\""), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aConfigWithoutGeometryIsToldWhereToGiveOne() {
    Anneal.Result result = Anneal.run("explain", GPT_UPDATES.toString(), "--step", "1:epochs");

    assertEquals(List.of(GPT_UPDATES + ": [UnitNeedsGeometry] --step: --step is given in epochs, which needs a run geometry;"
        + " add \"geometry\": {…} at the top of the config (docs/units.md), or give --step in updates"), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aFormatWithoutTheFigureIsToldWhatItLacks() {
    // The pytorch example states its epoch (dataset_size 1438, batch_size 32), not a sequence length.
    Anneal.Result result = Anneal.run("curve", STEPLR.toString(), "--format", "pytorch", "--steps", "1M:tokens");

    assertEquals(List.of(STEPLR + ": [UnitNeedsGeometry] --steps: --steps is given in tokens, which needs a sequence length in the run geometry;"
        + " a pytorch config states no sequence length: use epochs or samples, or convert it to Anneal JSON (anneal convert --to anneal) and add"
        + " sequence_length to its \"geometry\""),
        result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void malformedLengthsNameTheAcceptedForms() {
    assertMalformed("375X:tokens", "[MalformedLength] 375X:tokens is not a length: it does not read as AMOUNT[K|M|B|T]:UNIT; " + FORMS);
    assertMalformed("375M:token", "[MalformedLength] 375M:token is not a length: 'token' is no unit; " + FORMS);
    assertMalformed("2.5:tokens", "[MalformedLength] 2.5:tokens is not a length: tokens are counted whole (only epochs may be fractional); " + FORMS);
    assertMalformed("0:epochs", "[MalformedLength] 0:epochs is not a length: the amount must be above 0; " + FORMS);
  }

  private void assertMalformed(String value, String message) {
    Anneal.Result result = Anneal.run("curve", STEPLR.toString(), "--steps", value);

    assertEquals(List.of("anneal curve: Invalid value for option '--steps': " + message + ". See 'anneal curve --help'."), result.err());
    assertEquals(2, result.exitCode());
  }
}
