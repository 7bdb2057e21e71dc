package dev.anneal.cli;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.golden.GoldenSet;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Megatron-LM batch-size-schedule case of {@code golden-geometry} through {@code anneal curve
 * --format megatron}, from the launch line and flags a user writes ({@link GoldenInputs}): the
 * learning rate and weight decay of every iteration. The one case only {@code megatron.core}
 * reaches (no sequence length) runs through Anneal JSON in {@link AnnealGoldenCurveTest}
 * ({@code anneal-golden/golden-geometry/megatron}).
 */
class MegatronGeometryCurveParityTest {
  @TempDir static Path dir;

  @TestFactory
  Stream<DynamicNode> everyBatchScheduleCaseThroughAnnealCurve() {
    GoldenInputs inputs = GoldenInputs.forSystem("megatron");
    return GoldenCase.all(GoldenSet.GEOMETRY, "megatron")
        .filter(golden -> !golden.config().get("launch").has("entry"))
        .map(golden -> dynamicTest(golden.name(), () -> CurveParity.assertCurves(inputs.format(), inputs.configText(golden), golden, dir)));
  }
}
