package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.anneal.builder.Schedules;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.Schedule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated code against the interpreted schedule the fluent builder builds, over every curve:
 * equal bit for bit at every step from 0 to 50 past the end (both sides of every boundary), far
 * past the end, and through the stepper.
 */
class DifferentialTest {
  /** One annotated interface per case; the builder's schedule for each is in {@link #cases()}. */
  private static final String SOURCES = """
      @TrainingSchedule(phases = {
          @PhaseSpec(shape = LINEAR, steps = "200", from = "0", to = "3e-4"),
          @PhaseSpec(shape = CONSTANT, steps = "300"),
          @PhaseSpec(shape = COSINE, steps = "400", to = "3e-5")})
      @SuppressWarnings("anneal:FirstUpdateAtZero")
      interface Gpt {}

      @TrainingSchedule(afterEnd = AfterEnd.CONTINUE, phases = @PhaseSpec(shape = COSINE, steps = "100", from = "1e-3", to = "1e-4"))
      interface CosineContinued {}

      @TrainingSchedule(phases = @PhaseSpec(shape = COSINE, steps = "120", from = "1e-3", to = "0", cycles = "1.5"))
      interface CosineCycles {}

      @TrainingSchedule(afterEnd = AfterEnd.FAIL, phases = @PhaseSpec(shape = EXPONENTIAL, steps = "150", from = "0.1", rate = "0.97"))
      interface ExponentialFail {}

      @TrainingSchedule(phases = @PhaseSpec(shape = EXPONENTIAL_TO, steps = "77", from = "1e-3", to = "1e-5"))
      interface ExponentialTo {}

      @TrainingSchedule(phases = {
          @PhaseSpec(shape = POLYNOMIAL, steps = "90", from = "1e-3", to = "1e-5", power = "2"),
          @PhaseSpec(shape = CONSTANT, steps = "10")})
      interface Polynomial {}

      @TrainingSchedule(phases = {
          @PhaseSpec(shape = CONSTANT, steps = "50", value = "1e-3"),
          @PhaseSpec(shape = ONE_MINUS_SQRT, steps = "60", to = "0")})
      interface Wsd {}

      @TrainingSchedule(phases = {
          @PhaseSpec(shape = LINEAR, steps = "40", from = "1e-5", to = "1e-3"),
          @PhaseSpec(shape = INVERSE_SQRT, steps = PhaseSpec.FOREVER, timescale = "40")})
      interface InverseSqrt {}

      @TrainingSchedule(phases = @PhaseSpec(shape = STEP, steps = PhaseSpec.FOREVER, from = "0.1", every = "30", factor = "0.5"))
      interface Step {}

      @TrainingSchedule(phases = @PhaseSpec(shape = MILESTONES, steps = PhaseSpec.FOREVER, from = "0.1", milestones = {"50", "50", "120"}, factor = "0.1"))
      @SuppressWarnings("anneal:RepeatedMilestone")
      interface Milestones {}

      @TrainingSchedule(phases = @PhaseSpec(shape = CYCLIC, steps = PhaseSpec.FOREVER, from = "0.001", peak = "0.006", up = "20", down = "30"))
      interface Triangular {}

      @TrainingSchedule(phases = @PhaseSpec(shape = CYCLIC, steps = "500", from = "0.001", peak = "0.006", up = "20", down = "30",
          cyclicMode = Cyclic.Mode.TRIANGULAR2))
      interface Triangular2 {}

      @TrainingSchedule(channel = "momentum", phases = @PhaseSpec(shape = CYCLIC, steps = PhaseSpec.FOREVER, from = "0.8", peak = "0.9",
          up = "25", down = "25", cyclicMode = Cyclic.Mode.EXP_RANGE, gamma = "0.99", mirrored = true))
      interface ExpRangeMomentum {}

      @TrainingSchedule(phases = @PhaseSpec(shape = COSINE_RESTARTS, steps = PhaseSpec.FOREVER, from = "0.1", floor = "0.001", t0 = "10", tMult = "2"))
      interface Restarts {}

      @TrainingSchedule(phases = @PhaseSpec(shape = COSINE_RESTARTS, steps = PhaseSpec.FOREVER, from = "0.1", t0 = "15"))
      interface RestartsEvenly {}

      @TrainingSchedule(afterEnd = AfterEnd.CONTINUE, phases = @PhaseSpec(shape = ONE_CYCLE, steps = "200", from = "0.004", peak = "0.1", to = "4e-7"))
      interface OneCycleCos {}

      @TrainingSchedule(phases = @PhaseSpec(shape = ONE_CYCLE, steps = "200", from = "0.004", peak = "0.1", to = "4e-7", pctStart = "0.25",
          anneal = OneCycle.Anneal.LINEAR, threePhase = true))
      interface OneCycleLinear3 {}

      @TrainingSchedule(phases = {
          @PhaseSpec(shape = CONSTANT, steps = "20", value = "0.1"),
          @PhaseSpec(shape = PLATEAU, steps = PhaseSpec.FOREVER)})
      interface Plateau {}
      """;

