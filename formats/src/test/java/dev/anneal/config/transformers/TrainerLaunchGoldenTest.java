package dev.anneal.config.transformers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.Imported;
import dev.anneal.config.TrainerArguments;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.golden.GoldenSet;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Trainer runs of {@code golden-geometry/transformers}, whose length comes from {@code
 * num_train_epochs} and the data: read through the transformers format from their {@code
 * TrainingArguments} plus {@code dataset_length} and {@code world_size}, every update's learning rate
 * matches upstream within max(1e-12, 1e-9 relative), and the counts Trainer derived ({@code
 * max_steps}, {@code num_warmup_steps}, recorded by the real run in {@code config.derived}) come out
 * the same, in transformers 4 and 5 alike.
 */
class TrainerLaunchGoldenTest {
  private static final GoldenInputs INPUTS = GoldenInputs.forSystem("transformers");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<GoldenCase> cases() {
    return GoldenCase.all(GoldenSet.GEOMETRY, "transformers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyUpdateMatchesTheTrainer(GoldenCase golden) {
    Imported imported = new TransformersFormat().read(INPUTS.configText(golden));

    GoldenAssert.assertCurve(golden + " lr", golden.lr(), imported.plan().lr().values(0, golden.steps()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theDerivedCountsAreTheTrainers(GoldenCase golden) {
    JsonNode derived = golden.config().get("derived");
    for (String version : List.of("4", "5")) {
      ObjectNode config = readTree(INPUTS.configText(golden));
      config.put("transformers_version", version);

      TrainerArguments arguments = TrainerArgumentsReader.read(config.toString());

      assertEquals(derived.get("max_steps").asLong(), arguments.trainingSteps(), golden + " max_steps, transformers " + version);
      assertEquals(derived.get("num_warmup_steps").asLong(), arguments.warmupSteps(), golden + " num_warmup_steps, transformers " + version);
      assertEquals(golden.config().get("get_scheduler").get("num_training_steps").asLong(), arguments.trainingSteps());
      assertEquals(derived.get("total_train_batch_size").asLong(), arguments.trainBatchSize().getAsLong(), golden + " total_train_batch_size");
    }
  }

  /** The note says how the count came about; the figures are the case's, worked by hand from its README line. */
  @Test
  void theNoteShowsTheCount() {
    GoldenCase golden = GoldenCase.named(GoldenSet.GEOMETRY, "transformers", "trainer-cosine-2.5-epochs-gas4-drop-last");
    Imported imported = new TransformersFormat().read(INPUTS.configText(golden));

    assertEquals(List.of("[UpdatesFromEpochs] num_train_epochs: max_steps is -1, so Trainer counts the run from num_train_epochs (2.5):"
            + " 5003 examples in batches of 8, the last incomplete one dropped, with world_size 1, are 625 loader batches per process,"
            + " gradient_accumulation_steps 4 makes them 157 updates per epoch (a last, partial accumulation is one), and max_steps"
            + " = ceil(2.5 × 157) = 393"),
        imported.warnings().stream().filter(v -> v.code() == TransformersCode.UPDATES_FROM_EPOCHS).map(Violation::toString).toList());
  }

  @Test
  void everyCaseIsThere() {
    assertEquals(4, cases().count());
  }

  private static ObjectNode readTree(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
