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
import dev.anneal.golden.TokenScheduleSources;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Schedule;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One schedule stated in tokens with a batch-size ramp ({@link TokenScheduleSources}: GPT-3's
 * shape) gives the same learning rate and the same global batch at every update of a 300B-token
 * run, whichever way it is written. The reference is the Megatron-LM launch.
 *
 * <p>Each other way of writing it is a {@link Source}: to add one, add it to {@link #sources()}.
 * The annotations' way is in the processor's tests ({@code TokenScheduleAnnotationDifferentialTest}),
 * which compile it and read the same {@link TokenScheduleSources}.
 */
class TokenScheduleDifferentialTest {
  /** One way of writing the schedule: its name and the learning rate per update it gives. */
  record Source(String name, Supplier<Schedule> lr) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Source> sources() {
    return Stream.of(
        new Source("Anneal JSON", () -> new AnnealFormat().read(TokenScheduleSources.ANNEAL_JSON).plan().lr()),
        new Source("builder", () -> Schedules.linear(0, 6e-5).over(375, TOKENS.millions())
            .then().cosineTo(6e-6).over(260, TOKENS.billions())
            .then().constant().forever()
            .clockedIn(Clock.TOKENS)
            .build(RunGeometry.builder().sequenceLength(TokenScheduleSources.SEQUENCE_LENGTH)
                .batchSchedule(MegatronBatchSteps.parse("batch_steps", TokenScheduleSources.BATCH_STEPS, TokenScheduleSources.SEQUENCE_LENGTH)).build())));
  }

  private static Clocked megatron;
  private static int iterations;

  @BeforeAll
  static void readTheMegatronLaunch() {
    megatron = (Clocked) new MegatronFormat().read(TokenScheduleSources.MEGATRON).plan().lr();
    iterations = Math.toIntExact(megatron.consumption().updatesToReach(Clock.SAMPLES, 300_000_000));
    assertEquals(TokenScheduleSources.ITERATIONS, iterations, "update_train_iters, worked out in TokenScheduleSources.ITERATIONS");
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
