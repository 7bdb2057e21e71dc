package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Exponential;
import dev.anneal.schedule.ExponentialTo;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.StepDecay;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The processor's differential harness over seeded random schedules: {@link #SCHEDULES} annotated
 * interfaces of 1 to 4 phases with random shapes, values and lengths (some past 2^31 steps), each
 * phase after the first starting where the previous ends, are compiled in one round; every
 * generated schedule must equal the model's interpreted {@link Sequence} of the same phases bit for
 * bit at every step up to 40 past the declared end (or its first 400 steps), both sides of every
 * boundary, far past the end and beyond 2^31, and its stepper must walk the same values. The
 * interpreted side is built from the model's constructors here, not from the processor's tables.
 */
class RandomDifferentialTest {
  static final int SCHEDULES = 150;
  static final long SEED = 0xD1FFL;

  /** One random schedule: its annotation and the interpreted sequence it must equal. */
  record Case(String name, String annotation, Sequence interpreted) {
    @Override
    public String toString() {
      return name + " " + interpreted;
    }
  }

  private static final List<Case> CASES = new ArrayList<>();
  private static ClassLoader loader;

  @BeforeAll
  static void compileEveryCase() {
    SplittableRandom random = new SplittableRandom(SEED);
    StringBuilder source = new StringBuilder();
    for (int i = 0; i < SCHEDULES; i++) {
      Case generated = randomCase("Random" + i, random);
      CASES.add(generated);
      source.append(generated.annotation()).append("\n@SuppressWarnings(\"anneal:RepeatedMilestone\")\ninterface ").append(generated.name()).append(" {}\n\n");
    }
    Compilation compilation = Compile.compile(JavaFileObjects.forSourceString("test.Randoms", Compile.HEADER + source));
    assertEquals(List.of(), Compile.diagnostics(compilation).stream().filter(d -> d.contains("ERROR")).toList(), "the random schedules compile");
    loader = Compile.classes(compilation);
  }

