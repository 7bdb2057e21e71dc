package dev.anneal.config.transformers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden transformers curve, read through the transformers format from the config a user
 * would write (a direct call of the function the case ran), must match upstream at every step
 * within max(1e-12 absolute, 1e-9 relative).
 */
class TransformersGoldenTest {
  private static final GoldenInputs INPUTS = GoldenInputs.forSystem("transformers");
  private static final Map<String, String> ERRORS = new TreeMap<>();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<GoldenCase> cases() {
    return GoldenCase.all("transformers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void learningRateMatchesUpstreamAtEveryStep(GoldenCase golden) {
    Imported imported = Formats.byName(INPUTS.format()).read(INPUTS.configText(golden));
    double[] actual = imported.plan().lr().values(0, golden.steps());

    GoldenAssert.assertCurve(golden + " lr", golden.lr(), actual);
    assertEquals(1, imported.plan().channels().size(), "transformers schedules the learning rate only");
    ERRORS.put(golden.name(), differences(golden.lr(), actual));
  }

  /**
   * The same case written as {@code TrainingArguments} fields, as a Trainer user would: {@code
   * lr_scheduler_type} for the function, {@code warmup_steps} and {@code max_steps} for the two
   * arguments get_scheduler passes itself, every other argument in {@code lr_scheduler_kwargs}.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void trainingArgumentsFormMatchesUpstreamToo(GoldenCase golden) {
    ObjectNode config = MAPPER.createObjectNode();
    config.set("learning_rate", golden.optimizer().get("lr"));
    config.put("lr_scheduler_type", TransformersFunction.byFunctionName(golden.kind()).orElseThrow().schedulerType());
    ObjectNode kwargs = golden.config().deepCopy();
    config.set("warmup_steps", kwargs.remove("num_warmup_steps"));
    if (kwargs.has("num_training_steps")) {
      config.set("max_steps", kwargs.remove("num_training_steps"));
    }
    if (!kwargs.isEmpty()) {
      config.set("lr_scheduler_kwargs", kwargs);
    }

    Imported imported = new TransformersFormat().read(config.toString());

    GoldenAssert.assertCurve(golden + " lr via " + config, golden.lr(), imported.plan().lr().values(0, golden.steps()));
  }

  @Test
  void everyCaseIsThere() {
    assertEquals(13, cases().count());
  }

  /** The measured errors, for docs/parity/transformers.md. */
  @AfterAll
  static void report() {
    ERRORS.forEach((name, line) -> System.out.println("transformers/" + name + ": " + line));
  }

  private static String differences(double[] expected, double[] actual) {
    double maxAbsolute = 0;
    double maxRelative = 0;
    int exact = 0;
    for (int i = 0; i < expected.length; i++) {
      double difference = Math.abs(expected[i] - actual[i]);
      exact += difference == 0 ? 1 : 0;
      maxAbsolute = Math.max(maxAbsolute, difference);
      if (expected[i] != 0) {
        maxRelative = Math.max(maxRelative, difference / Math.abs(expected[i]));
      }
    }
    return String.format(
        Locale.ROOT, "%d/%d steps bit-exact, max abs %.2e, max rel %.2e", exact, expected.length, maxAbsolute, maxRelative);
  }
}
