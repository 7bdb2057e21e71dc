package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.anneal.builder.Schedules;
import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expressions that call functions, and lengths in tokens and epochs, against the same schedules
 * built with the builder: equal bit for bit at every phase boundary and one step either side. The
 * lengths the builder is given are worked out by hand in each test.
 */
class FunctionsAndUnitsDifferentialTest {
  private static final String SOURCES = """
      @TrainingSchedule(phases = {
          @PhaseSpec(shape = LINEAR, steps = "round(10_000 * 0.03)", from = "0", to = "pow(512, -0.5) * 0.01"),
          @PhaseSpec(shape = CONSTANT, steps = "max(100, min(5_000, 10_000 / 7))"),
          @PhaseSpec(shape = COSINE, steps = "round(floor(10_000 * 0.3337))", to = "sqrt(2) * 1e-5"),
          @PhaseSpec(shape = CONSTANT, steps = "round(ceil(2.5))", value = "max(1e-6, min(3, 2) * 1e-7)")})
      @SuppressWarnings("anneal")
      interface Functions {}

      @TrainingSchedule(geometry = @Geometry(batchSize = 512, sequenceLength = 2048), phases = {
          @PhaseSpec(shape = LINEAR, steps = "375_000_000", unit = Unit.TOKENS, from = "6e-6", to = "6e-4"),
          @PhaseSpec(shape = COSINE, steps = "2.6e9", unit = Unit.TOKENS, to = "6e-5"),
          @PhaseSpec(shape = CONSTANT, steps = "1_000")})
      interface Gpt3Tokens {}

      @TrainingSchedule(geometry = @Geometry(datasetSize = 50_000, batchSize = 128), phases = {
          @PhaseSpec(shape = LINEAR, steps = "0.5", unit = Unit.EPOCHS, from = "0.01", to = "0.1"),
          @PhaseSpec(shape = COSINE, steps = "3", unit = Unit.EPOCHS, to = "0.001")})
      interface Epochs {}

      @TrainingPlan(geometry = @Geometry(batchSize = 256), channels = {
          @Channel(name = "lr", phases = {
              @PhaseSpec(shape = LINEAR, steps = "25_600", unit = Unit.SAMPLES, from = "0.01", to = "0.1"),
              @PhaseSpec(shape = COSINE, steps = "100_000", unit = Unit.SAMPLES, to = "0.001")}),
          @Channel(name = "momentum", phases = {
              @PhaseSpec(shape = LINEAR, from = "0.95", to = "0.85"),
              @PhaseSpec(shape = COSINE, to = "0.95")})})
      interface Samples {}
      """;

