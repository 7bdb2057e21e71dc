package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.ChangingFormat;
import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Sequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
  /** A cycle of 4 steps that goes on after its end: 0 at step 4, 0.5 at step 5. Its first update is at 0. */
  private static final String CYCLING = """
      {"lr": {"phases": [{"shape": "cyclic", "base": 0, "max": 1, "up": 2, "down": 2, "steps": 4}], "after": "continue"}}
      """;

  private static final String ZERO_WARNING =
      ": [FirstUpdateAtZero] lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing";

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void anExactConversionPrintsTheConfig() throws IOException {
    Path source = file("source.json", "{\"lr\": {\"phases\": [{\"shape\": \"cosine\", \"from\": 1e-3, \"to\": 0, \"steps\": 100, \"cycles\": 0.5}]}}");

    Anneal.Result result = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "anneal");

    assertEquals("""
        {
          "lr": {
            "phases": [
              {"shape": "cosine", "from": 0.001, "to": 0, "steps": 100}
            ],
            "after": "hold"
          }
        }
        """, result.outText());
    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void whatTheTargetLacksIsNamedAndNothingIsPrinted() throws IOException {
    Path source = file("source.json", CYCLING);
    ChangingFormat noCycles = new ChangingFormat("nocycles", plan -> {
      throw new InvalidScheduleException(ConfigCode.unsupported("lr.phases[0]", "cyclic", "nocycles", "nocycles has no cyclic schedule"));
    });

    Anneal.Result result = Anneal.run(TestFormats.with(noCycles), "convert", source.toString(), "--from", "anneal", "--to", "nocycles");

    assertEquals(List.of(source + ZERO_WARNING, source + ": [Unsupported] lr.phases[0]: cannot be written as nocycles: nocycles has no cyclic schedule"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(1, result.exitCode());
  }

  @Test
  void theFirstDifferingStepIsNamed() throws IOException {
    Path source = file("source.json", CYCLING);
    ChangingFormat holds = new ChangingFormat("holds",
        plan -> Plan.of(Sequence.of(plan.lr().phases().get(0).shape(), 4, AfterEnd.HOLD)));

    Anneal.Result result = Anneal.run(TestFormats.with(holds), "convert", source.toString(), "--from", "anneal", "--to", "holds");

    assertEquals(List.of(source + ZERO_WARNING, source + ": [ConversionDiffers] lr: converted to holds, the value at step 5 is 0 "
        + "instead of 0.5; holds cannot express this schedule exactly"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(1, result.exitCode());
  }

  @Test
  void stepsBoundTheComparison() throws IOException {
    Path source = file("source.json", CYCLING);
    ChangingFormat holds = new ChangingFormat("holds",
        plan -> Plan.of(Sequence.of(plan.lr().phases().get(0).shape(), 4, AfterEnd.HOLD)));

    Anneal.Result result = Anneal.run(TestFormats.with(holds), "convert", source.toString(), "--from", "anneal", "--to", "holds", "--steps", "5");

    assertEquals(0, result.exitCode());
    assertEquals("    \"after\": \"hold\"", result.out().get(result.out().size() - 3));
  }

  @Test
  void sourceWarningsGoToStandardError() throws IOException {
    Path source = file("source.json", "{\"phases\": [{\"shape\": \"linear\", \"from\": 0, \"to\": 1, \"steps\": 10}]}");

    Anneal.Result result = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "anneal");

    assertEquals(List.of(source + ": [FirstUpdateAtZero] the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing"),
        result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void badInputIsNamed() throws IOException {
    Path source = file("source.json", "{\"lr\": {\"phases\": [{\"shape\": \"cosine\", \"from\": 1, \"to\": 0, \"steps\": 0}]}}");

    Anneal.Result unknownTarget = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "aneal");
    Anneal.Result badSource = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "anneal");
    Anneal.Result badSteps = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "anneal", "--steps", "-3");

    assertEquals(List.of("[UnknownType] --to: unknown format 'aneal'; did you mean `anneal`?"), unknownTarget.err());
    assertEquals(List.of(source + ": [NonPositiveLength] lr.phases[0].steps: steps (0) must be at least 1"), badSource.err());
    assertEquals(List.of("[NonPositiveLength] --steps: --steps (-3) must be at least 1"), badSteps.err());
    for (Anneal.Result result : List.of(unknownTarget, badSource, badSteps)) {
      assertEquals(List.of(), result.out());
      assertEquals(2, result.exitCode());
    }
  }
}
