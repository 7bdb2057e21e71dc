package dev.anneal.config.deepspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.Imported;
import dev.anneal.config.TrainerArguments;
import dev.anneal.config.transformers.TrainerArgumentsReader;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.golden.GoldenSet;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A ds_config's {@code "auto"} values filled from TrainingArguments as transformers' DeepSpeed
 * integration fills them: the golden DeepSpeed warm-up curves come back when every value the
 * integration fills is written {@code "auto"} and the TrainingArguments hold it, and the counts of a
 * golden Trainer run in epochs ({@code max_steps}, {@code num_warmup_steps}) land in the scheduler.
 */
class TrainerAutoFillTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final GoldenInputs DEEPSPEED = GoldenInputs.forSystem("deepspeed");

  /** The golden warm-up schedules whose floor, if written, is 0: the value the integration fills warmup_min_lr with. */
  static Stream<GoldenCase> warmupCases() {
    return GoldenCase.all("deepspeed").filter(golden -> golden.config().get("type").asText().startsWith("Warmup"))
        .filter(golden -> golden.config().get("params").path("warmup_min_lr").asDouble(0) == 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warmupCases")
  void aGoldenCurveWithEveryFilledValueWrittenAutoComesBack(GoldenCase golden) {
    ObjectNode config = tree(DEEPSPEED.configText(golden));
    ObjectNode arguments = MAPPER.createObjectNode();
    JsonNode optimizer = golden.optimizer();
    arguments.set("learning_rate", optimizer.get("lr"));
    arguments.set("adam_beta1", optimizer.get("betas").get(0));
    arguments.set("adam_beta2", optimizer.get("betas").get(1));
    arguments.set("adam_epsilon", optimizer.get("eps"));
    arguments.set("weight_decay", optimizer.get("weight_decay"));
    arguments.put("per_device_train_batch_size", 32);
    arguments.put("world_size", 1);
    ObjectNode params = (ObjectNode) config.get("scheduler").get("params");
    arguments.put("max_steps", params.has("total_num_steps") ? params.get("total_num_steps").asLong() : golden.steps());
    arguments.set("warmup_steps", params.get("warmup_num_steps"));
    for (String key : List.of("lr", "betas", "eps", "weight_decay")) {
      ((ObjectNode) config.get("optimizer").get("params")).put(key, "auto");
    }
    for (String key : List.of("total_num_steps", "warmup_num_steps", "warmup_max_lr", "warmup_min_lr")) {
      if (params.has(key)) {
        params.put(key, "auto");
      }
    }
    config.put("train_batch_size", "auto");
    config.put("gradient_accumulation_steps", "auto");

    TrainerAutoFill.Filled filled = TrainerAutoFill.fill(config.toString(), TrainerArgumentsReader.read(arguments.toString()));
    Imported imported = new DeepSpeedFormat().read(filled.text());

    GoldenAssert.assertCurve(golden + " lr", golden.lr(), imported.plan().lr().values(0, golden.steps()));
    assertEquals(List.of(), filled.warnings());
  }

  /**
   * A Trainer run in epochs (golden-geometry {@code trainer-linear-3-epochs}: 939 updates, warm-up
   * 94, both recorded by the real run) fills every key the integration knows; the values below are
   * the case's TrainingArguments and TrainingArguments' defaults, written out by hand.
   */
  @Test
  void everyKeyTheIntegrationKnowsIsFilled() {
    String arguments = GoldenInputs.forSystem("transformers")
        .configText(GoldenCase.named(GoldenSet.GEOMETRY, "transformers", "trainer-linear-3-epochs"));
    String config = """
        {"train_batch_size": "auto", "train_micro_batch_size_per_gpu": "auto", "gradient_accumulation_steps": "auto",
         "gradient_clipping": "auto",
         "optimizer": {"type": "AdamW", "params": {"lr": "auto", "betas": "auto", "eps": "auto", "weight_decay": "auto"}},
         "scheduler": {"type": "WarmupDecayLR", "params": {"warmup_min_lr": "auto", "warmup_max_lr": "auto",
           "warmup_num_steps": "auto", "total_num_steps": "auto", "warmup_type": "linear"}},
         "fp16": {"enabled": "auto"}, "bf16": {"enabled": "auto"}, "zero_optimization": {"stage": 2}}""";

    TrainerAutoFill.Filled filled = TrainerAutoFill.fill(config, TrainerArgumentsReader.read(arguments));

    assertEquals(tree("""
        {"train_batch_size": 32, "train_micro_batch_size_per_gpu": 32, "gradient_accumulation_steps": 1,
         "gradient_clipping": 1.0,
         "optimizer": {"type": "AdamW", "params": {"lr": 5e-05, "betas": [0.9, 0.999], "eps": 1e-08, "weight_decay": 0.0}},
         "scheduler": {"type": "WarmupDecayLR", "params": {"warmup_min_lr": 0, "warmup_max_lr": 5e-05,
           "warmup_num_steps": 94, "total_num_steps": 939, "warmup_type": "linear"}},
         "fp16": {"enabled": false}, "bf16": {"enabled": false}, "zero_optimization": {"stage": 2}}"""), tree(filled.text()));
    assertEquals(List.of(), filled.warnings());
  }

  @Test
  void aValueThatDiffersFromTheTrainersIsRefusedAsUpstreamRaises() {
    String config = """
        {"train_batch_size": 64, "gradient_accumulation_steps": 1, "gradient_clipping": 1,
         "optimizer": {"type": "AdamW", "params": {"lr": 0.001, "betas": [0.9, 0.999]}},
         "scheduler": {"type": "WarmupLR", "params": {"warmup_min_lr": 1e-06, "warmup_max_lr": "auto", "warmup_num_steps": 100}}}""";
    TrainerArguments arguments = TrainerArgumentsReader.read(
        "{\"learning_rate\": 5e-05, \"max_steps\": 1000, \"warmup_ratio\": 0.05, \"per_device_train_batch_size\": 16, \"world_size\": 2}");

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> TrainerAutoFill.fill(config, arguments));

    assertEquals(List.of(
        "[TrainerMismatch] train_batch_size: train_batch_size is 64, but the TrainingArguments give train_batch_size (calculated) = 32:"
            + " the transformers integration (trainer_config_finalize) raises ValueError: Please correct the following DeepSpeed config"
            + " values that mismatch TrainingArguments values; set train_batch_size to \"auto\" or to 32",
        "[TrainerMismatch] optimizer.params.lr: optimizer.params.lr is 0.001, but the TrainingArguments give learning_rate = 5.0E-5:"
            + " the transformers integration (trainer_config_finalize) raises ValueError: Please correct the following DeepSpeed config"
            + " values that mismatch TrainingArguments values; set optimizer.params.lr to \"auto\" or to 5.0E-5",
        "[TrainerMismatch] scheduler.params.warmup_num_steps: scheduler.params.warmup_num_steps is 100, but the TrainingArguments give"
            + " warmup_steps = 50: the transformers integration (trainer_config_finalize) raises ValueError: Please correct the"
            + " following DeepSpeed config values that mismatch TrainingArguments values; set scheduler.params.warmup_num_steps to"
            + " \"auto\" or to 50"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void theTrainBatchSizeNeedsTheWorldSize() {
    TrainerArguments arguments = TrainerArgumentsReader.read("{\"learning_rate\": 5e-05, \"max_steps\": 1000}");

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> TrainerAutoFill.fill("{\"train_batch_size\": \"auto\"}", arguments));

    assertEquals(List.of("[TrainerFigureMissing] train_batch_size: train_batch_size (\"auto\") is filled or checked by the transformers"
            + " integration with world_size × per_device_train_batch_size × gradient_accumulation_steps, which needs world_size: add"
            + " world_size to the TrainingArguments (the number of processes the run is launched on, 1 on a single device)"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void aWorldSizeBelowOneIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> TrainerArgumentsReader.read("{\"learning_rate\": 5e-05, \"max_steps\": 1000, \"world_size\": 0}"));

    assertEquals(List.of("[NonPositiveLength] world_size: world_size (0) must be at least 1"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void anAutoTheArgumentsCannotFillIsNamed() {
    TrainerArguments arguments = TrainerArgumentsReader.read("{\"learning_rate\": 5e-05, \"max_steps\": 1000}");

    TrainerAutoFill.Filled filled = TrainerAutoFill.fill(
        "{\"zero_optimization\": {\"stage\": 3, \"reduce_bucket_size\": \"auto\"}, \"steps_per_print\": \"auto\"}", arguments);

    assertEquals(List.of(
        "[AutoNotFilled] zero_optimization.reduce_bucket_size: zero_optimization.reduce_bucket_size stays \"auto\": the transformers"
            + " integration fills it from the model's hidden size, which the TrainingArguments do not hold; DeepSpeed alone fails on"
            + " the string, so write the value before running it without Trainer",
        "[AutoNotFilled] steps_per_print: steps_per_print stays \"auto\": the transformers integration does not fill it from the"
            + " TrainingArguments; DeepSpeed alone fails on the string, so write the value before running it without Trainer"),
        filled.warnings().stream().map(Violation::toString).toList());
  }

  @Test
  void anAutoInTheSchedulerTheIntegrationLeavesIsStillRefusedWhenRead() {
    TrainerArguments arguments = TrainerArgumentsReader.read("{\"learning_rate\": 5e-05, \"max_steps\": 1000}");
    TrainerAutoFill.Filled filled = TrainerAutoFill.fill(
        "{\"scheduler\": {\"type\": \"WarmupLR\", \"params\": {\"warmup_num_steps\": \"auto\", \"warmup_type\": \"auto\"}}}", arguments);

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> new DeepSpeedFormat().read(filled.text()));

    assertEquals(List.of("[AutoValue] scheduler.params.warmup_type: warmup_type is \"auto\", a placeholder the transformers Trainer"
            + " replaces only for lr, betas, eps and weight_decay of the optimizer and warmup_min_lr, warmup_max_lr, warmup_num_steps"
            + " and total_num_steps of the scheduler, not for this key; DeepSpeed itself fails on the string: write the value"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void pythonEqualityComparesNumbersByValue() {
    assertEquals(true, TrainerAutoFill.equalInPython(tree("{\"a\": 1}").get("a"), tree("{\"a\": 1.0}").get("a")));
    assertEquals(true, TrainerAutoFill.equalInPython(tree("{\"a\": true}").get("a"), tree("{\"a\": 1}").get("a")));
    assertEquals(false, TrainerAutoFill.equalInPython(tree("{\"a\": [0.9, 0.95]}").get("a"), tree("{\"a\": [0.9, 0.999]}").get("a")));
    assertEquals(false, TrainerAutoFill.equalInPython(tree("{\"a\": \"1\"}").get("a"), tree("{\"a\": 1}").get("a")));
  }

  private static ObjectNode tree(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
