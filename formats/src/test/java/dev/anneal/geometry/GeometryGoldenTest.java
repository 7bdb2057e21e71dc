package dev.anneal.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The geometry's conversions against the reference runs of {@code golden-geometry}: Megatron's
 * parsed batch-size schedule, the global batch of every iteration and the samples consumed, the
 * iteration count of {@code --train-samples}; the Trainer's loader length, updates per epoch and
 * {@code max_steps}; the PyTorch cases' run length in epochs.
 */
class GeometryGoldenTest {

  static Stream<GoldenCase> megatron() {
    return GoldenCase.all(GoldenSet.GEOMETRY, "megatron");
  }

  static Stream<GoldenCase> transformers() {
    return GoldenCase.all(GoldenSet.GEOMETRY, "transformers");
  }

  static Stream<GoldenCase> pytorch() {
    return GoldenCase.all(GoldenSet.GEOMETRY, "pytorch");
  }

  @ParameterizedTest
  @MethodSource("megatron")
  void megatronBatchOfEveryIterationAndConsumedSamples(GoldenCase golden) {
    JsonNode flags = golden.config().get("flags");
    JsonNode derived = golden.config().get("derived");
    long seq = derived.get("args.seq_length").isNull() ? 0 : derived.get("args.seq_length").asLong();
    RunGeometry.Builder builder = RunGeometry.builder()
        .batchSize(flags.get("--micro-batch-size").asLong())
        .dataParallel(derived.get("data_parallel_size").asLong());
    if (seq > 0) {
      builder.sequenceLength(seq);
    }
    if (flags.has("--step-batch-size-schedule")) {
      BatchSteps steps = MegatronBatchSteps.parse("--step-batch-size-schedule", flags.get("--step-batch-size-schedule").asText(), seq);
      List<List<Long>> parsed = new ArrayList<>();
      steps.entries().forEach(entry -> parsed.add(List.of(entry.threshold(), entry.batch())));
      assertEquals(longPairs(derived.get("schedule_in_samples")), parsed, golden + ": parsed schedule");
      builder.batchSchedule(steps);
    } else {
      // --rampup-batch-size is ignored by Megatron at this commit: the constant --global-batch-size.
      builder.batchSchedule(new ConstantBatch(flags.get("--global-batch-size").asLong()));
    }
    RunGeometry geometry = builder.build();
    long[] batches = globalBatches(golden);
    BatchSchedule schedule = geometry.batchSchedule().orElseThrow();
    long consumed = 0;
    for (int i = 0; i < batches.length; i++) {
      assertEquals(consumed, geometry.samplesAfter(i), golden + ": samples consumed before iteration " + (i + 1));
      assertEquals(batches[i], schedule.batchAt(consumed), golden + ": global batch of iteration " + (i + 1));
      consumed += batches[i];
    }
    assertEquals(derived.get("consumed_samples_after_last_iteration").asLong(), geometry.samplesAfter(batches.length), golden + ": consumed samples");
    if (flags.has("--train-samples")) {
      long samples = flags.get("--train-samples").asLong();
      assertEquals(derived.get("args.train_iters").asLong(), geometry.updatesToReach(samples), golden + ": update_train_iters");
      assertEquals(derived.get("args.train_iters").asLong(), geometry.updates(Length.samples(samples), "steps"), golden + ": samples to updates");
      if (seq > 0) {
        assertEquals(derived.get("args.train_iters").asLong(), geometry.updates(Length.tokens(samples * seq), "steps"), golden + ": tokens to updates");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("transformers")
  void trainerUpdatesPerEpochAndMaxSteps(GoldenCase golden) {
    JsonNode config = golden.config();
    JsonNode args = config.get("TrainingArguments");
    JsonNode derived = config.get("derived");
    RunGeometry geometry = RunGeometry.builder()
        .datasetSize(config.get("dataset_length").asLong())
        .batchSize(args.get("per_device_train_batch_size").asLong())
        .dropLast(args.path("dataloader_drop_last").asBoolean(false))
        .gradientAccumulation(args.path("gradient_accumulation_steps").asLong(1))
        .dataParallel(config.get("world_size").asLong())
        .build();
    assertEquals(derived.get("len_dataloader").asLong(), geometry.loaderBatches().getAsLong(), golden + ": len(train_dataloader)");
    assertEquals(derived.get("num_update_steps_per_epoch").asLong(), geometry.updatesPerEpoch().getAsLong(), golden + ": updates per epoch");
    assertEquals(derived.get("max_steps").asLong(), geometry.updates(Length.epochs(args.get("num_train_epochs").asDouble()), "steps"),
        golden + ": max_steps");
    assertEquals(golden.steps(), derived.get("max_steps").asInt(), golden + ": curve length");
  }

  @ParameterizedTest
  @MethodSource("pytorch")
  void pytorchRunLengthInEpochs(GoldenCase golden) {
    JsonNode config = golden.config();
    RunGeometry geometry = RunGeometry.ofUpdatesPerEpoch(config.get("updates_per_epoch").asLong());
    assertEquals(golden.steps(), geometry.updates(Length.epochs(config.get("epochs").asLong()), "steps"), golden + ": updates");
    assertEquals(config.get("updates_per_epoch").asLong(), geometry.perEpoch("cadence").updates(), golden + ": epoch cadence");
  }

  private static List<List<Long>> longPairs(JsonNode array) {
    List<List<Long>> out = new ArrayList<>();
    array.forEach(pair -> out.add(List.of(pair.get(0).asLong(), pair.get(1).asLong())));
    return out;
  }

  /** The case's {@code global_batch_size} array, which {@link GoldenCase} does not keep. */
  private static long[] globalBatches(GoldenCase golden) {
    String resource = "/" + GoldenSet.GEOMETRY.folder() + "/" + golden.system() + "/" + golden.name() + ".json";
    try (InputStream in = GeometryGoldenTest.class.getResourceAsStream(resource)) {
      JsonNode array = new ObjectMapper().readTree(in).get("global_batch_size");
      long[] out = new long[array.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = array.get(i).asLong();
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
