package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal diff} through the command's entry point. */
class DiffCommandTest {
  /** lr 1 for 10 steps (declared end 10, held after). */
  private static final String BEFORE = "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 10}]}}";

  /** lr 1 for 5 steps, then 0.5 for 5 (declared end 10, held after); momentum 0.9. */
  private static final String AFTER = """
      {"lr": {"phases": [{"shape": "constant", "value": 1, "steps": 5}, {"shape": "constant", "value": 0.5, "steps": 5}]},
       "momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": "forever"}]}}
      """;

  @TempDir Path dir;

  @Test
  void namesTheFirstAndLargestDifferenceOfEachChannel() throws IOException {
    Path before = Files.writeString(dir.resolve("before.json"), BEFORE);
    Path after = Files.writeString(dir.resolve("after.json"), AFTER);

    Anneal.Result result = Anneal.run("diff", before.toString(), after.toString());

    // Horizon: the declared end 10 and max(100, 10/10) past it = 110 steps; steps 5 to 109 differ (105).
    assertEquals(List.of(
        "lr: differs from step 5 (A 1, B 0.5); largest difference at step 5 (A 1, B 0.5, B - A = -0.5); 105 of 110 steps differ",
        "momentum: only in B (" + after + ")"), result.out());
    assertEquals(List.of(), result.err());
    assertEquals(1, result.exitCode());
  }

  @Test
  void theSameSchedulesAreSaidToBeTheSame() throws IOException {
    Path before = Files.writeString(dir.resolve("before.json"), BEFORE);

    Anneal.Result result = Anneal.run("diff", before.toString(), before.toString(), "--steps", "20");

    assertEquals(List.of("lr: the same at every step 0 to 19"), result.out());
    assertEquals(0, result.exitCode());
  }

  @Test
  void differentFormatsCompareToo() throws IOException {
    // DeepSpeed WarmupLR, linear, 0 → 1e-3 over 4 steps; the same curve in Anneal JSON starts one update late (DeepSpeed's quirk).
    Path ds = Files.writeString(dir.resolve("ds_config.json"), """
        {"optimizer": {"type": "AdamW", "params": {"lr": 0.001}},
         "scheduler": {"type": "WarmupLR", "params": {"warmup_min_lr": 0, "warmup_max_lr": 0.001, "warmup_num_steps": 4, "warmup_type": "linear"}}}
        """);
    Path anneal = Files.writeString(dir.resolve("plan.json"), "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 0.001, \"steps\": 8}]}}");

    Anneal.Result result = Anneal.run("diff", anneal.toString(), ds.toString(), "--format-b", "deepspeed", "--steps", "3");

    // DeepSpeed: 0, 0, then 1e-3 · 1/4.
    assertEquals(List.of("lr: differs from step 0 (A 0.001, B 0); largest difference at step 0 (A 0.001, B 0, B - A = -0.001); 3 of 3 steps differ"),
        result.out());
    assertEquals(1, result.exitCode());
  }

  @Test
  void aDifferencePast20MillionStepsIsFound() throws IOException {
    // Equal (1) up to step 25,000,000; there A drops to 0.5 while B stays at 1 until 30,000,000, held after.
    Path a = Files.writeString(dir.resolve("a.json"), "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 25000000},"
        + " {\"shape\": \"constant\", \"value\": 0.5, \"steps\": 5000000}]}}");
    Path b = Files.writeString(dir.resolve("b.json"), "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 30000000}]}}");

    Anneal.Result result = Anneal.run("diff", a.toString(), b.toString());

    // Horizon: the later end, 30,000,000, and a tenth past it. Steps 25,000,000 to 32,999,999 differ: 8,000,000.
    assertEquals(List.of("lr: differs from step 25000000 (A 0.5, B 1); largest difference at step 25000000 (A 0.5, B 1, B - A = 0.5);"
        + " 8000000 of 33000000 steps differ"), result.out());
    assertEquals(1, result.exitCode());
  }

  @Test
  void stepsThatWereNotComparedAreNeverCalledTheSame() throws IOException {
    // A line from 1 to 1 is 1 at every step, as the constant is, but through another formula: each step must be evaluated.
    Path a = Files.writeString(dir.resolve("a.json"), "{\"lr\": {\"phases\": [{\"shape\": \"linear\", \"from\": 1, \"to\": 1, \"steps\": 30000000}]}}");
    Path b = Files.writeString(dir.resolve("b.json"), "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 30000000}]}}");

    Anneal.Result result = Anneal.run("diff", a.toString(), b.toString());

    // 33,000,000 steps: past the end both hold 1 (3,000,000 proven); of the 30,000,000 before, 1,000 at each end and every other
    // step between (29,998,000 / 2 = 14,999,000) are compared, 15,001,000 in all, and 14,999,000 are not.
    assertEquals(List.of("lr: the same at every step compared, but 14999000 of the 33000000 steps 0 to 32999999 were not compared"
        + " (more than 20000000 to compare one by one; 15001000 compared, among them every phase boundary of both and its neighbours,"
        + " and evenly spaced steps between); pass --steps 20000000 or fewer to compare every step"), result.out());
    assertEquals(0, result.exitCode());

    Anneal.Result within = Anneal.run("diff", a.toString(), b.toString(), "--steps", "20000000");

    assertEquals(List.of("lr: the same at every step 0 to 19999999"), within.out());
    assertEquals(0, within.exitCode());
  }

  @Test
  void badInputIsNamed() throws IOException {
    Path before = Files.writeString(dir.resolve("before.json"), BEFORE);
    Anneal.Result zero = Anneal.run("diff", before.toString(), before.toString(), "--steps", "0");
    assertEquals(List.of("[NonPositiveLength] --steps: --steps (0) must be at least 1"), zero.err());
    assertEquals(2, zero.exitCode());
    Path missing = dir.resolve("missing.json");
    Anneal.Result result = Anneal.run("diff", before.toString(), missing.toString());
    assertEquals(List.of(missing + ": [UnreadableFile] cannot read the file: no such file"), result.err());
    assertEquals(2, result.exitCode());
    Anneal.Result one = Anneal.run("diff", before.toString());
    assertEquals(List.of("anneal diff: Missing required parameter: 'B'. See 'anneal diff --help'."), one.err());
    assertEquals(2, one.exitCode());
  }
}
