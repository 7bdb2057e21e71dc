package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code stepper(startStep)} continues a run where it stopped: from every start around every
 * boundary, its values are those of a stepper from step 0 after {@code startStep} calls; and a
 * plateau schedule's stepper takes metrics through {@code observe}, as the model does.
 */
class StepperResumeTest {
  private static final String SOURCES = """
      @TrainingSchedule(phases = {
          @PhaseSpec(shape = LINEAR, steps = "20", from = "1e-5", to = "3e-4"),
          @PhaseSpec(shape = CONSTANT, steps = "30"),
          @PhaseSpec(shape = COSINE, steps = "40", to = "3e-5")})
      interface Held {}

      @TrainingSchedule(afterEnd = AfterEnd.CONTINUE, phases = {
          @PhaseSpec(shape = CONSTANT, steps = "10", value = "0.1"),
          @PhaseSpec(shape = COSINE, steps = "25", to = "0.01")})
      interface Continued {}

      @TrainingSchedule(afterEnd = AfterEnd.FAIL, phases = @PhaseSpec(shape = EXPONENTIAL, steps = "15", from = "0.1", rate = "0.9"))
      interface Failing {}

      @TrainingSchedule(phases = {
          @PhaseSpec(shape = LINEAR, steps = "10", from = "1e-4", to = "1e-3"),
          @PhaseSpec(shape = STEP, steps = PhaseSpec.FOREVER, every = "7", factor = "0.5")})
      interface Endless {}

      @TrainingSchedule(phases = {
          @PhaseSpec(shape = CONSTANT, steps = "5", value = "0.1"),
          @PhaseSpec(shape = PLATEAU, steps = PhaseSpec.FOREVER, patience = "2")})
      interface Plateau {}
      """;

  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    Compilation compilation = Compile.compile(JavaFileObjects.forSourceString("test.Steppers", Compile.HEADER + SOURCES));
    assertEquals(List.of(), Compile.diagnostics(compilation));
    loader = Compile.classes(compilation);
  }

  static Stream<String> fixedSchedules() {
    return Stream.of("Held", "Continued", "Failing", "Endless");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixedSchedules")
  void aResumedStepperEqualsOneSteppedFromZero(String name) throws Exception {
    Schedule schedule = schedule(name);
    long end = schedule.declaredEnd().orElse(60);
    // A FAIL schedule's stepper stops at its end (next() throws there and does not move), so starts go up to the end.
    long lastStart = schedule.afterEnd() == dev.anneal.schedule.AfterEnd.FAIL ? end : end + 3;
    for (long start = 0; start <= lastStart; start++) {
      Object fromZero = schedule.getClass().getMethod("stepper").invoke(schedule);
      for (long skipped = 0; skipped < start; skipped++) {
        next(fromZero);
      }
      Object resumed = schedule.getClass().getMethod("stepper", long.class).invoke(schedule, start);
      assertEquals(start, (long) resumed.getClass().getMethod("step").invoke(resumed));
      for (long step = start; step < end + 5; step++) {
        Object want = nextOrFailure(fromZero);
        Object got = nextOrFailure(resumed);
        assertEquals(want, got, name + " resumed at " + start + ", step " + step);
      }
    }
  }

  @Test
  void aNegativeStartIsRefusedAsANegativeStep() throws Exception {
    Schedule schedule = schedule("Held");
    InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
        () -> schedule.getClass().getMethod("stepper", long.class).invoke(schedule, -1L));
    assertEquals("[NegativeStep] step: step -1 is negative; steps count the updates already applied, from 0", thrown.getCause().getMessage());
  }

  @Test
  void aPlateauStepperObservesMetricsAsTheModelDoes() throws Exception {
    Schedule schedule = schedule("Plateau");
    Object stepper = schedule.getClass().getMethod("stepper").invoke(schedule);
    Method observe = stepper.getClass().getMethod("observe", double.class);
    Method state = stepper.getClass().getMethod("state");
    // A loss that stops improving after step 7: with patience 2 the plateau cuts 0.1 to 0.01, then to 0.001.
    double[] losses = {5, 4, 3, 2, 1, 0.9, 0.8, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7};
    Schedule interpreted = (Schedule) schedule.getClass().getMethod("interpreted").invoke(schedule);
    ScheduleState model = interpreted.initialState();
    List<Double> values = new ArrayList<>();
    for (int step = 0; step < losses.length; step++) {
      double want = interpreted.valueAt(step, model);
      double got = (double) next(stepper);
      assertEquals(want, got, "at step " + step);
      values.add(got);
      model = interpreted.observe(model, step, losses[step]);
      observe.invoke(stepper, losses[step]);
      assertEquals(model, state.invoke(stepper));
    }
    assertEquals(0.1, values.get(0));
    assertEquals(0.001, values.get(values.size() - 1), 1e-15, "the metrics reached the plateau: it reduced the value twice");
    // Resumed at step 9 with the state saved there, it goes on as the uninterrupted stepper.
    Object again = schedule.getClass().getMethod("stepper").invoke(schedule);
    for (int step = 0; step < 9; step++) {
      next(again);
      again.getClass().getMethod("observe", double.class).invoke(again, losses[step]);
    }
    Object resumed = schedule.getClass().getMethod("stepper", long.class, ScheduleState.class).invoke(schedule, 9L, state(again));
    for (int step = 9; step < losses.length; step++) {
      assertEquals(values.get(step), (double) next(resumed), "resumed, at step " + step);
      resumed.getClass().getMethod("observe", double.class).invoke(resumed, losses[step]);
    }
  }

  @Test
  void aPlateauStepperHasNoResumeThatForgetsTheMetrics() throws Exception {
    Schedule schedule = schedule("Plateau");
    assertThrows(NoSuchMethodException.class, () -> schedule.getClass().getMethod("stepper", long.class));
    Object stepper = schedule.getClass().getMethod("stepper").invoke(schedule);
    InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
        () -> stepper.getClass().getMethod("observe", double.class).invoke(stepper, 1.0));
    assertEquals("observe(metric) follows next(): no update has used a value yet", thrown.getCause().getMessage());
  }

  private static Object state(Object stepper) throws ReflectiveOperationException {
    return stepper.getClass().getMethod("state").invoke(stepper);
  }

  private static Schedule schedule(String name) throws ReflectiveOperationException {
    return (Schedule) loader.loadClass("test." + name + "Schedule").getField("SCHEDULE").get(null);
  }

  private static Object next(Object stepper) throws ReflectiveOperationException {
    return stepper.getClass().getMethod("next").invoke(stepper);
  }

  /** The next value, or the message of what it throws (a FAIL schedule past its end). */
  private static Object nextOrFailure(Object stepper) throws ReflectiveOperationException {
    try {
      return next(stepper);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InvalidScheduleException failure) {
        return failure.getMessage();
      }
      throw e;
    }
  }
}