  private static Compilation compilation;
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    compilation = Compile.compile(JavaFileObjects.forSourceString("test.Curves", Compile.HEADER
        + "import dev.anneal.schedule.Cyclic;\nimport dev.anneal.schedule.OneCycle;\n\n" + SOURCES));
    assertEquals(List.of(), Compile.diagnostics(compilation), "the sources compile without any diagnostic, -Xlint:all included");
    loader = Compile.classes(compilation);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("Gpt", Schedules.linear(0, 3e-4).over(200).then().constant().over(300).then().cosineTo(3e-5).over(400).build()),
        Arguments.of("CosineContinued", Schedules.cosine(1e-3, 1e-4).over(100).afterEnd(AfterEnd.CONTINUE).build()),
        Arguments.of("CosineCycles", Schedules.shape(new Cosine(1e-3, 0, 1.5)).over(120).build()),
        Arguments.of("ExponentialFail", Schedules.exponential(0.1, 0.97).over(150).afterEnd(AfterEnd.FAIL).build()),
        Arguments.of("ExponentialTo", Schedules.exponentialTo(1e-3, 1e-5).over(77).build()),
        Arguments.of("Polynomial", Schedules.polynomial(1e-3, 1e-5, 2).over(90).then().constant().over(10).build()),
        Arguments.of("Wsd", Schedules.constant(1e-3).over(50).then().oneMinusSqrtTo(0).over(60).build()),
        Arguments.of("InverseSqrt", Schedules.linear(1e-5, 1e-3).over(40).then().inverseSqrt(40).forever().build()),
        Arguments.of("Step", Schedules.stepDecay(0.1, 30, 0.5).forever().build()),
        Arguments.of("Milestones", Schedules.milestones(0.1, 0.1, 50, 50, 120).forever().build()),
        Arguments.of("Triangular", Schedules.cyclic(0.001, 0.006, 20, 30).forever().build()),
        Arguments.of("Triangular2", Schedules.shape(new Cyclic(0.001, 0.006, 20, 30, Cyclic.Mode.TRIANGULAR2, 1, false)).over(500).build()),
        Arguments.of("ExpRangeMomentum", Schedules.shape(new Cyclic(0.8, 0.9, 25, 25, Cyclic.Mode.EXP_RANGE, 0.99, true)).forever().build()),
        Arguments.of("Restarts", Schedules.cosineRestarts(0.1, 0.001, 10, 2).forever().build()),
        Arguments.of("RestartsEvenly", Schedules.cosineRestarts(0.1, 0, 15, 1).forever().build()),
        Arguments.of("OneCycleCos", Schedules.oneCycle(0.004, 0.1, 4e-7, 0.3).over(200).afterEnd(AfterEnd.CONTINUE).build()),
        Arguments.of("OneCycleLinear3",
            Schedules.shape(new OneCycle(0.004, 0.1, 4e-7, 0.25, OneCycle.Anneal.LINEAR, true)).over(200).build()),
        Arguments.of("Plateau", Schedules.constant(0.1).over(20).then().plateau().forever().build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generatedEqualsInterpretedBitForBit(String name, Schedule interpreted) throws Exception {
    Schedule generated = (Schedule) loader.loadClass("test." + name + "Schedule").getField("SCHEDULE").get(null);
    long end = interpreted.declaredEnd().orElse(1_000);
    List<Long> steps = new ArrayList<>();
    for (long step = 0; step <= end + 50; step++) {
      steps.add(step);
    }
    steps.addAll(List.of(end * 10, 1_000_000L, 123_456_789_012L));
    Object stepper = generated.getClass().getMethod("stepper").invoke(generated);
    Method next = stepper.getClass().getMethod("next");
    for (long step : steps) {
      if (interpreted.afterEnd() == AfterEnd.FAIL && step >= end) {
        long at = step;
        InvalidScheduleException expected = assertThrows(InvalidScheduleException.class, () -> interpreted.valueAt(at));
        InvalidScheduleException actual = assertThrows(InvalidScheduleException.class, () -> generated.valueAt(at));
        assertEquals(expected.getMessage(), actual.getMessage());
        continue;
      }
      double want = interpreted.valueAt(step);
      assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(generated.valueAt(step)),
          () -> name + " at step " + step + ": interpreted " + want + ", generated " + generated.valueAt(step));
      if (step <= end + 50) {
        double stepped = (double) next.invoke(stepper);
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(stepped), () -> name + " stepper at step " + step);
      }
    }
    assertEquals(interpreted.declaredEnd(), generated.declaredEnd());
    assertEquals(interpreted.phases(), generated.phases());
    assertEquals(interpreted.isReactive(), generated.isReactive());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theStepperPastAFailingEndThrowsLikeTheSchedule(String name, Schedule interpreted) throws Exception {
    if (interpreted.afterEnd() != AfterEnd.FAIL) {
      return; // only ExponentialFail ends in FAIL; the others are covered above
    }
    Schedule generated = (Schedule) loader.loadClass("test." + name + "Schedule").getField("SCHEDULE").get(null);
    Object stepper = generated.getClass().getMethod("stepper").invoke(generated);
    Method next = stepper.getClass().getMethod("next");
    for (long step = 0; step < interpreted.declaredEnd().getAsLong(); step++) {
      assertEquals(interpreted.valueAt(step), (double) next.invoke(stepper));
    }
    InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> next.invoke(stepper));
    assertEquals(InvalidScheduleException.class, thrown.getCause().getClass());
  }
}
