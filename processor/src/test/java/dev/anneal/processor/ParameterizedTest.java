package dev.anneal.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.anneal.builder.Schedules;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schedules on records: the generated validator, factory and values, against hand-derived expectations. */
class ParameterizedTest {
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    Compilation compilation = Compile.compile(
        Compile.source("Run", """
            @TrainingSchedule(phases = {
                @PhaseSpec(shape = LINEAR, steps = "warmup", from = "peak / 100", to = "peak"),
                @PhaseSpec(shape = COSINE, steps = "total - warmup", to = "peak * minRatio")})""",
            "public record Run(double peak, long warmup, long total, double minRatio) {}"),
        Compile.source("Epochs", """
            @TrainingSchedule(phases = @PhaseSpec(shape = STEP, steps = PhaseSpec.FOREVER, from = "lr", every = "stepsPerEpoch * 30 / epochsPerDecay", factor = "0.1"))""",
            "public record Epochs(double lr, int stepsPerEpoch, int epochsPerDecay) {}"),
        Compile.source("Sgd", """
            @TrainingPlan(channels = {
                @Channel(name = "lr", phases = {
                    @PhaseSpec(shape = LINEAR, steps = "warmup", from = "peak / 10", to = "peak"),
                    @PhaseSpec(shape = COSINE, steps = "total - warmup", to = "0")}),
                @Channel(name = "momentum", phases = {
                    @PhaseSpec(shape = LINEAR, from = "0.95", to = "0.85"),
                    @PhaseSpec(shape = COSINE, to = "momentum")})})""",
            "public record Sgd(double peak, double momentum, long warmup, long total) {}"));
    assertEquals(List.of(), Compile.diagnostics(compilation));
    loader = Compile.classes(compilation);
  }

  private static Object config(String record, Object... values) throws Exception {
    Class<?> type = loader.loadClass("test." + record);
    Constructor<?> constructor = type.getDeclaredConstructors()[0];
    return constructor.newInstance(values);
  }

  @SuppressWarnings("unchecked")
  private static List<Violation> validate(String generated, Object config) throws Exception {
    Method validate = loader.loadClass("test." + generated).getMethod("validate", config.getClass());
    return (List<Violation>) validate.invoke(null, config);
  }

  private static Object of(String generated, Object config) throws Throwable {
    try {
      return loader.loadClass("test." + generated).getMethod("of", config.getClass()).invoke(null, config);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static List<String> shown(List<Violation> violations) {
    return violations.stream().map(Violation::toString).toList();
  }

  @Test
  void aValidConfigGivesTheScheduleTheBuilderBuildsFromTheSameValues() throws Throwable {
    Object config = config("Run", 3e-4, 200L, 1000L, 0.1);
    assertThat(validate("RunSchedule", config)).isEmpty();
    Schedule generated = (Schedule) of("RunSchedule", config);
    Schedule expected = Schedules.linear(3e-4 / 100, 3e-4).over(200).then().cosineTo(3e-4 * 0.1).over(800).build();
    for (long step = 0; step <= 1100; step++) {
      assertEquals(Double.doubleToRawLongBits(expected.valueAt(step)), Double.doubleToRawLongBits(generated.valueAt(step)), "step " + step);
    }
  }

  @Test
  void theDerivedConditionNamesTheConfigFieldsAndValues() throws Throwable {
    Object config = config("Run", 3e-4, 1200L, 1000L, 0.1);
    List<String> expected = List.of(
        "[ConditionNotMet] phases[1].steps: phases[1].steps = total - warmup requires total > warmup, but total = 1000 and warmup = 1200");
    assertEquals(expected, shown(validate("RunSchedule", config)));
    InvalidScheduleException thrown = assertThrows(InvalidScheduleException.class, () -> of("RunSchedule", config));
    assertEquals(expected, shown(thrown.violations()));
  }

  @Test
  void everyProblemIsReportedAtOnce() throws Throwable {
    Object config = config("Run", Double.NaN, 0L, 1000L, Double.POSITIVE_INFINITY);
    assertEquals(List.of(
            "[NonFiniteValue] minRatio: minRatio (Infinity) must be a finite number",
            "[NonFiniteValue] peak: peak (NaN) must be a finite number"),
        shown(validate("RunSchedule", config)));
    Object zeroWarmup = config("Run", 3e-4, 0L, 0L, 0.1);
    assertEquals(List.of(
            "[ConditionNotMet] phases[0].steps: phases[0].steps = warmup requires warmup >= 1, but warmup = 0",
            "[ConditionNotMet] phases[1].steps: phases[1].steps = total - warmup requires total > warmup, but total = 0 and warmup = 0"),
        shown(validate("RunSchedule", zeroWarmup)));
  }

  @Test
  void aModelRuleIsReportedAtTheAttributeWithTheValuesThatBrokeIt() throws Throwable {
    Object config = config("Run", 3e-4, 200L, 1000L, -0.5);
    assertEquals(List.of(
            "[NegativeLearningRate] learning rate reaches -1.5E-4; a learning rate must be at least 0"),
        shown(validate("RunSchedule", config)));
    Object negativePeak = config("Run", -3e-4, 200L, 1000L, 0.1);
    assertEquals(List.of("[NegativeLearningRate] learning rate reaches -3.0E-4; a learning rate must be at least 0"),
        shown(validate("RunSchedule", negativePeak)));
  }

  @Test
  void aDivisorNamingAParameterMustNotBeZero() throws Throwable {
    Object config = config("Epochs", 0.1, 100, 0);
    assertEquals(List.of(
            "[ConditionNotMet] phases[0].every: phases[0].every = stepsPerEpoch * 30 / epochsPerDecay requires epochsPerDecay != 0, but epochsPerDecay = 0"),
        shown(validate("EpochsSchedule", config)));
    Schedule schedule = (Schedule) of("EpochsSchedule", config("Epochs", 0.1, 100, 2));
    // every = 100 * 30 / 2 = 1500 steps
    assertEquals(0.1, schedule.valueAt(1499));
    assertEquals(0.1 * Math.pow(0.1, 1), schedule.valueAt(1500));
    Object tooFew = config("Epochs", 0.1, 1, 60);
    assertEquals(List.of(
            "[ConditionNotMet] phases[0].every: phases[0].every = stepsPerEpoch * 30 / epochsPerDecay requires stepsPerEpoch * 30 / epochsPerDecay >= 1, but epochsPerDecay = 60 and stepsPerEpoch = 1"),
        shown(validate("EpochsSchedule", tooFew)));
  }

  @Test
  void intComponentsComputeIn64BitsAsTheProcessorDoesAtCompileTime() throws Throwable {
    // 100_000_000 * 30 is past Integer.MAX_VALUE: every = 3e9 steps is a valid length, neither an int overflow nor a wrapped negative one.
    Object config = config("Epochs", 0.1, 100_000_000, 1);
    assertThat(validate("EpochsSchedule", config)).isEmpty();
    Schedule generated = (Schedule) of("EpochsSchedule", config);
    Schedule expected = Schedules.stepDecay(0.1, 3_000_000_000L, 0.1).forever().build();
    for (long step : new long[] {0, 2_999_999_999L, 3_000_000_000L, 5_999_999_999L, 6_000_000_000L}) {
      assertEquals(expected.valueAt(step), generated.valueAt(step), "step " + step);
    }
  }

  @Test
  void aPlanSharesTheLearningRatesLengthsWithMomentum() throws Throwable {
    Plan plan = (Plan) of("SgdPlan", config("Sgd", 0.1, 0.95, 100L, 1000L));
    Schedule lr = Schedules.linear(0.1 / 10, 0.1).over(100).then().cosineTo(0).over(900).build();
    Schedule momentum = Schedules.linear(0.95, 0.85).over(100).then().cosineTo(0.95).over(900).build();
    for (long step = 0; step <= 1100; step++) {
      assertEquals(lr.valueAt(step), plan.lr().valueAt(step), "lr at " + step);
      assertEquals(momentum.valueAt(step), plan.channel("momentum").valueAt(step), "momentum at " + step);
    }
    Object bad = config("Sgd", 0.1, 1.2, 2000L, 1000L);
    assertEquals(List.of(
            "[ConditionNotMet] channels.lr.phases[1].steps: channels.lr.phases[1].steps = total - warmup requires total > warmup, but total = 1000 and warmup = 2000"),
        shown(validate("SgdPlan", bad)));
    Object badMomentum = config("Sgd", 0.1, 1.2, 100L, 1000L);
    assertEquals(List.of(
            "[MomentumOutOfRange] channels.momentum: momentum reaches 1.2; momentum and Adam beta1 must lie in [0, 1)"),
        shown(validate("SgdPlan", badMomentum)));
  }
}
