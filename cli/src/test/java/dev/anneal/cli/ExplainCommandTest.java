package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal explain} through the command's entry point, on Anneal JSON and on a DeepSpeed config. */
class ExplainCommandTest {
  private static final String PLAN = """
      {
        "lr": {"phases": [
          {"shape": "linear", "from": 0, "to": 1, "steps": 4},
          {"shape": "constant", "value": 1, "steps": 4}
        ]},
        "momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": "forever"}]}
      }
      """;

  /** DeepSpeed's WarmupLR with its default log warm-up from 0: three quirks. */
  private static final String DS_CONFIG = """
      {"optimizer": {"type": "AdamW", "params": {"lr": 0.001}},
       "scheduler": {"type": "WarmupLR", "params": {"warmup_min_lr": 0, "warmup_max_lr": 0.001, "warmup_num_steps": 100}}}
      """;

  private static final String OPEN_ENDED =
      "    open-ended: no declared end; curve shows 1000 steps by default, plot 1000 unless another channel ends; pass --steps to see more";

  @TempDir Path dir;

  private static void assertBadInput(Anneal.Result result, String... errLines) {
    assertEquals(List.of(errLines), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void everyChannelIsExplainedWithTheWarningsThatConcernIt() throws IOException {
    Path plan = Files.writeString(dir.resolve("plan.json"), PLAN);

    Anneal.Result result = Anneal.run("explain", plan.toString(), "--step", "2");

    // lr at step 2: 0 + (1 - 0) * 2 / 4 = 0.5; momentum 0.9 from its only phase.
    assertEquals(List.of(
        "lr: step 2: 0.5 from phases[0] (linear warm-up, local step 2)",
        "    formula: from + (to - from) * t / n",
        "    inputs: from=0, n=4, t=2, to=1",
        "momentum: step 2: 0.9 from phases[0] (constant, local step 2)",
        "    formula: value",
        "    inputs: n=open, t=2, value=0.9",
        OPEN_ENDED,
        "warnings and notes:",
        "  [FirstUpdateAtZero] lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing"), result.out());
    assertEquals(0, result.exitCode());

    Anneal.Result momentumOnly = Anneal.run("explain", plan.toString(), "--step", "9", "--channel", "momentum");

    assertEquals(List.of(
        "momentum: step 9: 0.9 from phases[0] (constant, local step 9)",
        "    formula: value",
        "    inputs: n=open, t=9, value=0.9",
        OPEN_ENDED), momentumOnly.out(), "the lr warning concerns another channel");
  }

  @Test
  void aCompatibilityConfigListsTheUpstreamQuirks() throws IOException {
    Path config = Files.writeString(dir.resolve("ds_config.json"), DS_CONFIG);

    Anneal.Result result = Anneal.run("explain", config.toString(), "--format", "deepspeed", "--step", "0");

    // The first update: DeepSpeed's constant warmup_min_lr for two updates, then the log ramp.
    assertEquals(List.of(
        "lr: step 0: 0 from phases[0] (constant, local step 0)",
        "    formula: value",
        "    inputs: n=1, t=0, value=0",
        "upstream quirks of deepspeed that Anneal reproduces in this config:",
        "  [LogWarmupDefault] scheduler.params.warmup_type: log warm-up is DeepSpeed's default (the lr rises as ln(t + 1) / ln(100)); add `warmup_type: linear` if you meant a straight ramp",
        "  [TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr (0): DeepSpeed sets it at construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late",
        "  [FirstUpdateAtZero] scheduler.params.warmup_min_lr: the first update uses a learning rate of 0 (warmup_min_lr is 0); it changes nothing"),
        result.out());
    assertEquals(0, result.exitCode());
  }

  @Test
  void anImportedScheduleSaysWhereItEndsOrThatItNeverDoes() throws IOException {
    Path decay = Files.writeString(dir.resolve("ds_config.json"), CurveCommandTest.DS_WARMUP_DECAY);
    Path rangeTest = Files.writeString(dir.resolve("range_test.json"), """
        {"scheduler": {"type": "LRRangeTest", "params": {"lr_range_test_min_lr": 0.0001, "lr_range_test_step_size": 100}}}
        """);

    Anneal.Result ended = Anneal.run("explain", decay.toString(), "--format", "deepspeed", "--step", "6000", "--channel", "lr");
    Anneal.Result open = Anneal.run("explain", rangeTest.toString(), "--format", "deepspeed", "--step", "6000");

    // WarmupDecayLR: construction (1 step), warm-up (500), decay (4500); warmup_min_lr (0), the decay's end, held from
    // total_num_steps + 1 (one update late) on: step 6000 is local step 6000 - 501 of the decay, evaluated at its end.
    assertEquals(List.of(
        "lr: step 6000: 0 from phases[2] (linear decay, local step 5499)",
        "    formula: the linear formula at n - t: from + (to - from) * t / n",
        "    inputs: from=0, n=4500, t=4500, to=6.0E-4",
        "    note: past the declared end (5001): holding the last phase's end value"), ended.out().subList(0, 4));
    // LRRangeTest grows for ever: 1e-4 * (1 + 1.0 * 6000 / 100).
    assertEquals(List.of(
        "lr: step 6000: 0.0061 from phases[0] (range test, local step 6000)"), open.out().subList(0, 1));
    assertEquals(OPEN_ENDED, open.out().get(3));
    assertEquals(0, open.exitCode());
  }

  @Test
  void badInputIsNamed() throws IOException {
    Path plan = Files.writeString(dir.resolve("plan.json"), PLAN);
    assertBadInput(Anneal.run("explain", plan.toString(), "--step", "-1"),
        "[NegativeStep] --step: step -1 is negative; steps count the updates already applied, from 0");
    assertBadInput(Anneal.run("explain", plan.toString()), "anneal explain: Missing required option: '--step=K'. See 'anneal explain --help'.");
    assertBadInput(Anneal.run("explain", plan.toString(), "--step", "1", "--channel", "momentun"),
        plan + ": [UnknownChannel] --channel: unknown channel 'momentun'; did you mean `momentum`?");
    Path failing = Files.writeString(dir.resolve("failing.json"), "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 4}], \"after\": \"fail\"}}");
    assertBadInput(Anneal.run("explain", failing.toString(), "--step", "4"),
        failing + ": [StepBeyondEnd] lr (--step): step 4 is past the declared end (4); declare after-end HOLD or CONTINUE to go on");
  }
}
