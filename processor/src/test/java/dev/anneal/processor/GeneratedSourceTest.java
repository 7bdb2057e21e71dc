package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated sources, compared as exact text with the checked-in files under {@code
 * src/test/resources/expected}. After an intended change, regenerate them with {@code mvn -pl
 * processor test -Dtest=GeneratedSourceTest -Dgolden.update=true} and review the diff.
 */
class GeneratedSourceTest {
  private static Compilation compilation;

  @BeforeAll
  static void compile() {
    compilation = Compile.compile(
        Compile.type("Gpt", """
            @TrainingSchedule(phases = {
                @PhaseSpec(shape = LINEAR, steps = "2_000", from = "0", to = "3e-4"),
                @PhaseSpec(shape = CONSTANT, steps = "10_000"),
                @PhaseSpec(shape = COSINE, steps = "88_000", to = "3e-5")})
            @SuppressWarnings("anneal:FirstUpdateAtZero")"""),
        Compile.source("Run", """
            @TrainingSchedule(phases = {
                @PhaseSpec(shape = LINEAR, steps = "warmup", from = "peak / 100", to = "peak"),
                @PhaseSpec(shape = COSINE, steps = "total - warmup", to = "peak * minRatio")})""",
            "public record Run(double peak, long warmup, long total, double minRatio) {}"),
        Compile.type("OneCycleSgd", """
            @TrainingPlan(channels = {
                @Channel(name = "lr", phases = {
                    @PhaseSpec(shape = LINEAR, steps = "300", from = "0.004", to = "0.1"),
                    @PhaseSpec(shape = COSINE, steps = "700", to = "4e-7")}),
                @Channel(name = "momentum", phases = {
                    @PhaseSpec(shape = LINEAR, from = "0.95", to = "0.85"),
                    @PhaseSpec(shape = COSINE, to = "0.95")})})"""),
        Compile.type("Decay", """
            @TrainingSchedule(afterEnd = AfterEnd.FAIL, phases = {
                @PhaseSpec(shape = MILESTONES, steps = "300", from = "0.1", milestones = {"100", "200"}, factor = "0.1")})"""),
        Compile.type("Tokens", """
            @TrainingSchedule(geometry = @Geometry(batchSize = 256, sequenceLength = 2_048), phases = {
                @PhaseSpec(shape = LINEAR, steps = "375_000_000", unit = dev.anneal.geometry.Unit.TOKENS, from = "6e-6", to = "6e-4"),
                @PhaseSpec(shape = COSINE, steps = "round(sqrt(1e6)) * 1_000", to = "6e-5")})"""),
        Compile.source("TokenRun", """
            @TrainingSchedule(geometry = @Geometry(batchSize = 512, sequenceLength = 2048), phases = {
                @PhaseSpec(shape = LINEAR, steps = "warmupTokens", unit = dev.anneal.geometry.Unit.TOKENS, from = "peak / 100", to = "peak"),
                @PhaseSpec(shape = COSINE, steps = "round(totalTokens * 0.9)", unit = dev.anneal.geometry.Unit.TOKENS, to = "peak / 10")})""",
            "public record TokenRun(double peak, long warmupTokens, long totalTokens) {}"),
        Compile.type("Clocked", """
            @TrainingSchedule(
                clock = dev.anneal.schedule.Clock.TOKENS,
                geometry = @Geometry(sequenceLength = 1_000, batchSteps = "0:32 2.4B:640 12B:3200"),
                phases = {
                    @PhaseSpec(shape = LINEAR, steps = "375e6", unit = dev.anneal.geometry.Unit.TOKENS, from = "6e-6", to = "6e-5"),
                    @PhaseSpec(shape = COSINE, steps = "260e9", unit = dev.anneal.geometry.Unit.TOKENS, to = "6e-6"),
                    @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER)})"""),
        Compile.type("Plateau", """
            @TrainingSchedule(phases = {
                @PhaseSpec(shape = LINEAR, steps = "500", from = "1e-4", to = "1e-3"),
                @PhaseSpec(shape = PLATEAU, steps = PhaseSpec.FOREVER, factor = "0.5", patience = "3")})"""));
    assertEquals(List.of(), Compile.diagnostics(compilation));
  }

  static Stream<String> generated() {
    return Stream.of("GptSchedule", "RunSchedule", "OneCycleSgdPlan", "DecaySchedule", "TokensSchedule", "TokenRunSchedule", "PlateauSchedule", "ClockedSchedule");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generated")
  void generatedSourceIsExactlyTheCheckedInText(String name) throws IOException {
    String actual = Compile.generatedSource(compilation, "test." + name);
    Path expected = Path.of(System.getProperty("expected.dir", "src/test/resources/expected"), name + ".java.txt");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(expected.getParent());
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, "generated " + name + " differs from " + expected);
  }
}
