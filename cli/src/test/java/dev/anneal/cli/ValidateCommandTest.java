package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  private static final String CLEAN = "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 0.1, \"steps\": \"forever\"}]}}";
  private static final String WARNS = """
      {"lr": {"phases": [{"shape": "milestones", "from": 0.1, "milestones": [30, 30], "factor": 0.1, "steps": "forever"}]}}
      """;
  private static final String BROKEN = """
      {"lr": {"phases": [{"shape": "cosine", "from": 0.1, "to": 0, "steps": 0}], "aftr": "hold"},
       "momentum": {"phases": [{"shape": "constant", "value": 0, "steps": 1}]}}
      """;

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void aCleanFilePrintsNothing() throws IOException {
    Anneal.Result result = Anneal.run("validate", file("clean.json", CLEAN).toString(), "--format", "anneal");

    assertEquals(List.of(), result.out());
    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void warningsAlonePassWithOneLineEach() throws IOException {
    Path warns = file("warns.json", WARNS);

    Anneal.Result result = Anneal.run("validate", warns.toString(), "--format", "anneal");

    assertEquals(List.of(warns + ": [RepeatedMilestone] lr.phases[0].milestones[1]: milestone 30 is repeated 2 times, "
        + "so the factor is applied 2 times at once (PyTorch behaviour)"), result.out());
    assertEquals(0, result.exitCode());
  }

  @Test
  void everyErrorOfEveryFileIsPrintedAndFails() throws IOException {
    Path clean = file("clean.json", CLEAN);
    Path broken = file("broken.json", BROKEN);
    Path warns = file("warns.json", WARNS);

    Anneal.Result result = Anneal.run("validate", clean.toString(), broken.toString(), warns.toString(), "--format", "anneal");

    assertEquals(List.of(
        broken + ": [NonPositiveLength] lr.phases[0].steps: steps (0) must be at least 1",
        broken + ": [UnknownKey] lr.aftr: unknown key 'aftr'; did you mean `after`?",
        warns + ": [RepeatedMilestone] lr.phases[0].milestones[1]: milestone 30 is repeated 2 times, "
            + "so the factor is applied 2 times at once (PyTorch behaviour)"), result.out());
    assertEquals(List.of(), result.err());
    assertEquals(1, result.exitCode());
  }

  @Test
  void aFileWithErrorsStillShowsItsWarningsAfterThem() throws IOException {
    Path both = file("both.json", """
        {"lr": {"phases": [{"shape": "milestones", "from": 0.1, "milestones": [30, 30], "factor": 0.1, "steps": "forever"}]},
         "momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": 0}]}}
        """);

    Anneal.Result result = Anneal.run("validate", both.toString(), "--format", "anneal");

    assertEquals(List.of(
        both + ": [NonPositiveLength] momentum.phases[0].steps: steps (0) must be at least 1",
        both + ": [RepeatedMilestone] lr.phases[0].milestones[1]: milestone 30 is repeated 2 times, "
            + "so the factor is applied 2 times at once (PyTorch behaviour)"), result.out());
    assertEquals(1, result.exitCode());
  }

  @Test
  void aDeepSpeedConfigWithAnErrorStillShowsTheDefaultsItWouldHide() throws IOException {
    Path config = file("ds_config.json", """
        {"optimizer": {"type": "Adam", "params": {"lr": 0.001}},
         "scheduler": {"type": "WarmupLR", "params": {"warmup_type": "linear", "warmup_min_lr": 0, "warmup_num_steps": 0}}}
        """);

    Anneal.Result result = Anneal.run("validate", config.toString(), "--format", "deepspeed");

    assertEquals(List.of(
        config + ": [NonPositiveLength] scheduler.params.warmup_num_steps: warmup_num_steps (0) must be at least 1",
        config + ": [HiddenDefault] scheduler.params.warmup_max_lr: warmup_max_lr is absent; DeepSpeed uses the optimizer's lr (0.001)"),
        result.out());
    assertEquals(1, result.exitCode());
  }

  @Test
  void aFileThatCannotBeReadIsBadInputButTheOthersAreStillChecked() throws IOException {
    Path missing = dir.resolve("missing.json");
    Path broken = file("broken.json", "{\"lr\": {\"phases\": []}}");

    Anneal.Result result = Anneal.run("validate", missing.toString(), broken.toString(), "--format", "anneal");

    assertEquals(List.of(broken + ": [EmptySchedule] lr.phases: a schedule needs at least one phase"), result.out());
    assertEquals(List.of(missing + ": [UnreadableFile] cannot read the file: no such file"), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void anUnknownFormatIsBadInput() throws IOException {
    Anneal.Result result = Anneal.run("validate", file("clean.json", CLEAN).toString(), "--format", "anneall");

    assertEquals(List.of("[UnknownType] --format: unknown format 'anneall'; did you mean `anneal`?"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void atLeastOneFileIsNeeded() {
    Anneal.Result result = Anneal.run("validate", "--format", "anneal");

    assertEquals(List.of("anneal validate: Missing required parameter: 'FILE'. See 'anneal validate --help'."), result.err());
    assertEquals(2, result.exitCode());
  }
}
