package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --training-args}: a ds_config whose {@code "auto"} values transformers' DeepSpeed integration
 * fills, drawn by {@code anneal curve} and written whole, with nothing left {@code "auto"}, by {@code
 * anneal convert}. The Trainer run is golden-geometry's {@code trainer-linear-3-epochs} (10,000
 * examples, batch 32, 3 epochs: 939 updates, warm-up ceil(939 × 0.1) = 94, recorded by the real run);
 * the expected values are worked by hand from DeepSpeed's WarmupDecayLR with a linear warm-up.
 */
class TrainingArgsCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String ARGS = """
      {"num_train_epochs": 3, "per_device_train_batch_size": 32, "gradient_accumulation_steps": 1, "warmup_ratio": 0.1,
       "lr_scheduler_type": "linear", "dataloader_drop_last": false, "learning_rate": 5e-05,
       "dataset_length": 10000, "world_size": 1}
      """;

  private static final String DS_CONFIG = """
      {"train_batch_size": "auto", "train_micro_batch_size_per_gpu": "auto", "gradient_accumulation_steps": "auto",
       "optimizer": {"type": "AdamW", "params": {"lr": "auto", "betas": "auto", "eps": "auto", "weight_decay": "auto"}},
       "scheduler": {"type": "WarmupDecayLR", "params": {"warmup_min_lr": "auto", "warmup_max_lr": "auto",
         "warmup_num_steps": "auto", "total_num_steps": "auto", "warmup_type": "linear"}},
       "zero_optimization": {"stage": 2}}
      """;

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void curveDrawsTheScheduleTheTrainerFills() throws IOException {
    Path config = file("ds_config.json", DS_CONFIG);
    Path args = file("args.json", ARGS);

    Anneal.Result result = Anneal.run("curve", config.toString(), "--training-args", args.toString(), "--steps", "941");

    assertEquals(0, result.exitCode(), () -> String.join("\n", result.err()));
    // DeepSpeed's WarmupDecayLR runs one update late (its first two updates use warmup_min_lr): step s has the formula's value at s - 1.
    List<String> out = result.out();
    assertEquals("0\t0.0", out.get(0));
    assertEquals("1\t0.0", out.get(1));
    assertEquals("48\t2.5E-5", out.get(48)); // 47 / 94 of the way to 5e-05
    assertEquals("95\t5.0E-5", out.get(95)); // the peak, learning_rate, after warmup_num_steps (94)
    assertEquals(5e-05 * (939 - 516) / (939 - 94), Double.parseDouble(out.get(517).split("\t")[1]), 1e-18);
    assertEquals("940\t0.0", out.get(940)); // total_num_steps (939): the decay reaches 0
  }

  @Test
  void convertWritesTheDsConfigWithNoAutoLeft() throws IOException {
    Path config = file("ds_config.json", DS_CONFIG);
    Path args = file("args.json", ARGS);
    Path written = dir.resolve("ds_config.filled.json");

    Anneal.Result result = Anneal.run("convert", config.toString(), "--training-args", args.toString(), "--to", "deepspeed",
        "--output", written.toString());

    assertEquals(List.of("wrote " + written + " (deepspeed)"), result.out());
    assertEquals(List.of(
        config + ": [TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr (0): DeepSpeed sets"
            + " it at construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one"
            + " update late",
        config + ": [FirstUpdateAtZero] scheduler.params.warmup_min_lr: the first update uses a learning rate of 0 (warmup_min_lr is 0);"
            + " it changes nothing",
        config + ": [IgnoredSetting] train_batch_size: ignored: the scheduler steps once per optimizer update, whatever the batch size",
        config + ": [IgnoredSetting] train_micro_batch_size_per_gpu: ignored: the scheduler steps once per optimizer update, whatever"
            + " the batch size",
        config + ": [IgnoredSetting] gradient_accumulation_steps: ignored: the scheduler steps once per optimizer update, whatever the"
            + " batch size",
        config + ": [IgnoredSetting] zero_optimization: ignored: ZeRO partitioning does not change the schedule"), result.err());
    assertEquals(0, result.exitCode());
    String text = Files.readString(written);
    assertFalse(text.contains("auto"), text);
    assertEquals(MAPPER.readTree("""
        {"train_batch_size": 32, "train_micro_batch_size_per_gpu": 32, "gradient_accumulation_steps": 1,
         "optimizer": {"type": "AdamW", "params": {"lr": 5e-05, "betas": [0.9, 0.999], "eps": 1e-08, "weight_decay": 0.0}},
         "scheduler": {"type": "WarmupDecayLR", "params": {"warmup_min_lr": 0, "warmup_max_lr": 5e-05,
           "warmup_num_steps": 94, "total_num_steps": 939, "warmup_type": "linear"}},
         "zero_optimization": {"stage": 2}}"""), MAPPER.readTree(text));
    // What convert wrote is a ds_config DeepSpeed reads alone.
    assertEquals(0, Anneal.run("curve", written.toString(), "--steps", "10").exitCode());
  }

  @Test
  void aValueTheTrainerWouldRefuseIsNamedAtTheConfig() throws IOException {
    Path config = file("ds_config.json", DS_CONFIG.replace("\"warmup_num_steps\": \"auto\"", "\"warmup_num_steps\": 100"));
    Path args = file("args.json", ARGS);

    Anneal.Result result = Anneal.run("convert", config.toString(), "--training-args", args.toString(), "--to", "deepspeed");

    assertEquals(List.of(config + ": [TrainerMismatch] scheduler.params.warmup_num_steps: scheduler.params.warmup_num_steps is 100, but"
        + " the TrainingArguments give warmup_steps = 94: the transformers integration (trainer_config_finalize) raises ValueError:"
        + " Please correct the following DeepSpeed config values that mismatch TrainingArguments values; set"
        + " scheduler.params.warmup_num_steps to \"auto\" or to 94"), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void argumentsWithoutTheDataFiguresSayWhichKeysToAdd() throws IOException {
    Path config = file("ds_config.json", DS_CONFIG);
    Path args = file("args.json", "{\"num_train_epochs\": 3, \"learning_rate\": 5e-05}");

    Anneal.Result result = Anneal.run("curve", config.toString(), "--training-args", args.toString());

    assertEquals(List.of(args + ": [MissingKey] max_steps: missing required key 'max_steps' (the DeepSpeed integration fills"
        + " total_num_steps and warmup_num_steps with the run's updates; with max_steps -1 Trainer counts them from num_train_epochs"
        + " and the length of the training data: add dataset_length (len(train_dataset)) and world_size (the number of processes),"
        + " or max_steps)"), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void onlyADeepSpeedConfigHasAutoValues() throws IOException {
    Path config = file("ds_config.json", DS_CONFIG);
    Path args = file("args.json", ARGS);

    Anneal.Result result = Anneal.run("curve", config.toString(), "--format", "transformers", "--training-args", args.toString());

    assertEquals(List.of("[TrainingArgsNeedDeepspeed] --format: --training-args fill the \"auto\" values of a DeepSpeed config, but"
        + " --format names transformers; give the ds_config and leave --format out or set it to deepspeed, or leave --training-args"
        + " out"), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void withoutTheArgumentsAutoStaysRefused() throws IOException {
    Path config = file("ds_config.json", DS_CONFIG);

    Anneal.Result result = Anneal.run("curve", config.toString());

    assertEquals(config + ": [AutoValue] optimizer.params.lr: lr is \"auto\", a placeholder the transformers Trainer replaces by"
        + " TrainingArguments.learning_rate; DeepSpeed itself fails on the string: write the value", result.err().get(0));
    assertEquals(2, result.exitCode());
  }
}