  static Stream<Integer> cases() {
    return IntStream.range(0, SCHEDULES).boxed();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void generatedEqualsInterpretedBitForBit(int index) throws Exception {
    Case c = CASES.get(index);
    Schedule generated = generated(c);
    Sequence interpreted = c.interpreted();
    TreeSet<Long> steps = new TreeSet<>();
    long end = interpreted.declaredEnd().orElse(400);
    for (long step = 0; step <= Math.min(end + 40, 400); step++) {
      steps.add(step);
    }
    for (int i = 0; i <= interpreted.phases().size(); i++) {
      long start = i < interpreted.phases().size() ? interpreted.startOf(i) : end;
      for (long delta = -2; delta <= 2; delta++) {
        if (start + delta >= 0) {
          steps.add(start + delta);
        }
      }
    }
    for (long far : new long[] {Integer.MAX_VALUE, 1L << 31, (1L << 31) + 1, 1L << 32, 1L << 40, Long.MAX_VALUE - 1, Long.MAX_VALUE}) {
      steps.add(far);
    }
    for (long step : steps) {
      if (interpreted.afterEnd() == AfterEnd.FAIL && step >= end) {
        InvalidScheduleException expected = assertThrows(InvalidScheduleException.class, () -> interpreted.valueAt(step));
        InvalidScheduleException actual = assertThrows(InvalidScheduleException.class, () -> generated.valueAt(step));
        assertEquals(expected.getMessage(), actual.getMessage());
        continue;
      }
      double want = interpreted.valueAt(step);
      double got = generated.valueAt(step);
      assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), () -> c + " at step " + step + ": interpreted " + want + ", generated " + got);
    }
    Object stepper = generated.getClass().getMethod("stepper").invoke(generated);
    Method next = stepper.getClass().getMethod("next");
    long walk = Math.min(end + 40, 2_000);
    for (long step = 0; step < walk && !(interpreted.afterEnd() == AfterEnd.FAIL && step >= end); step++) {
      double want = interpreted.valueAt(step);
      double stepped = (double) next.invoke(stepper);
      long at = step;
      assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(stepped), () -> c + " stepper at step " + at);
    }
    assertEquals(interpreted.declaredEnd(), generated.declaredEnd());
    assertEquals(interpreted.phases(), generated.phases());
  }

  /** A stepper at the last step of the 64-bit range gives that step's value, then refuses to wrap to a negative step. */
  @Test
  void aStepperStopsAtTheEndOfTheStepRangeInsteadOfWrapping() throws Exception {
    Case open = CASES.stream().filter(c -> c.interpreted().declaredEnd().isEmpty()).findFirst().orElseThrow();
    Schedule generated = generated(open);
    Object stepper = generated.getClass().getMethod("stepper").invoke(generated);
    Method next = stepper.getClass().getMethod("next");
    Method step = stepper.getClass().getMethod("step");
    next.invoke(stepper);
    // Move the stepper to the end of the range, as 2^63 - 2 calls of next() would.
    set(stepper, "step", Long.MAX_VALUE - 1);
    set(stepper, "phase", open.interpreted().phases().size() - 1);
    set(stepper, "local", Long.MAX_VALUE - 1 - open.interpreted().startOf(open.interpreted().phases().size() - 1));
    assertEquals(open.interpreted().valueAt(Long.MAX_VALUE - 1), (double) next.invoke(stepper));
    assertEquals(Long.MAX_VALUE, (long) step.invoke(stepper));
    InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> next.invoke(stepper));
    assertEquals(ArithmeticException.class, thrown.getCause().getClass());
    assertEquals(Long.MAX_VALUE, (long) step.invoke(stepper), "the step did not wrap");
  }

  private static void set(Object target, String field, long value) throws ReflectiveOperationException {
    Field f = target.getClass().getDeclaredField(field);
    f.setAccessible(true);
    if (f.getType() == int.class) {
      f.setInt(target, (int) value);
    } else {
      f.setLong(target, value);
    }
  }

  private static Schedule generated(Case c) throws ReflectiveOperationException {
    return (Schedule) loader.loadClass("test." + c.name() + "Schedule").getField("SCHEDULE").get(null);
  }

  private static Case randomCase(String name, SplittableRandom random) {
    int count = 1 + random.nextInt(4);
    List<String> annotations = new ArrayList<>();
    List<Phase> phases = new ArrayList<>();
    double previousEnd = Double.NaN;
    for (int i = 0; i < count; i++) {
      boolean first = i == 0;
      boolean last = i == count - 1;
      double from = first ? value(random) : previousEnd;
      String fromAttribute = first ? "from = \"" + from + "\", " : "";
      double to = value(random);
      Shape shape;
      String curve;
      String attributes;
      boolean canRunForever = false;
      int kind = random.nextInt(11);
      if (kind == 4 && !(from > 0)) {
        kind = 1; // exponential-to needs a start above 0
      }
      switch (kind) {
        case 0 -> {
          shape = new Constant(from);
          curve = "CONSTANT";
          attributes = first ? "value = \"" + from + "\"" : "";
          canRunForever = true;
        }
        case 1 -> {
          shape = new Linear(from, to);
          curve = "LINEAR";
          attributes = fromAttribute + "to = \"" + to + "\"";
        }
        case 2 -> {
          double cycles = random.nextBoolean() ? 0.5 : 0.25 + random.nextInt(8) * 0.25;
          shape = new Cosine(from, to, cycles);
          curve = "COSINE";
          attributes = fromAttribute + "to = \"" + to + "\", cycles = \"" + cycles + "\"";
        }
        case 3 -> {
          double rate = 0.9 + random.nextInt(100) / 1000.0;
          shape = new Exponential(from, rate);
          curve = "EXPONENTIAL";
          attributes = fromAttribute + "rate = \"" + rate + "\"";
          canRunForever = true;
        }
        case 4 -> {
          shape = new ExponentialTo(from, to);
          curve = "EXPONENTIAL_TO";
          attributes = fromAttribute + "to = \"" + to + "\"";
        }
        case 5 -> {
          double power = 0.5 + random.nextInt(6) * 0.5;
          shape = new Polynomial(from, to, power);
          curve = "POLYNOMIAL";
          attributes = fromAttribute + "to = \"" + to + "\", power = \"" + power + "\"";
        }
        case 6 -> {
          shape = new OneMinusSqrt(from, to);
          curve = "ONE_MINUS_SQRT";
          attributes = fromAttribute + "to = \"" + to + "\"";
        }
        case 7 -> {
          long timescale = 1 + random.nextInt(1_000);
          shape = new InverseSqrt(from, timescale, 0);
          curve = "INVERSE_SQRT";
          attributes = fromAttribute + "timescale = \"" + timescale + "\"";
          canRunForever = true;
        }
        case 8 -> {
          long every = 1 + random.nextInt(100);
          double factor = 0.1 + random.nextInt(9) * 0.1;
          shape = new StepDecay(from, every, factor);
          curve = "STEP";
          attributes = fromAttribute + "every = \"" + every + "\", factor = \"" + factor + "\"";
          canRunForever = true;
        }
        case 9 -> {
          long a = 1 + random.nextInt(50);
          long b = a + random.nextInt(50);
          double factor = 0.1 + random.nextInt(9) * 0.1;
          shape = new Milestones(from, List.of(a, b), factor);
          curve = "MILESTONES";
          attributes = fromAttribute + "milestones = {\"" + a + "\", \"" + b + "\"}, factor = \"" + factor + "\"";
          canRunForever = true;
        }
        default -> {
          double floor = from * random.nextInt(10) / 10.0;
          long t0 = 1 + random.nextInt(40);
          long tMult = 1 + random.nextInt(3);
          shape = new CosineRestarts(from, floor, t0, tMult);
          curve = "COSINE_RESTARTS";
          attributes = fromAttribute + "floor = \"" + floor + "\", t0 = \"" + t0 + "\", tMult = \"" + tMult + "\"";
          canRunForever = true;
        }
      }
      boolean forever = last && canRunForever && random.nextInt(3) == 0;
      long steps = forever ? Phase.OPEN : random.nextInt(12) == 0 ? (1L << 31) + random.nextInt(1 << 20) : 1 + random.nextInt(300);
      phases.add(new Phase(shape, steps));
      String length = forever ? "PhaseSpec.FOREVER" : "\"" + steps + "\"";
      annotations.add("@PhaseSpec(shape = " + curve + ", steps = " + length + (attributes.isEmpty() ? "" : ", " + attributes) + ")");
      previousEnd = shape.endValue(forever ? 1 : steps);
    }
    AfterEnd afterEnd = phases.get(phases.size() - 1).isOpen() ? AfterEnd.HOLD : AfterEnd.values()[random.nextInt(2) == 0 ? 0 : 2];
    Sequence interpreted = new Sequence(phases, afterEnd);
    String annotation = "@TrainingSchedule(afterEnd = AfterEnd." + afterEnd + ", phases = {\n    " + String.join(",\n    ", annotations) + "})";
    return new Case(name, annotation, interpreted);
  }

  /** A learning rate with few significant digits, as people write them (1.5E-4, 0.003). */
  private static double value(SplittableRandom random) {
    return (1 + random.nextInt(99)) * Math.pow(10, -2 - random.nextInt(4));
  }
}