  /** A record in a file of its own, as the generated class uses it from another. */
  private static final String RECORD = """
      @TrainingSchedule(phases = {
          @PhaseSpec(shape = LINEAR, steps = "round(total * warmupRatio)", from = "0", to = "peak * pow(dModel, -0.5)"),
          @PhaseSpec(shape = COSINE, steps = "total - round(total * warmupRatio)", to = "max(peak * minRatio, 1e-7)"),
          @PhaseSpec(shape = CONSTANT, steps = "min(cooldown, 100)")})
      @SuppressWarnings("anneal")""";

  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    Compilation compilation = Compile.compile(JavaFileObjects.forSourceString("test.Curves", Compile.HEADER
        + "import dev.anneal.geometry.Unit;\n\n" + SOURCES),
        Compile.source("TokenRun", """
            @TrainingSchedule(geometry = @Geometry(batchSize = 512, sequenceLength = 2048), phases = {
                @PhaseSpec(shape = LINEAR, steps = "warmupTokens", unit = dev.anneal.geometry.Unit.TOKENS, from = "0", to = "peak"),
                @PhaseSpec(shape = COSINE, steps = "decayTokens", unit = dev.anneal.geometry.Unit.TOKENS, to = "peak / 10")})
            @SuppressWarnings("anneal")""", "public record TokenRun(double peak, long warmupTokens, double decayTokens) {}"),
        Compile.source("Run", RECORD, "public record Run(double peak, long total, double warmupRatio, int dModel, double minRatio, int cooldown) {}"));
    assertEquals(List.of(), Compile.diagnostics(compilation), "the sources compile without any diagnostic, -Xlint:all included");
    loader = Compile.classes(compilation);
  }

  @Test
  void functionsHaveJavasMathValues() throws Exception {
    // round(300.0) = 300; max(100, min(5000, 1428)) = 1428 (integer division); round(floor(3337.0)) = 3337; round(ceil(2.5)) = 3.
    Sequence built = Schedules.linear(0, Math.pow(512, -0.5) * 0.01).over(300)
        .then().constant().over(1_428)
        .then().cosineTo(Math.sqrt(2) * 1e-5).over(3_337)
        .then().constant(Math.max(1e-6, 2 * 1e-7)).over(3)
        .build();
    assertSameAtEveryBoundary(built, fixed("FunctionsSchedule"));
  }

  @Test
  void tokensResolveAsTheBuilderResolvesThem() throws Exception {
    RunGeometry geometry = RunGeometry.builder().batchSize(512).sequenceLength(2048).build();
    Sequence built = Schedules.linear(6e-6, 6e-4).over(Length.tokens(375_000_000))
        .then().cosineTo(6e-5).over(Length.tokens(2_600_000_000L))
        .then().constant().over(1_000)
        .build(geometry);
    // 1,048,576 tokens per update: 375M tokens end at the first update that reaches them, ceil(357.6) = 358;
    // 2.6B more end at ceil((375M + 2.6B) / 1,048,576) = 2838, so the cosine lasts 2480 updates.
    assertEquals(List.of(358L, 2_480L, 1_000L), built.phases().stream().map(p -> p.steps()).toList());
    assertSameAtEveryBoundary(built, fixed("Gpt3TokensSchedule"));
  }

  @Test
  void epochsResolveAsTheBuilderResolvesThem() throws Exception {
    RunGeometry geometry = RunGeometry.builder().datasetSize(50_000).batchSize(128).build();
    Sequence built = Schedules.linear(0.01, 0.1).over(Length.epochs(0.5)).then().cosineTo(0.001).over(Length.epochs(3)).build(geometry);
    // ceil(50000 / 128) = 391 updates an epoch: half an epoch is ceil(195.5) = 196, three are 1173.
    assertEquals(List.of(196L, 1_173L), built.phases().stream().map(p -> p.steps()).toList());
    assertSameAtEveryBoundary(built, fixed("EpochsSchedule"));
  }

  @Test
  void aLaterChannelSharesTheFirstChannelsUnit() throws Exception {
    RunGeometry geometry = RunGeometry.builder().batchSize(256).build();
    Sequence lr = Schedules.linear(0.01, 0.1).over(Length.samples(25_600)).then().cosineTo(0.001).over(Length.samples(100_000)).build(geometry);
    Sequence momentum = Schedules.linear(0.95, 0.85).over(Length.samples(25_600)).then().cosineTo(0.95).over(Length.samples(100_000)).build(geometry);
    // 25,600 / 256 = 100 updates; 125,600 / 256 = 490.6, so the cosine ends at update 491: 391 updates.
    assertEquals(List.of(100L, 391L), lr.phases().stream().map(p -> p.steps()).toList());
    assertSameAtEveryBoundary(lr, (Schedule) loader.loadClass("test.SamplesPlan$Lr").getField("SCHEDULE").get(null));
    assertSameAtEveryBoundary(momentum, (Schedule) loader.loadClass("test.SamplesPlan$Momentum").getField("SCHEDULE").get(null));
  }

  @Test
  void functionsOverARecordsComponentsComputeAsJava() throws Exception {
    Class<?> run = loader.loadClass("test.Run");
    Object config = run.getDeclaredConstructors()[0].newInstance(1e-3, 10_000L, 0.03, 512, 0.1, 250);
    Schedule generated = (Schedule) loader.loadClass("test.RunSchedule").getMethod("of", run).invoke(null, config);
    // round(10000 * 0.03) = 300; 10000 - 300 = 9700; min(250, 100) = 100.
    Sequence built = Schedules.linear(0, 1e-3 * Math.pow(512, -0.5)).over(300)
        .then().cosineTo(Math.max(1e-3 * 0.1, 1e-7)).over(9_700)
        .then().constant().over(100)
        .build();
    assertSameAtEveryBoundary(built, generated);
  }

  @Test
  void aLengthFromADoubleComponentIsCheckedFinite() throws Exception {
    Class<?> run = loader.loadClass("test.Run");
    Object config = run.getDeclaredConstructors()[0].newInstance(1e-3, 10_000L, Double.NaN, 512, 0.1, 250);
    Object violations = loader.loadClass("test.RunSchedule").getMethod("validate", run).invoke(null, config);
    assertEquals("[[NonFiniteValue] warmupRatio: warmupRatio (NaN) must be a finite number]", violations.toString());
  }

  @Test
  void aRecordsTokensResolveAtRunTimeAsTheBuilderResolvesThem() throws Exception {
    Class<?> run = loader.loadClass("test.TokenRun");
    Object config = run.getDeclaredConstructors()[0].newInstance(6e-4, 375_000_000L, 2.6e9);
    Schedule generated = (Schedule) loader.loadClass("test.TokenRunSchedule").getMethod("of", run).invoke(null, config);
    RunGeometry geometry = RunGeometry.builder().batchSize(512).sequenceLength(2048).build();
    Sequence built = Schedules.linear(0, 6e-4).over(Length.tokens(375_000_000))
        .then().cosineTo(6e-4 / 10).over(Length.tokens(2_600_000_000L))
        .build(geometry);
    // As in the fixed case: 358 and 2480 updates.
    assertEquals(List.of(358L, 2_480L), built.phases().stream().map(p -> p.steps()).toList());
    assertSameAtEveryBoundary(built, generated);
  }

  @Test
  void aRecordsLengthInAUnitBelowOneIsReportedOnItsAttribute() throws Exception {
    Class<?> run = loader.loadClass("test.TokenRun");
    Object config = run.getDeclaredConstructors()[0].newInstance(6e-4, 0L, 2.6e9);
    Object violations = loader.loadClass("test.TokenRunSchedule").getMethod("validate", run).invoke(null, config);
    assertEquals("[[NotPositive] phases[0].steps: tokens (0) must be greater than 0]", violations.toString());
  }

  private static Schedule fixed(String name) throws ReflectiveOperationException {
    return (Schedule) loader.loadClass("test." + name).getField("SCHEDULE").get(null);
  }

  /** Both sides of every boundary, the first step and 10 past the end, and the phases the model sees. */
  static void assertSameAtEveryBoundary(Sequence built, Schedule generated) {
    assertEquals(built.phases(), generated.phases());
    TreeSet<Long> steps = new TreeSet<>(List.of(0L, 1L));
    long boundary = 0;
    for (var phase : built.phases()) {
      boundary += phase.steps();
      for (long step = boundary - 1; step <= boundary + 1; step++) {
        steps.add(step);
      }
    }
    steps.add(boundary + 10);
    for (long step : steps) {
      assertEquals(Double.doubleToRawLongBits(built.valueAt(step)), Double.doubleToRawLongBits(generated.valueAt(step)),
          "at step " + step + ": built " + built.valueAt(step) + ", generated " + generated.valueAt(step));
    }
  }
}
