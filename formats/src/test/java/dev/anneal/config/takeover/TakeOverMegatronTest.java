package dev.anneal.config.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Formats;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Megatron-LM's rule for a checkpoint whose scheduler values differ from the flags
 * (OptimizerParamScheduler.load_state_dict at d98e8a6): an assertion by default, the checkpoint's
 * values with --use-checkpoint-opt_param-scheduler, the flags' with --override-opt_param-scheduler.
 * The state is golden/megatron/gpt3-cosine's scheduler after 1000 iterations (takeover/megatron).
 */
class TakeOverMegatronTest {
  /** gpt3-cosine's flags with --lr 5e-4 instead of 6e-4 and --min-lr 5e-5 instead of 6e-5. */
  private static final String CHANGED = """
      python pretrain_gpt.py --lr 0.0005 --min-lr 0.00005 --lr-decay-style cosine --lr-warmup-iters 200 \\
          --lr-decay-iters 4000 --train-iters 5000 --weight-decay 0.1 %s
      """;

  @Test
  void byDefaultMegatronAssertsOnTheFirstValueThatDiffers() {
    TakeOverReport report = check("");

    assertEquals(List.of("[MegatronRefuses] max_lr: this checkpoint is refused by Megatron-LM: OptimizerParamScheduler.load_state_dict "
        + "asserts \"OptimizerParamScheduler: class input value 0.0005 and checkpointvalue 0.0006 for learning rate do not match\"; "
        + "pass --use-checkpoint-opt_param-scheduler to continue with the checkpoint's values, --override-opt_param-scheduler to "
        + "continue with the flags', or change --lr to the checkpoint's value"),
        report.diagnostics().stream().map(Violation::toString).toList());
    assertEquals(List.of(
        "max_lr: upstream 0.0006, config 0.0005 — Megatron-LM asserts at the first value that differs (see the error), so the run does not resume",
        "min_lr: upstream 6e-05, config 5e-05 — Megatron-LM asserts at the first value that differs (see the error), so the run does not resume"),
        report.differences().stream().map(TakeOverDifference::toString).toList());
    assertTrue(report.refused());
    assertTrue(report.upstreamNext().isEmpty());
  }

  @Test
  void withUseCheckpointTheRunContinuesWithTheCheckpointsValues() {
    TakeOverReport report = check("--use-checkpoint-opt_param-scheduler");

    // Megatron's cosine at iteration 1000 of 4000 after a 200-iteration warm-up, with the checkpoint's 6e-4 and 6e-5:
    // 6e-5 + (6e-4 - 6e-5) * 0.5 * (1 + cos(pi * 800 / 3800)).
    double expected = 6e-5 + (6e-4 - 6e-5) * 0.5 * (1 + Math.cos(Math.PI * 800 / 3800));
    assertTrue(Math.abs(expected - report.upstreamNext().getAsDouble()) < 1e-15);
    assertEquals(List.of("max_lr", "min_lr", "lr at update 1000"), report.differences().stream().map(TakeOverDifference::path).toList());
    assertFalse(report.continuesExactly());
    assertEquals("--train-samples 5000 --global-batch-size 1 --lr 0.0006 --min-lr 6e-05 --lr-decay-style cosine --lr-decay-samples 4000 "
        + "--lr-warmup-samples 200 --weight-decay 0.1\n", report.upstreamConfig().orElseThrow());
  }

  @Test
  void withOverrideTheRunContinuesWithTheFlagsAsAnnealDoes() {
    TakeOverReport report = check("--override-opt_param-scheduler");

    assertEquals(List.of(
        "max_lr: upstream 0.0006, config 0.0005 — --override-opt_param-scheduler: a resumed Megatron-LM run uses the flag's value, as "
            + "Anneal does (the curve changes at the resume step in both)",
        "min_lr: upstream 6e-05, config 5e-05 — --override-opt_param-scheduler: a resumed Megatron-LM run uses the flag's value, as "
            + "Anneal does (the curve changes at the resume step in both)"),
        report.differences().stream().map(TakeOverDifference::toString).toList());
    assertTrue(report.continuesExactly());
    assertEquals(report.annealNext(), report.upstreamNext());
  }

  @Test
  void aFloatWarmUpFromAFractionIsRebuiltAsTheFractionThatGivesIt() {
    // golden/megatron/cosine-warmup-fraction: lr_warmup_steps is the float 40.0 (0.01 * 4000); at iteration 20 the warm-up
    // gives 1.5e-4 * 20 / 40 = 7.5e-5.
    String text = "python pretrain_gpt.py --lr 0.00015 --min-lr 1e-05 --lr-decay-style cosine --lr-warmup-fraction 0.01 "
        + "--lr-decay-iters 4000 --train-iters 4000 --use-checkpoint-opt_param-scheduler\n";
    ForeignState state = ForeignStates.read(TakeOverResources.text("megatron/cosine-warmup-fraction.state.json"), Optional.empty());

    TakeOverReport report = TakeOverCheck.check(state, Formats.byName("megatron").read(text), text);

    assertEquals("--train-samples 4000 --global-batch-size 1 --lr 0.00015 --min-lr 1e-05 --lr-decay-style cosine --lr-decay-samples 4000 "
        + "--lr-warmup-fraction 0.01 --weight-decay 0.01\n", report.upstreamConfig().orElseThrow());
    assertEquals(7.5e-5, report.upstreamNext().getAsDouble(), 1e-20);
    assertEquals(List.of(), report.differences());
  }

  @Test
  void aWsdDecayKeepsTheFlagsLengthWhichTheStateDoesNotSave() {
    // golden/megatron/wsd-cosine at iteration 1400, inside the cosine cool-down over the last 300 of 1500 iterations.
    GoldenCase golden = GoldenCase.named("megatron", "wsd-cosine");
    String text = GoldenInputs.forSystem("megatron").configText(golden).stripTrailing() + " --use-checkpoint-opt_param-scheduler\n";
    ForeignState state = ForeignStates.read(TakeOverResources.text("megatron/wsd-cosine.state.json"), Optional.empty());

    TakeOverReport report = TakeOverCheck.check(state, Formats.byName("megatron").read(text), text);

    assertTrue(report.upstreamConfig().orElseThrow().contains("--lr-wsd-decay-samples 300 --lr-wsd-decay-style cosine"));
    assertTrue(GoldenAssert.close(golden.lr()[1400], report.upstreamNext().getAsDouble()));
    assertTrue(report.continuesExactly());
  }

  private static TakeOverReport check(String resumeFlag) {
    String text = CHANGED.formatted(resumeFlag);
    ForeignState state = ForeignStates.read(TakeOverResources.text("megatron/gpt3-cosine.state.json"), Optional.empty());
    return TakeOverCheck.check(state, Formats.byName("megatron").read(text), text);
  }
}
