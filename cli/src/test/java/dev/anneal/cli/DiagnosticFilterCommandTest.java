package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --quiet}, {@code --suppress} and {@code validate --strict}, through the entry point of
 * every command family that reads a config: what each prints on standard error (or in its
 * document), and the usage errors of a code that cannot be suppressed.
 */
class DiagnosticFilterCommandTest {
  /**
   * A faithful ds_config that DeepSpeed runs: one warning (a warm-up of 1 step is raised to 2),
   * two notes of DeepSpeed's own behaviour and one setting Anneal reads and does not apply.
   */
  private static final String DS = """
      {
        "train_batch_size": 32,
        "optimizer": {"type": "AdamW", "params": {"lr": 3e-4}},
        "scheduler": {"type": "WarmupLR", "params": {"warmup_min_lr": 1e-6, "warmup_max_lr": 3e-4, "warmup_num_steps": 1}}
      }
      """;

  /** The same, with nothing probably wrong: DeepSpeed's quirks (notes) and the ignored setting only. */
  private static final String FAITHFUL = DS.replace("\"warmup_num_steps\": 1", "\"warmup_num_steps\": 10");

  private static final String IGNORED = "[IgnoredSetting] train_batch_size: ignored: the scheduler steps once per optimizer update, whatever the batch size";
  private static final String LOG_DEFAULT = "[LogWarmupDefault] scheduler.params.warmup_type: log warm-up is DeepSpeed's default"
      + " (the lr rises as ln(t + 1) / ln(2)); add `warmup_type: linear` if you meant a straight ramp";
  private static final String RAISED = "[WarmupRaisedToTwo] scheduler.params.warmup_num_steps: warmup_num_steps 1 is raised to 2 by DeepSpeed"
      + " (its warm-up divides by ln(warmup_num_steps)); write 2 to say what runs";
  private static final String TWO_UPDATES = "[TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr"
      + " (1.0E-6): DeepSpeed sets it at construction and its formula gives it again for iteration 0 after the first step, so the whole"
      + " curve runs one update late";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path ds() throws IOException {
    return Files.writeString(dir.resolve("ds_config.json"), DS);
  }

  /** The lines {@code err} holds about {@code file}, without the file's name. */
  private static List<String> about(Path file, List<String> err) {
    String prefix = file + ": ";
    return err.stream().map(line -> line.startsWith(prefix) ? line.substring(prefix.length()) : line).toList();
  }

  private static String[] args(String... args) {
    return args;
  }

