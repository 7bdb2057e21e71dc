package dev.anneal.config;

import static dev.anneal.geometry.Unit.TOKENS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.builder.Schedules;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.config.megatron.MegatronFormat;
import dev.anneal.geometry.MegatronBatchSteps;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Schedule;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One schedule stated in tokens with a batch-size ramp — GPT-3's shape (Brown et al. 2020, Appendix
 * B): a linear warm-up over the first 375M tokens, a cosine to 10 % of the peak over the next 260B
 * tokens, then 10 %, while the batch grows from 32k tokens to 3.2M tokens over the first 12B tokens
 * (the 175B model's end of the paper's 4–12B range), in five steps as Megatron's GPT-3 example
 * writes it — gives the same learning rate and the same global batch at every update of a 300B-token
 * run, whichever way it is written. The reference is the Megatron-LM launch, whose scheduler runs
 * on consumed samples; the sequence length is 1,000 so that every token figure is whole samples
 * (at 2,048, 375M tokens are 183,105.47 samples, which Megatron's sample flags cannot state).
 *
 * <p>Each other way of writing it is a {@link Source}: to add one (the annotations, say), add it to
 * {@link #sources()}.
 */
class TokenScheduleDifferentialTest {
  private static final String BATCH_STEPS = "0:32 2.4B:640 4.8B:1280 7.2B:1920 9.6B:2560 12B:3200";

  /** 32 GPUs, micro-batch 1: every batch is a whole number of micro-batches of 32. */
  private static final String MEGATRON = "torchrun --nproc_per_node 8 --nnodes 4 pretrain_gpt.py \\\n"
      + "    --seq-length 1000 --micro-batch-size 1 \\\n"
      + "    --step-batch-size-schedule \"" + BATCH_STEPS + "\" \\\n"
      + "    --train-samples 300000000 \\\n"
      + "    --lr 6e-5 --min-lr 6e-6 --lr-decay-style cosine \\\n"
      + "    --lr-warmup-samples 375000 --lr-decay-samples 260375000\n";

  private static final String ANNEAL_JSON = """
      {
        "geometry": {"sequence_length": 1000, "batch_steps": "%s"},
        "lr": {
          "clock": "tokens",
          "phases": [
            {"shape": "linear", "from": 0, "to": 6e-5, "steps": {"tokens": 375e6}},
            {"shape": "cosine", "from": 6e-5, "to": 6e-6, "steps": {"tokens": 260e9}},
            {"shape": "constant", "value": 6e-6, "steps": "forever"}
          ]
        }
      }
      """.formatted(BATCH_STEPS);

  /** One way of writing the schedule: its name and the learning rate per update it gives. */
  record Source(String name, Supplier<Schedule> lr) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Source> sources() {
    return Stream.of(
        new Source("Anneal JSON", () -> new AnnealFormat().read(ANNEAL_JSON).plan().lr()),
        new Source("builder", () -> Schedules.linear(0, 6e-5).over(375, TOKENS.millions())
            .then().cosineTo(6e-6).over(260, TOKENS.billions())
            .then().constant().forever()
            .clockedIn(Clock.TOKENS)
            .build(RunGeometry.builder().sequenceLength(1000).batchSchedule(MegatronBatchSteps.parse("batch_steps", BATCH_STEPS, 1000)).build())));
  }

  private static Clocked megatron;
  private static int iterations;

  @BeforeAll
  static void readTheMegatronLaunch() {
    megatron = (Clocked) new MegatronFormat().read(MEGATRON).plan().lr();
    // update_train_iters: the ramp's 12M samples take 75,000 iterations of 32, 3,750 of 640, 1,875 of 1,280, 1,250 of 1,920 and
    // 938 of 2,560 (to 12,001,280 samples), then the rest of the 300M samples 90,000 of 3,200 (the last overshooting by 1,280).
    iterations = Math.toIntExact(megatron.consumption().updatesToReach(Clock.SAMPLES, 300_000_000));
    assertEquals(75_000 + 3_750 + 1_875 + 1_250 + 938 + 90_000, iterations);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void theLearningRateOfEveryUpdateIsMegatrons(Source source) {
    GoldenAssert.assertCurve(source + " lr", megatron.values(0, iterations), source.lr().get().values(0, iterations));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void theGlobalBatchOfEveryUpdateIsMegatrons(Source source) {
    Clocked clocked = (Clocked) source.lr().get();
    long[] expected = new long[iterations];
    long[] actual = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      expected[i] = megatron.consumption().batchOf(i);
      actual[i] = clocked.consumption().batchOf(i);
    }
    assertArrayEquals(expected, actual, source.name());
  }
}
