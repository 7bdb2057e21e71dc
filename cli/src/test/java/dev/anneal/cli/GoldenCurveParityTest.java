package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.golden.GoldenSet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every golden case of every reference set ({@link GoldenSet}: the basics, upstream's unusual
 * inputs, PyTorch 2.x) and every system that has golden resources, through {@code anneal curve} with
 * the config a user of that system writes ({@link GoldenInputs}): the learning rate, and momentum
 * and weight decay where the case records them, with {@code --metrics} where it has metrics. A
 * system with golden resources but no inputs fails; it is never skipped. That the copies in the
 * dsl test resources are complete and unchanged is checked by {@code GoldenCopiesTest} there.
 */
class GoldenCurveParityTest {
  @TempDir static Path dir;

  @TestFactory
  Stream<DynamicNode> everyGoldenCaseThroughAnnealCurve() {
    // A case no user config of its format reaches (GoldenCase.readByFormats) runs through Anneal JSON in AnnealGoldenCurveTest.
    return Arrays.stream(GoldenSet.values()).map(set -> dynamicContainer(set.folder(),
        GoldenResources.systemsOnClassPath(set).stream().map(system -> dynamicContainer(system, casesOf(set, system)))));
  }

  private static Stream<DynamicNode> casesOf(GoldenSet set, String system) {
    Optional<GoldenInputs> inputs = inputsFor(system);
    if (inputs.isEmpty()) {
      return Stream.of(dynamicTest("inputs for " + system, () -> fail(
          set.folder() + "/" + system + " has " + GoldenResources.casesOnClassPath(set, system).size()
              + " cases but GoldenInputs.forSystem(\"" + system + "\") has no inputs for them: register them")));
    }
    return GoldenCase.all(set, system).filter(GoldenCase::readByFormats).map(golden -> dynamicTest(golden.name(),
        () -> CurveParity.assertCurves(inputs.get().format(), inputs.get().configText(golden), golden, dir)));
  }

  private static Optional<GoldenInputs> inputsFor(String system) {
    try {
      return Optional.of(GoldenInputs.forSystem(system));
    } catch (IllegalArgumentException none) {
      return Optional.empty();
    }
  }
}