  private static String[] with(String[] first, String... more) {
    return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void curvePrintsWarningsAndNotesOnStandardErrorByDefault() throws IOException {
    Path config = ds();

    Anneal.Result result = Anneal.run("curve", config.toString(), "--steps", "2");

    assertEquals(0, result.exitCode());
    assertEquals(List.of(RAISED, LOG_DEFAULT, TWO_UPDATES, IGNORED), about(config, result.err()));
    assertEquals(2, result.out().size());
  }

  @Test
  void quietLeavesOnlyTheSettingsAnnealDoesNotApply() throws IOException {
    Path config = ds();

    Anneal.Result result = Anneal.run("curve", config.toString(), "--steps", "2", "--quiet");

    assertEquals(0, result.exitCode());
    assertEquals(List.of(IGNORED), about(config, result.err()));
    assertEquals(2, result.out().size());
  }

  @Test
  void suppressLeavesOutTheCodesItNames() throws IOException {
    Path config = ds();

    Anneal.Result some = Anneal.run("curve", config.toString(), "--steps", "2", "--suppress", "LogWarmupDefault,WarmupRaisedToTwo");
    Anneal.Result repeated = Anneal.run("curve", config.toString(), "--steps", "2", "--suppress", "LogWarmupDefault", "--suppress", "WarmupRaisedToTwo");
    Anneal.Result nothing = Anneal.run("curve", config.toString(), "--steps", "2", "--quiet", "--suppress", "IgnoredSetting");

    assertEquals(0, some.exitCode());
    assertEquals(List.of(TWO_UPDATES, IGNORED), about(config, some.err()));
    assertEquals(some.err(), repeated.err());
    assertEquals(List.of(), nothing.err());
    assertEquals(0, nothing.exitCode());
  }

  @Test
  void anUnknownCodeIsAUsageErrorWithTheClosestCode() throws IOException {
    Anneal.Result result = Anneal.run("curve", ds().toString(), "--suppress", "FirstUpdateAtZer");

    assertEquals(2, result.exitCode());
    assertEquals(List.of("anneal curve: Invalid value for option '--suppress' (CODE): unknown code 'FirstUpdateAtZer';"
        + " did you mean `FirstUpdateAtZero`? See 'anneal curve --help'."), result.err());
    assertEquals(List.of(), result.out());
  }

  @Test
  void aCodeFarFromAnyListsTheCodesThatCanBeSuppressed() throws IOException {
    Anneal.Result result = Anneal.run("validate", ds().toString(), "--suppress", "everything");

    assertEquals(2, result.exitCode());
    String line = result.err().get(0);
    assertTrue(line.startsWith("anneal validate: Invalid value for option '--suppress' (CODE): unknown code 'everything'; expected one of: "), line);
    for (String id : KnownCodes.suppressible()) {
      assertTrue(line.contains(id), id + " in " + line);
    }
    assertTrue(!line.contains("UnknownKey"), line);
  }

  @Test
  void anErrorCannotBeSuppressed() throws IOException {
    Anneal.Result result = Anneal.run("validate", ds().toString(), "--suppress", "UnknownKey");

    assertEquals(2, result.exitCode());
    assertEquals(List.of("anneal validate: Invalid value for option '--suppress' (CODE): UnknownKey is an error, and errors cannot be"
        + " suppressed (only warnings and notes can): fix what it names. See 'anneal validate --help'."), result.err());
  }

  @Test
  void codesAreMatchedAsPrinted() throws IOException {
    Anneal.Result result = Anneal.run("curve", ds().toString(), "--suppress", "logwarmupdefault");

    assertEquals(2, result.exitCode());
    assertEquals(List.of("anneal curve: Invalid value for option '--suppress' (CODE): unknown code 'logwarmupdefault';"
        + " did you mean `LogWarmupDefault`? See 'anneal curve --help'."), result.err());
  }

  @Test
  void validatePassesWarningsAndFailsOnThemOnlyWhenStrict() throws IOException {
    Path config = ds();

    Anneal.Result lenient = Anneal.run("validate", config.toString());
    Anneal.Result strict = Anneal.run("validate", config.toString(), "--strict");
    Anneal.Result strictSuppressed = Anneal.run("validate", config.toString(), "--strict", "--suppress", "WarmupRaisedToTwo");

    assertEquals(0, lenient.exitCode());
    assertEquals(List.of(RAISED, LOG_DEFAULT, TWO_UPDATES, IGNORED), about(config, lenient.out()));
    assertEquals(1, strict.exitCode());
    assertEquals(lenient.out(), strict.out());
    assertEquals(0, strictSuppressed.exitCode());
    assertEquals(List.of(LOG_DEFAULT, TWO_UPDATES, IGNORED), about(config, strictSuppressed.out()));
  }

  @Test
  void notesNeverFailAStrictValidation() throws IOException {
    Path config = Files.writeString(dir.resolve("faithful.json"), FAITHFUL);

    Anneal.Result result = Anneal.run("validate", config.toString(), "--strict");

    assertEquals(0, result.exitCode());
    assertTrue(result.out().stream().anyMatch(line -> line.contains("[TwoUpdatesAtWarmupMin]")), result.out().toString());
  }

  @Test
  void aStrictQuietValidationStillPrintsTheWarningThatFailsIt() throws IOException {
    Path config = ds();

    Anneal.Result quiet = Anneal.run("validate", config.toString(), "--quiet");
    Anneal.Result strictQuiet = Anneal.run("validate", config.toString(), "--quiet", "--strict");

    assertEquals(0, quiet.exitCode());
    assertEquals(List.of(IGNORED), about(config, quiet.out()));
    assertEquals(1, strictQuiet.exitCode());
    assertEquals(List.of(RAISED, IGNORED), about(config, strictQuiet.out()));
  }

  @Test
  void jsonLeavesOutWhatTheTextWould() throws IOException {
    Path config = ds();

    Anneal.Result all = Anneal.run("curve", config.toString(), "--steps", "2", "--json");
    Anneal.Result some = Anneal.run("curve", config.toString(), "--steps", "2", "--json", "--suppress", "TwoUpdatesAtWarmupMin,IgnoredSetting");
    Anneal.Result quiet = Anneal.run("validate", config.toString(), "--json", "--quiet", "--strict");

    assertEquals(List.of("WarmupRaisedToTwo", "LogWarmupDefault", "TwoUpdatesAtWarmupMin", "IgnoredSetting"), codes(all));
    assertEquals(List.of("WarmupRaisedToTwo", "LogWarmupDefault"), codes(some));
    JsonNode validated = JSON.readTree(quiet.outText());
    assertEquals(1, quiet.exitCode());
    assertEquals(false, validated.get("valid").asBoolean());
    List<String> codes = new ArrayList<>();
    validated.get("files").get(0).get("diagnostics").forEach(d -> codes.add(d.get("code").asText()));
    assertEquals(List.of("WarmupRaisedToTwo", "IgnoredSetting"), codes);
  }

  @Test
  void everyCommandThatReadsAConfigTakesTheOptions() throws IOException {
    Path config = ds();
    Path copy = Files.writeString(dir.resolve("ds_copy.json"), DS);
    List<String[]> commands = List.of(
        args("curve", config.toString(), "--steps", "2"),
        args("plot", config.toString(), "--out", "-", "--steps", "3"),
        args("explain", config.toString(), "--step", "1"),
        args("diff", config.toString(), copy.toString()),
        args("convert", config.toString(), "--to", "anneal"),
        args("validate", config.toString()));
    for (String[] command : commands) {
      Anneal.Result loud = Anneal.run(command);
      Anneal.Result quiet = Anneal.run(with(command, "--quiet"));
      Anneal.Result suppressed = Anneal.run(with(command, "--quiet", "--suppress", "IgnoredSetting"));
      String name = command[0];
      List<String> loudLines = name.equals("validate") || name.equals("explain") ? loud.out() : loud.err();
      List<String> quietLines = name.equals("validate") || name.equals("explain") ? quiet.out() : quiet.err();
      List<String> suppressedLines = name.equals("validate") || name.equals("explain") ? suppressed.out() : suppressed.err();
      assertTrue(loudLines.stream().anyMatch(line -> line.contains("[WarmupRaisedToTwo]")), name + ": " + loudLines);
      assertTrue(loudLines.stream().anyMatch(line -> line.contains("[TwoUpdatesAtWarmupMin]")), name + ": " + loudLines);
      assertTrue(quietLines.stream().noneMatch(line -> line.contains("[WarmupRaisedToTwo]") || line.contains("[TwoUpdatesAtWarmupMin]")),
          name + ": " + quietLines);
      assertTrue(quietLines.stream().anyMatch(line -> line.contains("[IgnoredSetting]")), name + ": " + quietLines);
      assertTrue(suppressedLines.stream().noneMatch(line -> line.matches(".*\\[[A-Z]\\w+\\] .*")), name + ": " + suppressedLines);
      assertEquals(loud.exitCode(), quiet.exitCode(), name);
    }
  }

  @Test
  void trainAndFindLrFilterTheConfigsDiagnosticsToo() throws IOException {
    Path config = ds();
    // A bad option stops each before any training, after the config's diagnostics are printed.
    for (String[] command : List.of(args("train", "--config", config.toString(), "--epochs", "1", "--steps", "1"),
        args("find-lr", "--config", config.toString(), "--optimizer", "nope"))) {
      Anneal.Result loud = Anneal.run(command);
      Anneal.Result quiet = Anneal.run(with(command, "--quiet"));
      String name = command[0];
      assertEquals(2, loud.exitCode(), name + ": " + loud.err());
      assertTrue(loud.err().stream().anyMatch(line -> line.contains("[WarmupRaisedToTwo]")), name + ": " + loud.err());
      assertTrue(quiet.err().stream().noneMatch(line -> line.contains("[WarmupRaisedToTwo]") || line.contains("[LogWarmupDefault]")),
          name + ": " + quiet.err());
      assertEquals(loud.err().get(loud.err().size() - 1), quiet.err().get(quiet.err().size() - 1), name);
    }
  }

  private static List<String> codes(Anneal.Result result) throws IOException {
    List<String> codes = new ArrayList<>();
    JSON.readTree(result.outText()).get("diagnostics").forEach(d -> codes.add(d.get("code").asText()));
    return codes;
  }
}
