package dev.anneal.config.transformers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.golden.GoldenSet;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transformers case of the edge set (inputs upstream runs that are unusual: fractional
 * cycles, a warm-up past the total, a timescale below the warm-up, a WSD cosine decay that comes
 * back up, {@code get_scheduler} dropping kwargs) matches upstream at every step within the golden
 * tolerance: once as the config the harness hands {@code anneal curve}, and once as the {@code
 * TrainingArguments} a Trainer user writes, where {@code get_scheduler} reaches the function with
 * these arguments.
 */
class TransformersEdgeGoldenTest {
  private static final GoldenInputs INPUTS = GoldenInputs.forSystem("transformers");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<GoldenCase> cases() {
    return GoldenCase.all(GoldenSet.EDGE, "transformers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void learningRateMatchesUpstreamAtEveryStep(GoldenCase golden) {
    Imported imported = Formats.byName(INPUTS.format()).read(INPUTS.configText(golden));

    GoldenAssert.assertCurve(golden + " lr", golden.lr(), imported.plan().lr().values(0, golden.steps()));
    assertEquals(1, imported.plan().channels().size(), "transformers schedules the learning rate only");
  }

  /**
   * The case as TrainingArguments fields: {@code lr_scheduler_type} for the function, {@code
   * warmup_steps} and {@code max_steps} for what get_scheduler passes itself, the rest in {@code
   * lr_scheduler_kwargs}; under transformers 4 where its get_scheduler passes every argument, else
   * under 5 (whose get_scheduler hands inverse_sqrt its kwargs), else not at all.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void trainingArgumentsFormMatchesUpstreamWhereGetSchedulerReachesTheFunction(GoldenCase golden) {
    Optional<ObjectNode> config = trainingArguments(golden);
    if (config.isEmpty()) {
      return;
    }
    Imported imported = new TransformersFormat().read(config.get().toString());

    GoldenAssert.assertCurve(golden + " lr via " + config.get(), golden.lr(), imported.plan().lr().values(0, golden.steps()));
  }

  @Test
  void everyCaseIsThereAndEachReachesTrainingArguments() {
    assertEquals(6, cases().count());
    assertEquals(6, cases().map(TransformersEdgeGoldenTest::trainingArguments).filter(Optional::isPresent).count());
  }

  private static Optional<ObjectNode> trainingArguments(GoldenCase golden) {
    ObjectNode config = MAPPER.createObjectNode();
    ObjectNode kwargs;
    TransformersFunction function;
    if (golden.kind().equals(FunctionCallReader.GET_SCHEDULER)) {
      // Already the call Trainer makes: its own curve is transformers 4's (the golden source).
      function = TransformersFunction.bySchedulerType(golden.config().get("name").asText()).orElseThrow();
      kwargs = golden.config().has("scheduler_specific_kwargs")
          ? (ObjectNode) golden.config().get("scheduler_specific_kwargs").deepCopy()
          : MAPPER.createObjectNode();
      config.put(TransformersVersion.KEY, "4");
      copy(golden.config(), "num_warmup_steps", config, "warmup_steps");
      copy(golden.config(), "num_training_steps", config, "max_steps");
    } else {
      function = TransformersFunction.byFunctionName(golden.kind()).orElseThrow();
      kwargs = golden.config().deepCopy();
      config.set("warmup_steps", kwargs.remove("num_warmup_steps"));
      if (kwargs.has("num_training_steps")) {
        config.set("max_steps", kwargs.remove("num_training_steps"));
      }
      Optional<TransformersVersion> version = versionReaching(function, kwargs);
      if (version.isEmpty()) {
        return Optional.empty();
      }
      config.put(TransformersVersion.KEY, version.get().major());
    }
    config.set("learning_rate", golden.optimizer().get("lr"));
    config.put("lr_scheduler_type", function.schedulerType());
    if (!kwargs.isEmpty()) {
      config.set("lr_scheduler_kwargs", kwargs);
    }
    return Optional.of(config);
  }

  /** The first version whose get_scheduler hands the function these kwargs (none needed: any version). */
  private static Optional<TransformersVersion> versionReaching(TransformersFunction function, ObjectNode kwargs) {
    for (TransformersVersion version : TransformersVersion.values()) {
      TransformersFunction.Passes passes = function.passes(version);
      boolean kwargsReach = passes != TransformersFunction.Passes.NOTHING && passes != TransformersFunction.Passes.WARMUP;
      if (kwargs.isEmpty() || kwargsReach) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }

  private static void copy(JsonNode from, String key, ObjectNode to, String as) {
    if (from.has(key)) {
      to.set(as, from.get(key));
    }
  }
}
