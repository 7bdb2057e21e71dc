package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.anneal.builder.Schedules;
import dev.anneal.config.Formats;
import dev.anneal.geometry.BatchRamp;
import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.TokenScheduleSources;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Schedule;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The annotation leg of formats' {@code TokenScheduleDifferentialTest}: the GPT-3-like schedule in
 * tokens with a batch ramp of {@link TokenScheduleSources}, written as annotations ({@code clock =
 * Clock.TOKENS}, {@code @Geometry(batchSteps = …)}), gives Megatron-LM's learning rate and global
 * batch at every update of the run, and the Anneal JSON's bit for bit. A second schedule, clocked in
 * samples over a linear ramp, equals the builder's {@link Clocked} bit for bit on both sides of
 * every phase boundary and at sampled updates, through {@code valueAt} and the stepper.
 */
class TokenScheduleAnnotationDifferentialTest {
  /** The schedule of TokenScheduleSources.ANNEAL_JSON, as annotations; its figures are the shared ones. */
  private static final String GPT3 = """
      @TrainingSchedule(
          clock = Clock.TOKENS,
          geometry = @Geometry(sequenceLength = %d, batchSteps = "%s"),
          phases = {
              @PhaseSpec(shape = LINEAR, steps = "375e6", unit = Unit.TOKENS, from = "0", to = "6e-5"),
              @PhaseSpec(shape = COSINE, steps = "260e9", unit = Unit.TOKENS, to = "6e-6"),
              @PhaseSpec(shape = CONSTANT, steps = "forever", value = "6e-6")})
      @SuppressWarnings("anneal")
      interface Gpt3 {}
      """.formatted(TokenScheduleSources.SEQUENCE_LENGTH, TokenScheduleSources.BATCH_STEPS);

  /** A ramp from 32 to 512 samples in steps of 32 over 1M samples; bare lengths count samples; failing past the end. */
  private static final String RAMP = """
      @TrainingSchedule(
          clock = Clock.SAMPLES,
          afterEnd = AfterEnd.FAIL,
          geometry = @Geometry(sequenceLength = 2048, rampStart = 32, rampIncrement = 32, rampFull = 512, rampTokens = 2_048_000_000L),
          phases = {
              @PhaseSpec(shape = LINEAR, steps = "200_000", from = "0", to = "1e-3"),
              @PhaseSpec(shape = COSINE, steps = "4_096_000_000", unit = Unit.TOKENS, to = "1e-5"),
              @PhaseSpec(shape = CONSTANT, steps = "500_000")})
      @SuppressWarnings("anneal")
      interface Ramp {}
      """;

