package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.anneal.builder.Schedules;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Schedule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Phases of up to {@code Long.MAX_VALUE} steps. A length is a number of steps, even {@code
 * Long.MAX_VALUE} (which the model uses to spell "forever"): a schedule lasting up to {@code
 * Long.MAX_VALUE - 1} steps is generated and equals the interpreted one on both sides of every
 * boundary; a longer one is refused with {@code LengthOverflow}, at compile time for a fixed
 * schedule (see {@link Cases}) and by {@code validate} and {@code of} for a record's config,
 * never evaluated with a wrapped boundary.
 */
class HugePhaseTest {
  private static final long LONGEST = Long.MAX_VALUE - 1;

  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    Compilation compilation = Compile.compile(
        JavaFileObjects.forSourceString("test.Huge", Compile.HEADER + """
            @TrainingSchedule(phases = {
                @PhaseSpec(shape = LINEAR, steps = "1000", from = "1e-5", to = "1e-3"),
                @PhaseSpec(shape = EXPONENTIAL, steps = "9_223_372_036_854_774_806", rate = "0.999")})
            interface Longest {}

            @TrainingSchedule(phases = @PhaseSpec(shape = LINEAR, steps = "9_223_372_036_854_775_806", from = "1e-3", to = "1e-5"))
            interface OneLongest {}
            """),
        Compile.source("Run", """
            @TrainingSchedule(phases = {
                @PhaseSpec(shape = LINEAR, steps = "warmup", from = "peak / 100", to = "peak"),
                @PhaseSpec(shape = EXPONENTIAL, steps = "decay", rate = "0.999")})""",
            "public record Run(double peak, long warmup, long decay) {}"),
        Compile.source("Twice", """
            @TrainingSchedule(phases = {
                @PhaseSpec(shape = LINEAR, steps = "warmup * 2", from = "peak / 100", to = "peak"),
                @PhaseSpec(shape = COSINE, steps = "total - warmup * 2", to = "0")})""",
            "public record Twice(double peak, long warmup, long total) {}"),
        Compile.source("Negated", """
            @TrainingSchedule(phases = {
                @PhaseSpec(shape = LINEAR, steps = "warmup", from = "peak / 100", to = "peak"),
                @PhaseSpec(shape = COSINE, steps = "-cooldown", to = "0")})""",
            "public record Negated(double peak, long warmup, long cooldown) {}"));
    assertEquals(List.of(), Compile.diagnostics(compilation));
    loader = Compile.classes(compilation);
  }

  private static Schedule fixed(String name) throws ReflectiveOperationException {
    return (Schedule) loader.loadClass("test." + name + "Schedule").getField("SCHEDULE").get(null);
  }

  private static Object config(String record, Object... values) throws ReflectiveOperationException {
    return loader.loadClass("test." + record).getDeclaredConstructors()[0].newInstance(values);
  }

  private static List<String> validate(String record, Object config) throws ReflectiveOperationException {
    Method validate = loader.loadClass("test." + record + "Schedule").getMethod("validate", config.getClass());
    @SuppressWarnings("unchecked")
    List<Violation> found = (List<Violation>) validate.invoke(null, config);
    return found.stream().map(Violation::toString).toList();
  }

  private static Schedule of(String record, Object config) throws Throwable {
    try {
      return (Schedule) loader.loadClass("test." + record + "Schedule").getMethod("of", config.getClass()).invoke(null, config);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Both sides of each boundary, the last steps before the end, the end and the last step there is. */
  private static void assertSameValues(Schedule interpreted, Schedule generated, long... boundaries) {
    LongStream.concat(LongStream.of(boundaries).flatMap(b -> LongStream.of(b - 2, b - 1, b, b + 1)), LongStream.of(0, 1, Long.MAX_VALUE))
        .filter(step -> step >= 0)
        .forEach(step -> assertEquals(Double.doubleToRawLongBits(interpreted.valueAt(step)), Double.doubleToRawLongBits(generated.valueAt(step)),
            () -> "at step " + step + ": interpreted " + interpreted.valueAt(step) + ", generated " + generated.valueAt(step)));
    assertEquals(interpreted.declaredEnd(), generated.declaredEnd());
    assertEquals(interpreted.phases(), generated.phases());
  }

  @Test
  void aFixedScheduleOfTheLongestLengthEqualsTheInterpretedOne() throws Exception {
    Schedule interpreted = Schedules.linear(1e-5, 1e-3).over(1000).then().exponential(0.999).over(LONGEST - 1000).build();
    Schedule generated = fixed("Longest");
    assertSameValues(interpreted, generated, 1000, LONGEST);
    // The values the report named: 9.99e-4 one step into the decay, never the 0.0 of a wrapped boundary.
    assertEquals(1e-3 * 0.999, generated.valueAt(1001));
    assertEquals(interpreted.valueAt(LONGEST - 1), generated.valueAt(LONGEST - 1));
    assertEquals(List.of(), generated.warnings());
  }

  @Test
  void aSinglePhaseOfTheLongestLengthEqualsTheInterpretedOne() throws Exception {
    Schedule interpreted = Schedules.linear(1e-3, 1e-5).over(LONGEST).build();
    assertSameValues(interpreted, fixed("OneLongest"), LONGEST, LONGEST / 2);
  }

  @Test
  void aConfigOfTheLongestLengthEqualsTheInterpretedSchedule() throws Throwable {
    Object config = config("Run", 1e-3, 1000L, LONGEST - 1000);
    assertEquals(List.of(), validate("Run", config));
    Schedule interpreted = Schedules.linear(1e-3 / 100, 1e-3).over(1000).then().exponential(0.999).over(LONGEST - 1000).build();
    Schedule generated = of("Run", config);
    assertSameValues(interpreted, generated, 1000, LONGEST);
    assertEquals(1e-3 * 0.999, generated.valueAt(1001));
  }

  @Test
  void aConfigLengthOfLongMaxValueIsThatManyStepsAndRefused() throws Throwable {
    // Before: taken for "forever", with a boundary that wrapped to a negative step: valueAt(1001) was 0.0.
    Object config = config("Run", 1e-3, 1000L, Long.MAX_VALUE);
    List<String> expected = List.of("[LengthOverflow] decay: the phases add up to more than 9223372036854775806 steps");
    assertEquals(expected, validate("Run", config));
    InvalidScheduleException thrown = assertThrows(InvalidScheduleException.class, () -> of("Run", config));
    assertEquals(expected, thrown.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void aSumPastTheLongestScheduleIsRefusedWhereverItEnds() throws Throwable {
    List<String> expected = List.of("[LengthOverflow] decay: the phases add up to more than 9223372036854775806 steps");
    // The sum is exactly Long.MAX_VALUE, then past it: the boundary never wraps, the rule reports both alike.
    assertEquals(expected, validate("Run", config("Run", 1e-3, 1000L, Long.MAX_VALUE - 1000)));
    assertEquals(expected, validate("Run", config("Run", 1e-3, 1000L, Long.MAX_VALUE - 10)));
    assertThrows(InvalidScheduleException.class, () -> of("Run", config("Run", 1e-3, 1000L, Long.MAX_VALUE - 10)));
  }

  @Test
  void aConditionThatOverflowsIsReportedAsAnOverflowNotAsAFalseCondition() throws Throwable {
    // Before: warmup * 2 wrapped to a negative number, and validate said "requires warmup * 2 >= 1, but warmup = 4611686018427387904".
    Object config = config("Twice", 1e-3, Long.MAX_VALUE / 2 + 1, 100L);
    List<String> expected = List.of("[LengthOverflow] the phases add up to more than 9223372036854775806 steps");
    assertEquals(expected, validate("Twice", config));
    InvalidScheduleException thrown = assertThrows(InvalidScheduleException.class, () -> of("Twice", config));
    assertEquals(expected, thrown.violations().stream().map(Violation::toString).toList());
    // In range, the same condition is checked as before.
    assertEquals(List.of(
            "[ConditionNotMet] phases[1].steps: phases[1].steps = total - warmup * 2 requires total > warmup * 2, but total = 100 and warmup = 50"),
        validate("Twice", config("Twice", 1e-3, 50L, 100L)));
  }

  @Test
  void aNegatedLongMinValueOverflowsInsteadOfStayingNegative() throws Throwable {
    // -Long.MIN_VALUE is Long.MIN_VALUE in plain Java: the condition -cooldown >= 1 would be false and name a wrong reason.
    assertEquals(List.of("[LengthOverflow] the phases add up to more than 9223372036854775806 steps"),
        validate("Negated", config("Negated", 1e-3, 10L, Long.MIN_VALUE)));
    assertEquals(List.of(
            "[ConditionNotMet] phases[1].steps: phases[1].steps = -cooldown requires -cooldown >= 1, but cooldown = 5"),
        validate("Negated", config("Negated", 1e-3, 10L, 5L)));
    Schedule generated = of("Negated", config("Negated", 1e-3, 10L, -90L));
    Schedule interpreted = Schedules.linear(1e-5, 1e-3).over(10).then().cosineTo(0).over(90).build();
    assertSameValues(interpreted, generated, 10, 100);
  }
}
