package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.golden.GoldenSet;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Trainer runs of {@code golden-geometry/transformers}, whose length comes from {@code
 * num_train_epochs}, through {@code anneal curve --format transformers} with the config a Trainer
 * user writes ({@link GoldenInputs}: the TrainingArguments plus {@code dataset_length} and {@code
 * world_size}): every update's learning rate, as upstream's run recorded it. The other systems of the
 * geometry set reach their formats' readers in their own parts of issue 15 ({@code
 * GoldenCurveParityTest} covers the sets their readers take today).
 */
class TrainerLaunchCurveTest {
  @TempDir static Path dir;

  static Stream<GoldenCase> cases() {
    return GoldenCase.all(GoldenSet.GEOMETRY, "transformers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyUpdateThroughAnnealCurve(GoldenCase golden) {
    GoldenInputs inputs = GoldenInputs.forSystem("transformers");
    CurveParity.assertCurves(inputs.format(), inputs.configText(golden), golden, dir);
  }

  @Test
  void everyCaseIsThere() {
    assertEquals(4, cases().count());
  }
}