  /** A plateau (PyTorch's defaults, as the builder's) on a clock: the stepper's observe reaches the phase active at the update's position. */
  private static final String PLATEAU = """
      @TrainingSchedule(
          clock = Clock.SAMPLES,
          geometry = @Geometry(rampStart = 32, rampIncrement = 32, rampFull = 128, rampSamples = 3_000),
          phases = {
              @PhaseSpec(shape = CONSTANT, steps = "1_000", value = "0.1"),
              @PhaseSpec(shape = PLATEAU, steps = PhaseSpec.FOREVER)})
      interface RampPlateau {}
      """;

  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    Compilation compilation = Compile.compile(JavaFileObjects.forSourceString("test.Clocked", Compile.HEADER
        + "import dev.anneal.geometry.Unit;\nimport dev.anneal.schedule.AfterEnd;\nimport dev.anneal.schedule.Clock;\n\n" + GPT3 + "\n" + RAMP + "\n" + PLATEAU),
        Compile.source("StepRun", """
            @TrainingSchedule(geometry = @Geometry(sequenceLength = 1000, batchSteps = "0:32 2.4B:640 12B:3200"), phases = {
                @PhaseSpec(shape = LINEAR, steps = "warmupTokens", unit = dev.anneal.geometry.Unit.TOKENS, from = "0", to = "peak"),
                @PhaseSpec(shape = COSINE, steps = "decayTokens", unit = dev.anneal.geometry.Unit.TOKENS, to = "peak / 10")})
            @SuppressWarnings("anneal")""", "public record StepRun(double peak, long warmupTokens, long decayTokens) {}"));
    assertEquals(List.of(), Compile.diagnostics(compilation), "the sources compile without any diagnostic, -Xlint:all included");
    loader = Compile.classes(compilation);
  }

  private static Schedule generated(String name) throws ReflectiveOperationException {
    return (Schedule) loader.loadClass("test." + name).getField("SCHEDULE").get(null);
  }

  private static Clocked interpreted(Schedule generated) throws ReflectiveOperationException {
    return (Clocked) generated.getClass().getMethod("interpreted").invoke(generated);
  }

  @Test
  void theAnnotationsGiveMegatronsLearningRateAndBatchAtEveryUpdate() throws Exception {
    Clocked megatron = (Clocked) Formats.byName("megatron").read(TokenScheduleSources.MEGATRON).plan().lr();
    Schedule json = Formats.byName("anneal").read(TokenScheduleSources.ANNEAL_JSON).plan().lr();
    Schedule annotations = generated("Gpt3Schedule");
    int iterations = TokenScheduleSources.ITERATIONS;
    double[] values = annotations.values(0, iterations);
    GoldenAssert.assertCurve("annotations lr", megatron.values(0, iterations), values);
    assertArrayEquals(json.values(0, iterations), values, "the Anneal JSON's lr, bit for bit");
    Clocked ours = interpreted(annotations);
    long[] expected = new long[iterations];
    long[] actual = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      expected[i] = megatron.consumption().batchOf(i);
      actual[i] = ours.consumption().batchOf(i);
    }
    assertArrayEquals(expected, actual, "the global batch of every update");
  }

  @Test
  void aClockedRampEqualsTheBuildersClockedSchedule() throws Exception {
    // rampTokens 2,048,000,000 / 2,048 = 1,000,000 samples; 4,096,000,000 tokens are 2,000,000 samples.
    RunGeometry geometry = RunGeometry.builder().sequenceLength(2048).batchSchedule(new BatchRamp(32, 32, 1_000_000, 512)).build();
    Clocked built = Schedules.linear(0, 1e-3).over(200_000)
        .then().cosineTo(1e-5).over(Length.tokens(4_096_000_000L))
        .then().constant().over(500_000)
        .afterEnd(AfterEnd.FAIL)
        .clockedIn(Clock.SAMPLES)
        .build(geometry);
    Schedule annotations = generated("RampSchedule");
    assertEquals(built.consumption(), interpreted(annotations).consumption());
    long end = built.declaredEnd().getAsLong();
    assertEquals(end, annotations.declaredEnd().getAsLong());
    TreeSet<Long> steps = new TreeSet<>();
    for (long boundary : new long[] {0, 200_000, 2_200_000, 2_700_000}) {
      long update = built.consumption().updatesToReach(Clock.SAMPLES, boundary);
      for (long step = Math.max(0, update - 1); step <= Math.min(end - 1, update + 1); step++) {
        steps.add(step);
      }
    }
    for (long step = 0; step < end; step += 97) {
      steps.add(step);
    }
    for (long step : steps) {
      assertEquals(built.valueAt(step), annotations.valueAt(step), "valueAt(" + step + ")");
    }
    InvalidScheduleException past = assertThrows(InvalidScheduleException.class, () -> annotations.valueAt(end));
    assertEquals(assertThrows(InvalidScheduleException.class, () -> built.valueAt(end)).getMessage(), past.getMessage());
  }

  @Test
  void aRecordsLengthsInTokensResolveAgainstTheBatchStepsAsTheBuildersDo() throws Exception {
    Class<?> run = loader.loadClass("test.StepRun");
    Object config = run.getDeclaredConstructors()[0].newInstance(6e-4, 375_000_000L, 26_000_000_000L);
    Schedule generated = (Schedule) loader.loadClass("test.StepRunSchedule").getMethod("of", run).invoke(null, config);
    RunGeometry geometry = RunGeometry.builder().sequenceLength(1000)
        .batchSchedule(dev.anneal.geometry.MegatronBatchSteps.parse("batch_steps", "0:32 2.4B:640 12B:3200", 1000)).build();
    var built = Schedules.linear(0, 6e-4).over(Length.tokens(375_000_000)).then().cosineTo(6e-4 / 10).over(Length.tokens(26_000_000_000L)).build(geometry);
    // 375M tokens are 375,000 samples: 11,719 updates of 32 (the last overshooting). The cosine ends where 26.375M samples are
    // consumed: 75,000 updates of 32 reach 2.4M samples, 15,000 of 640 reach 12M, ceil(14.375M / 3,200) = 4,493 more.
    assertEquals(List.of(11_719L, 75_000L + 15_000 + 4_493 - 11_719), built.phases().stream().map(p -> p.steps()).toList());
    assertEquals(built.phases(), generated.phases());
    for (long step = 0; step < 100_000; step += 13) {
      assertEquals(built.valueAt(step), generated.valueAt(step), "valueAt(" + step + ")");
    }
  }

  @Test
  void aClockedPlateausStepperObservesAsTheBuildersClockedSchedule() throws Exception {
    RunGeometry geometry = RunGeometry.builder().batchSchedule(new BatchRamp(32, 32, 3_000, 128)).build();
    Clocked built = Schedules.constant(0.1).over(1_000).then().plateau().forever().clockedIn(Clock.SAMPLES).build(geometry);
    Schedule annotations = generated("RampPlateauSchedule");
    Object stepper = annotations.getClass().getMethod("stepper").invoke(annotations);
    var next = stepper.getClass().getMethod("next");
    var observe = stepper.getClass().getMethod("observe", double.class);
    var state = built.initialState();
    // 32 updates of 32 samples stay below 1,000; from update 32 the plateau sees a loss that never improves, so it decays.
    for (long step = 0; step < 80; step++) {
      assertEquals(built.valueAt(step, state), (double) next.invoke(stepper), "next() at " + step);
      state = built.observe(state, step, 1.0);
      observe.invoke(stepper, 1.0);
    }
    assertEquals(state, stepper.getClass().getMethod("state").invoke(stepper));
    assertTrue(built.valueAt(79, state) < 0.1, "the plateau reduced the value");
  }

  @Test
  void theStepperIsExactFromAnyStart() throws Exception {
    Schedule annotations = generated("RampSchedule");
    Class<?> type = annotations.getClass();
    Object fromZero = type.getMethod("stepper").invoke(annotations);
    var next = fromZero.getClass().getMethod("next");
    for (long step = 0; step < 5_000; step++) {
      assertEquals(annotations.valueAt(step), (double) next.invoke(fromZero), "next() at " + step);
    }
    for (long start : new long[] {0, 1, 6_249, 6_250, 6_251, 9_000}) {
      Object resumed = type.getMethod("stepper", long.class).invoke(annotations, start);
      for (long step = start; step < start + 50; step++) {
        assertEquals(annotations.valueAt(step), (double) next.invoke(resumed), "stepper(" + start + ").next() at " + step);
      }
    }
  }
}
