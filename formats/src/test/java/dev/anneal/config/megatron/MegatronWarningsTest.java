package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Imported;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Schedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What Megatron does that a reader of the flags may not expect: reproduced, and reported as
 * warnings with the flag and line (the complete list for each input).
 */
class MegatronWarningsTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();
  private static final String FIRST_UPDATE =
      "[FirstUpdateAtZero] --lr-warmup-init: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing";

  private static List<String> warnings(Imported imported) {
    return imported.warnings().stream().map(Violation::toString).toList();
  }

  @Test
  void aRepeatedFlagKeepsItsLastValueAsArgparseDoes() {
    Imported imported = FORMAT.read("--lr 1e-4 --train-iters 100\n--lr 3e-4\n");
    assertEquals(List.of("[MegatronFlagRepeated] --lr (line 2): --lr is given 2 times (line 1, line 2); Megatron uses the last value, 3e-4"),
        warnings(imported));
    assertEquals(3e-4, imported.plan().lr().valueAt(0));
  }

  @Test
  void wsdFlagsAreIgnoredForOtherStyles() {
    assertEquals(
        List.of(
            "[MegatronFlagIgnored] --lr-wsd-decay-iters (line 1): --lr-wsd-decay-iters is ignored unless --lr-decay-style is WSD (it is linear);"
                + " remove it",
            "[MegatronFlagIgnored] --lr-wsd-decay-style (line 1): --lr-wsd-decay-style is ignored unless --lr-decay-style is WSD (it is linear);"
                + " remove it"),
        warnings(FORMAT.read("--lr 3e-4 --train-iters 100 --lr-wsd-decay-iters 10 --lr-wsd-decay-style cosine\n")));
  }

  @Test
  void sampleFlagsAreIgnoredInIterationBasedTraining() {
    assertEquals(
        List.of("[MegatronFlagIgnored] --lr-wsd-decay-samples (line 1): --lr-wsd-decay-samples is ignored in iteration-based training"
            + " (--train-iters), where Megatron reads --lr-wsd-decay-iters; remove it"),
        warnings(FORMAT.read("--lr 3e-4 --train-iters 100 --lr-decay-style WSD --lr-wsd-decay-iters 10 --lr-wsd-decay-samples 5120\n")));
  }

  @Test
  void weightDecayIsIgnoredByARamp() {
    assertEquals(
        List.of("[MegatronFlagIgnored] --weight-decay (line 1): --weight-decay is ignored with --weight-decay-incr-style linear (the ramp runs"
            + " from --start-weight-decay to --end-weight-decay); remove it"),
        warnings(FORMAT.read("--lr 3e-4 --train-iters 100 --weight-decay 0.1 --weight-decay-incr-style linear --start-weight-decay 0"
            + " --end-weight-decay 0.1\n")));
  }

  @Test
  void inverseSquareRootFallsOffACliffAtTheEndOfTheDecay() {
    Imported imported = FORMAT.read("--lr 1 --lr-decay-style inverse-square-root --lr-warmup-iters 100 --lr-decay-iters 400 --train-iters 500\n");
    assertEquals(
        List.of(
            "[MegatronLrCliff] --lr-decay-iters (line 1): the learning rate drops at once from 0.5 to --min-lr (0) after iteration 400 (where"
                + " --lr-decay-iters ends: Megatron's inverse-square-root jumps to --min-lr there instead of approaching it); set --lr-decay-iters"
                + " to the length of training or beyond to keep it decaying",
            FIRST_UPDATE),
        warnings(imported));
    Schedule lr = imported.plan().lr();
    // Megatron: 1 * sqrt(100) / sqrt(400) = 0.5 at iteration 400, then min_lr once num_steps > 400.
    assertEquals(0.5, lr.valueAt(400));
    assertEquals(0.0, lr.valueAt(401));
  }

  @Test
  void wsdWithoutAnAnnealFallsOffACliff() {
    Imported imported = FORMAT.read("--lr 1 --min-lr 0.1 --lr-decay-style WSD --lr-wsd-decay-iters 0 --lr-decay-iters 50 --train-iters 100\n");
    assertEquals(
        List.of("[MegatronLrCliff] --lr-wsd-decay-iters (line 1): the learning rate drops at once from 1 to --min-lr (0.1) after iteration 50"
            + " (where --lr-decay-iters ends: --lr-wsd-decay-iters 0 leaves WSD no anneal); give the anneal some length with"
            + " --lr-wsd-decay-iters"),
        warnings(imported));
    assertEquals(1.0, imported.plan().lr().valueAt(50));
    assertEquals(0.1, imported.plan().lr().valueAt(51));
  }

  @Test
  void inverseSquareRootWithoutWarmupDependsOnTheBatchSize() {
    assertEquals(
        List.of("[MegatronBatchSizeAssumed] --global-batch-size: --global-batch-size is not given, so Anneal counts one sample per iteration,"
            + " but inverse-square-root without warm-up divides --lr by the square root of the samples seen, so every value after iteration 0"
            + " depends on it; add --global-batch-size as your launch script sets it"),
        warnings(FORMAT.read("--lr 1e-3 --lr-decay-style inverse-square-root --train-iters 100\n")));
  }

  @Test
  void aWarmupFractionThatEndsBetweenIterations() {
    Imported imported = FORMAT.read("--lr 1 --lr-warmup-fraction 0.015 --lr-decay-iters 1001 --train-iters 1001\n");
    assertEquals(
        List.of(
            "[MegatronFractionalBoundary] --lr-warmup-fraction (line 1): the warm-up (--lr-warmup-fraction 0.015 of 1001 decay iterations)"
                + " comes to 15.014999999999999 iterations, not a whole number: the warm-up ends part-way between iterations 15 and 16,"
                + " as Megatron computes it",
            FIRST_UPDATE),
        warnings(imported));
    // Megatron: lr_warmup_steps = 0.015 * 1001; iteration 15 still warms up, 16 decays linearly from there.
    double warmup = 0.015 * 1001;
    Schedule lr = imported.plan().lr();
    assertEquals(15 / warmup, lr.valueAt(15), 1e-15);
    assertEquals(1 - (16 - warmup) / (1001 - warmup), lr.valueAt(16), 1e-15);
    assertEquals(1 - (1000 - warmup) / (1001 - warmup), lr.valueAt(1000), 1e-15);
    assertEquals(0.0, lr.valueAt(1001));
  }

  @Test
  void samplesThatEndBetweenIterationsAndAPartialLastBatch() {
    assertEquals(
        List.of(
            "[MegatronPartialBatch] --train-samples (line 1): --train-samples (22) is not a multiple of --global-batch-size (4): Megatron"
                + " trains 5 iterations and never sees the last 2 samples",
            "[MegatronFractionalBoundary] --lr-warmup-samples (line 2): the warm-up (--lr-warmup-samples 6 at --global-batch-size 4) comes"
                + " to 1.5 iterations, not a whole number: the warm-up ends part-way between iterations 1 and 2, as Megatron computes it",
            "[MegatronFractionalBoundary] --lr-decay-samples (line 2): the decay (--lr-decay-samples 14 at --global-batch-size 4) comes to"
                + " 3.5 iterations, not a whole number: the decay ends part-way between iterations 3 and 4, as Megatron computes it",
            FIRST_UPDATE),
        warnings(FORMAT.read("--lr 1 --train-samples 22 --global-batch-size 4\n--lr-warmup-samples 6 --lr-decay-samples 14\n")));
  }

  @Test
  void aCleanScriptWarnsOnlyAboutTheZeroFirstUpdate() {
    assertEquals(List.of(FIRST_UPDATE), warnings(FORMAT.read("--lr 3e-4 --lr-warmup-iters 10 --train-iters 100\n")));
    assertEquals(List.of(), warnings(FORMAT.read("--lr 3e-4 --lr-warmup-iters 10 --lr-warmup-init 1e-6 --train-iters 100\n")));
  }

  @Test
  void aBatchSizeRampIsIgnoredAsMegatronIgnoresItAndSaysSo() {
    Imported ramped = FORMAT.read("--lr 3e-4 --lr-warmup-iters 10 --lr-warmup-init 1e-6 --train-iters 100 --global-batch-size 512 \\\n"
        + "  --rampup-batch-size 16 16 5000\n");
    Imported constant = FORMAT.read("--lr 3e-4 --lr-warmup-iters 10 --lr-warmup-init 1e-6 --train-iters 100 --global-batch-size 512\n");
    assertEquals(
        List.of("[IgnoredSetting] --rampup-batch-size (line 2): ignored: deprecated at Megatron-LM d98e8a6, which parses it but never passes"
            + " it to the batch-size calculator and prints nothing about it: the global batch stays the same throughout, as the curve here"
            + " has it"),
        warnings(ramped));
    assertArrayEquals(constant.plan().lr().values(0, 120), ramped.plan().lr().values(0, 120));
  }

  @Test
  void aBatchSizeRampWithSampleBasedTrainingIsIgnoredToo() {
    Imported ramped = FORMAT.read("--lr 3e-4 --lr-warmup-init 1e-6 --train-samples 51200 --global-batch-size 512\n"
        + "--rampup-batch-size 16 16 5000\n");
    assertEquals(
        List.of("[IgnoredSetting] --rampup-batch-size (line 2): ignored: deprecated at Megatron-LM d98e8a6, which parses it but never passes"
            + " it to the batch-size calculator and prints nothing about it: the global batch stays the same throughout, as the curve here"
            + " has it"),
        warnings(ramped));
    assertEquals(3e-4 * 0.99, ramped.plan().lr().valueAt(1), 1e-18);
  }

  @Test
  void everyFlagThatIsNotModelledIsNamedAndFlagsOfOtherGroupsShareOneNote() {
    Imported imported = FORMAT.read("""
        torchrun --nproc_per_node 8 --nnodes 1 pretrain_gpt.py \\
            --num-layers 2 --hidden-size 64 --bf16 --tensor-model-parallel-size 2 \\
            --lr 3e-4 --lr-warmup-init 1e-6 --train-iters 100 \\
            --clip-grad 1.0 --clip-grad 0.5 --save /ckpt
        """);
    assertEquals(
        List.of(
            "[IgnoredSetting] --clip-grad (line 4): ignored: clips the gradients, not the learning rate",
            "[IgnoredSetting] --save (line 4): ignored: how and when checkpoints are written; the schedule is the same",
            "[IgnoredSetting] --num-layers, --hidden-size, --bf16, --tensor-model-parallel-size: ignored: not schedule settings (Megatron-LM's"
                + " transformer configuration flags)",
            "[IgnoredSetting] --nproc_per_node, --nnodes: ignored: not flags of Megatron-LM's parser (at d98e8a6), so taken to be the"
                + " launcher's or the training script's own; Megatron itself stops on a flag it does not know"),
        warnings(imported));
  }

  @Test
  void aShellExpansionThatMayHoldFlagsIsNamedUnlessTheScriptSetsIt() {
    Imported imported = FORMAT.read("""
        GPT_ARGS=( --lr 3e-4 --lr-warmup-init 1e-6 )
        mkdir -p $CHECKPOINTS
        python pretrain_gpt.py "${GPT_ARGS[@]}" --train-iters 100 ${EXTRA_ARGS} $(cat more-args.txt) --save $CHECKPOINTS
        """);
    assertEquals(
        List.of(
            "[IgnoredSetting] --save (line 3): ignored: how and when checkpoints are written; the schedule is the same",
            "[IgnoredSetting] ${EXTRA_ARGS} (line 3): ignored: Anneal does not expand shell variables, and this script does not set"
                + " EXTRA_ARGS; if it gives Megatron schedule flags, write them out",
            "[IgnoredSetting] $(cat more-args.txt) (line 3): ignored: Anneal does not run command substitutions; if it gives Megatron"
                + " schedule flags, write them out"),
        warnings(imported));
  }

  // ---- a WSD anneal longer than the decay after the warm-up: Megatron runs it (get_lr at d98e8a6) ----

  @Test
  void anAnnealLongerThanTheDecayAfterWarmupFallsRightAfterTheWarmup() {
    // Megatron: the anneal starts at 4 - 4 = 0; iteration 1 still warms up (1 <= 1); at iteration 2
    // the anneal is 2/4 done, so lr = 0 + (1 - 0.5) * (1 - 0) = 0.5, and 3/4 at iteration 3.
    Imported imported = FORMAT.read("--lr 1 --lr-decay-style WSD --lr-wsd-decay-style linear \\\n"
        + "  --lr-warmup-iters 1 --lr-decay-iters 4 --lr-wsd-decay-iters 4 --train-iters 4\n");
    assertEquals(
        List.of("[MegatronWsdAnnealTooLong] --lr-wsd-decay-iters (line 2): the WSD anneal (--lr-wsd-decay-iters 4) is longer than the decay"
            + " after the warm-up (3 of the 4 decay iterations); Megatron starts annealing at iteration 0, before the warm-up ends at"
            + " iteration 1, so right after it, at iteration 2, the learning rate falls from 1 to 0.5; if the anneal should start where the"
            + " warm-up ends, make --lr-wsd-decay-iters at most 3",
            FIRST_UPDATE),
        warnings(imported));
    assertArrayEquals(new double[] {0, 1, 0.5, 0.25, 0}, imported.plan().lr().values(0, 5));
  }

  @Test
  void anAnnealLongerThanTheDecayWithoutWarmupStartsBeforeTraining() {
    // Megatron at iteration k: the anneal started at 4 - 8 = -4 and is (k + 4)/8 done: 0.5 at iteration 0.
    Imported imported = FORMAT.read("--lr-wsd-decay-iters 8 --lr 1 --lr-decay-style WSD --lr-wsd-decay-style linear --lr-decay-iters 4"
        + " --train-iters 4\n");
    assertEquals(
        List.of("[MegatronWsdAnnealTooLong] --lr-wsd-decay-iters (line 1): the WSD anneal (--lr-wsd-decay-iters 8) is longer than the decay"
            + " after the warm-up (4 of the 4 decay iterations); Megatron starts annealing at iteration -4, before training begins, so the"
            + " first update uses 0.5 instead of --lr (1); if the anneal should start where the warm-up ends, make --lr-wsd-decay-iters at"
            + " most 4"),
        warnings(imported));
    assertArrayEquals(new double[] {0.5, 0.375, 0.25, 0.125, 0}, imported.plan().lr().values(0, 5));
  }

  @Test
  void anAnnealLongerThanTheDecayInSamples() {
    // 512 samples a batch: warm-up 1024 (2 iterations), decay 4096 (8); the anneal of 4096 starts at 0.
    // At iteration 3 (1536 samples) it is 1536/4096 = 0.375 done: lr = 1 - 0.375 = 0.625.
    Imported imported = FORMAT.read("--lr 1 --lr-decay-style WSD --lr-wsd-decay-style linear --train-samples 4096 --global-batch-size 512\n"
        + "--lr-warmup-samples 1024 --lr-wsd-decay-samples 4096\n");
    assertEquals(
        List.of("[MegatronWsdAnnealTooLong] --lr-wsd-decay-samples (line 2): the WSD anneal (--lr-wsd-decay-samples 4096) is longer than the"
            + " decay after the warm-up (3072 of the 4096 decay samples); Megatron starts annealing at iteration 0, before the warm-up ends"
            + " at iteration 2, so right after it, at iteration 3, the learning rate falls from 1 to 0.625; if the anneal should start where"
            + " the warm-up ends, make --lr-wsd-decay-samples at most 3072",
            FIRST_UPDATE),
        warnings(imported));
    assertArrayEquals(new double[] {0, 0.5, 1, 0.625, 0.5, 0.375, 0.25, 0.125}, imported.plan().lr().values(0, 8));
  }

  // ---- negative warm-ups and anneals: argparse takes -5 and -0.1 as values, and nothing checks them ----

  @Test
  void aNegativeWarmupFractionStartsPartWayDownTheDecay() {
    // lr_warmup_steps = -0.1 * 1000 = -100: no warm-up (it needs > 0), decay_ratio = (k + 100) / 1100.
    Imported imported = FORMAT.read("--lr-warmup-fraction -0.1 --lr 3e-4 --train-iters 1000\n");
    assertEquals(
        List.of("[MegatronNegativeWarmup] --lr-warmup-fraction (line 1): --lr-warmup-fraction (-0.1) is negative, which Megatron does not"
            + " check: it warms up only while lr_warmup_steps > 0, so there is no warm-up, and it counts the decay from 100 iterations before"
            + " training starts, so the first update is already part-way down the decay; use 0 for no warm-up"),
        warnings(imported));
    for (int k : new int[] {0, 1, 500, 999, 1000}) {
      assertEquals(0.0 + (1.0 - (k + 100.0) / 1100.0) * 3e-4, imported.plan().lr().valueAt(k), 1e-18, "iteration " + k);
    }
  }

  @Test
  void aNegativeWarmupCountStartsPartWayDownTheDecay() {
    Imported imported = FORMAT.read("--lr-warmup-iters -5 --lr 3e-4 --train-iters 1000 --global-batch-size 4\n");
    assertEquals(
        List.of("[MegatronNegativeWarmup] --lr-warmup-iters (line 1): --lr-warmup-iters (-5) is negative, which Megatron does not check: it"
            + " warms up only while lr_warmup_steps > 0, so there is no warm-up, and it counts the decay from 5 iterations before training"
            + " starts, so the first update is already part-way down the decay; use 0 for no warm-up"),
        warnings(imported));
    for (int k : new int[] {0, 1, 500, 999, 1000}) {
      assertEquals(0.0 + (1.0 - (4.0 * k + 20) / 4020.0) * 3e-4, imported.plan().lr().valueAt(k), 1e-18, "iteration " + k);
    }
  }

  @Test
  void aNegativeAnnealHoldsTheLearningRateUntilTheDecayEnds() {
    // The anneal would start at 1000 + 5, after the decay: coeff 1 up to num_steps 1000, then min_lr.
    Imported imported = FORMAT.read("--lr-wsd-decay-iters -5 --lr 3e-4 --lr-decay-style WSD --train-iters 1000\n");
    assertEquals(
        List.of("[MegatronNegativeAnneal] --lr-wsd-decay-iters (line 1): --lr-wsd-decay-iters (-5) is negative, which Megatron does not"
            + " check: the anneal would start after the decay ends, so Megatron holds --lr until the decay ends and then drops to --min-lr,"
            + " as with 0; use 0 for that, or the anneal's length"),
        warnings(imported).subList(0, 1));
    Imported zero = FORMAT.read("--lr-wsd-decay-iters 0 --lr 3e-4 --lr-decay-style WSD --train-iters 1000\n");
    assertArrayEquals(zero.plan().lr().values(0, 1010), imported.plan().lr().values(0, 1010));
    assertEquals(3e-4, imported.plan().lr().valueAt(1000));
    assertEquals(0.0, imported.plan().lr().valueAt(1001));
  }
}
