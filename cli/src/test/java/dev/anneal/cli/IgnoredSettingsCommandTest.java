package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that reads a config names the settings it ignores, one line each, where it prints
 * its warnings; a note never fails a command, {@code validate} included.
 */
class IgnoredSettingsCommandTest {
  /** A linear WarmupLR to 0.001 over 4 steps, with two sections that do not change it. */
  private static final String DS_CONFIG = """
      {"train_batch_size": 32,
       "zero_optimization": {"stage": 2},
       "optimizer": {"type": "SGD", "params": {"lr": 0.001}},
       "scheduler": {"type": "WarmupLR", "params": {"warmup_min_lr": 0, "warmup_max_lr": 0.001, "warmup_num_steps": 4,
                                                    "warmup_type": "linear"}}}
      """;

  private static final String TWO_UPDATES = "[TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use"
      + " warmup_min_lr (0): DeepSpeed sets it at construction and its formula gives it again for iteration 0 after the first step,"
      + " so the whole curve runs one update late";

  private static final String AT_ZERO = "[FirstUpdateAtZero] scheduler.params.warmup_min_lr: the first update uses a learning rate of 0"
      + " (warmup_min_lr is 0); it changes nothing";

  private static final String BATCH_NOTE =
      "[IgnoredSetting] train_batch_size: ignored: the scheduler steps once per optimizer update, whatever the batch size";

  private static final String ZERO_NOTE = "[IgnoredSetting] zero_optimization: ignored: ZeRO partitioning does not change the schedule";

  @TempDir Path dir;

  private Path config() throws IOException {
    return Files.writeString(dir.resolve("ds_config.json"), DS_CONFIG);
  }

  private static List<String> notes(Path file) {
    return List.of(file + ": " + BATCH_NOTE, file + ": " + ZERO_NOTE);
  }

  @Test
  void curveNamesEachIgnoredSectionOnStandardError() throws IOException {
    Path file = config();

    Anneal.Result result = Anneal.run("curve", file.toString(), "--format", "deepspeed", "--steps", "3");

    assertEquals(0, result.exitCode());
    assertEquals(List.of(file + ": " + TWO_UPDATES, file + ": " + AT_ZERO, file + ": " + BATCH_NOTE, file + ": " + ZERO_NOTE), result.err());
    assertEquals(3, result.out().size());
  }

  @Test
  void validatePrintsTheNotesAndSucceeds() throws IOException {
    Path file = config();

    Anneal.Result result = Anneal.run("validate", file.toString(), "--format", "deepspeed");

    assertEquals(0, result.exitCode());
    assertEquals(List.of(file + ": " + TWO_UPDATES, file + ": " + AT_ZERO, file + ": " + BATCH_NOTE, file + ": " + ZERO_NOTE), result.out());
    assertEquals(List.of(), result.err());
  }

  @Test
  void explainListsTheNotesApartFromTheQuirks() throws IOException {
    Path file = config();

    Anneal.Result result = Anneal.run("explain", file.toString(), "--format", "deepspeed", "--step", "2");

    assertEquals(0, result.exitCode());
    List<String> out = result.out();
    int heading = out.indexOf("settings of this config that do not change the schedule:");
    assertTrue(heading > 0, String.join("\n", out));
    assertEquals(List.of("  " + BATCH_NOTE, "  " + ZERO_NOTE), out.subList(heading + 1, out.size()));
  }

  @Test
  void plotConvertAndDiffNameTheIgnoredSectionsToo() throws IOException {
    Path file = config();

    Anneal.Result plot = Anneal.run("plot", file.toString(), "--format", "deepspeed", "--out", "-", "--steps", "10");
    Anneal.Result convert = Anneal.run("convert", file.toString(), "--from", "deepspeed", "--to", "anneal");
    Anneal.Result diff = Anneal.run("diff", file.toString(), file.toString(), "--format", "deepspeed", "--steps", "10");

    assertEquals(0, plot.exitCode());
    assertTrue(plot.err().containsAll(notes(file)), String.join("\n", plot.err()));
    assertEquals(0, convert.exitCode());
    assertTrue(convert.err().containsAll(notes(file)), String.join("\n", convert.err()));
    assertTrue(diff.err().containsAll(notes(file)), String.join("\n", diff.err()));
  }

  @Test
  void aTrainingArgumentsDumpNamesItsOtherFields() throws IOException {
    Path file = Files.writeString(dir.resolve("args.json"), """
        {"learning_rate": 0.001, "lr_scheduler_type": "constant", "per_device_train_batch_size": 16, "seed": 42}
        """);

    Anneal.Result result = Anneal.run("curve", file.toString(), "--format", "transformers", "--steps", "2");

    assertEquals(0, result.exitCode());
    assertEquals(List.of(
        file + ": [IgnoredSetting] per_device_train_batch_size: ignored: the batch size changes the samples per update, not the"
            + " schedule, which counts optimizer updates",
        file + ": [IgnoredSetting] seed: ignored: the random seed does not change the schedule"), result.err());
    assertEquals(List.of("0\t0.001", "1\t0.001"), result.out());
  }
}
