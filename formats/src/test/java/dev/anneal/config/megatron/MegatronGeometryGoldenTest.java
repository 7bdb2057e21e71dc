package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.geometry.BatchSteps;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.golden.GoldenSet;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with Megatron-LM's batch-size schedules ({@code golden-geometry/megatron}): every case run
 * through {@code megatron/training}, read through the {@code megatron} format from its launch line
 * and flags, gives the learning rate, the weight decay and the global batch Megatron used at every
 * iteration, and the figures Megatron derived (data-parallel size, the global batch it falls back
 * to, the iterations of {@code --train-samples}, the schedule in samples, the samples consumed).
 * The one case Megatron reaches only through {@code megatron.core} ({@code seq_length=None}) is
 * not reachable from flags: {@code AnnealClockGoldenTest} runs it through Anneal JSON.
 */
class MegatronGeometryGoldenTest {
  private static final GoldenInputs INPUTS = GoldenInputs.forSystem("megatron");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<GoldenCase> cases() {
    return GoldenCase.all(GoldenSet.GEOMETRY, "megatron").filter(golden -> !golden.config().get("launch").has("entry"));
  }

  private static Imported read(GoldenCase golden) {
    return Formats.byName(INPUTS.format()).read(INPUTS.configText(golden));
  }

  /** {@code global_batch_size} of the case's file, which {@link GoldenCase} does not hold. */
  static long[] globalBatches(GoldenCase golden) {
    String resource = "/" + golden.set().folder() + "/" + golden.system() + "/" + golden.name() + ".json";
    try (InputStream in = MegatronGeometryGoldenTest.class.getResourceAsStream(resource)) {
      JsonNode batches = MAPPER.readTree(in).get("global_batch_size");
      long[] out = new long[batches.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = batches.get(i).longValue();
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void learningRateIsMegatrons(GoldenCase golden) {
    GoldenAssert.assertCurve(golden + " lr", golden.lr(), read(golden).plan().lr().values(0, golden.steps()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void weightDecayIsMegatrons(GoldenCase golden) {
    double[] expected = golden.weightDecay();
    if (expected == null) {
      expected = new double[golden.steps()];
      Arrays.fill(expected, golden.config().get("OptimizerParamScheduler").get("end_wd").doubleValue());
    }
    GoldenAssert.assertCurve(golden + " weight_decay", expected, read(golden).plan().channel(Plan.WEIGHT_DECAY).values(0, golden.steps()));
  }

  /** The batch of each iteration: the schedule's, looked up at the samples consumed before it; a constant batch otherwise. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void globalBatchOfEveryIterationIsMegatrons(GoldenCase golden) {
    long[] expected = globalBatches(golden);
    Schedule lr = read(golden).plan().lr();
    long[] actual = new long[expected.length];
    if (lr instanceof Clocked clocked) {
      for (int i = 0; i < actual.length; i++) {
        actual[i] = clocked.consumption().batchOf(i);
      }
    } else {
      // No schedule (the ignored --rampup-batch-size): the plan counts samples of --global-batch-size every iteration.
      Arrays.fill(actual, golden.config().get("derived").get("args.global_batch_size").longValue());
      assertFalse(golden.config().get("flags").has(MegatronGeometry.SCHEDULE));
    }
    assertArrayEquals(expected, actual, golden.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void derivedFiguresAreMegatrons(GoldenCase golden) {
    JsonNode derived = golden.config().get("derived");
    String text = INPUTS.configText(golden);
    SchedulerSettings settings = MegatronFormat.settings(text);
    assertEquals(derived.get("args.train_iters").longValue(), settings.trainIters(), "train_iters");
    var geometry = MegatronFormat.geometry(text);
    if (geometry.isEmpty()) {
      assertEquals(0, derived.get("schedule_in_samples").size());
      assertEquals(derived.get("consumed_samples_after_last_iteration").longValue(), settings.trainIters() * settings.increment());
      return;
    }
    MegatronGeometry g = geometry.get();
    // The plan ends where Megatron's training does: the update count, not the samples the clock counts.
    assertEquals(derived.get("args.train_iters").longValue(), MegatronFormat.settings(text).trainIters());
    assertEquals(derived.get("args.train_iters").longValue(), Formats.byName(INPUTS.format()).read(text).plan().lr().declaredEnd().orElseThrow());
    assertEquals(derived.get("data_parallel_size").longValue(), g.dataParallel(), "data_parallel_size");
    assertEquals(derived.get("args.global_batch_size").longValue(), g.base(), "args.global_batch_size");
    assertEquals(derived.get("args.seq_length").longValue(), g.sequenceLength(), "args.seq_length");
    JsonNode schedule = derived.get("schedule_in_samples");
    assertEquals(schedule.size(), g.steps().entries().size());
    for (int i = 0; i < schedule.size(); i++) {
      assertEquals(new BatchSteps.Entry(schedule.get(i).get(0).longValue(), schedule.get(i).get(1).longValue()), g.steps().entries().get(i));
    }
    // After the last iteration recorded: the GPT-3 example cases record the first 3,000 of 500,000.
    assertEquals(derived.get("consumed_samples_after_last_iteration").longValue(), g.consumption().samplesBefore(golden.steps()));
  }

  /** The scheduler's constructor arguments, in samples, as get_optimizer_param_scheduler passed them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void flagsBecomeMegatronsConstructorArguments(GoldenCase golden) {
    SchedulerSettings settings = MegatronFormat.settings(INPUTS.configText(golden));
    JsonNode kwargs = golden.config().get("OptimizerParamScheduler");
    assertEquals(kwargs.get("max_lr").doubleValue(), settings.maxLr());
    assertEquals(kwargs.get("min_lr").doubleValue(), settings.minLr());
    assertEquals(kwargs.get("lr_warmup_steps").doubleValue(), settings.warmupSteps());
    assertEquals(kwargs.get("lr_decay_steps").longValue(), settings.decaySteps());
    assertEquals(kwargs.get("wd_incr_steps").longValue(), settings.wdIncrSteps());
    assertTrue(kwargs.get("lr_decay_style").textValue().equals(settings.decayStyle().upstreamName()));
  }
}
