package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Imported;
import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --step-batch-size-schedule} as Megatron-LM d98e8a6 runs it: what it refuses, refused with
 * Megatron's own exception text; what it runs but a reader may not expect, warned or noted; and
 * the flags the schedule reads never named as ignored. The curves themselves are {@link
 * MegatronGeometryGoldenTest}'s.
 */
class MegatronBatchScheduleTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();
  private static final String LAUNCH = "torchrun --nproc_per_node 8 pretrain_gpt.py \\\n";

  private static List<String> errors(String text) {
    return MegatronFlagErrorsTest.errors(text);
  }

  private static List<String> warnings(String text) {
    Imported imported = FORMAT.read(text);
    return imported.warnings().stream().map(Violation::toString).toList();
  }

  @Test
  void aGlobalBatchSizeBesideTheScheduleIsRefusedAsValidateArgsRefusesIt() {
    assertEquals(List.of("[MegatronFlagConflict] --global-batch-size (line 3): --global-batch-size cannot be combined with"
            + " --step-batch-size-schedule: Megatron raises 'Cannot specify both --step-batch-size-schedule and --global-batch-size'; keep one"
            + " of them"),
        errors(LAUNCH + "  --lr 3e-4 --train-samples 100000 --seq-length 2048 \\\n  --step-batch-size-schedule '0:128 1M:512' --global-batch-size 512\n"));
  }

  @Test
  void decreasingTheBatchIfNeededIsRefusedAsTheCalculatorRefusesIt() {
    assertEquals(List.of("[MegatronFlagConflict] --decrease-batch-size-if-needed (line 3): --decrease-batch-size-if-needed cannot be combined"
            + " with --step-batch-size-schedule: Megatron raises 'Step batch size schedules do not support decrease_batch_size_if_needed';"
            + " remove --decrease-batch-size-if-needed"),
        errors(LAUNCH + "  --lr 3e-4 --train-samples 100000 --seq-length 2048 \\\n  --step-batch-size-schedule '0:128 1M:512' --decrease-batch-size-if-needed\n"));
  }

  @Test
  void withoutASequenceLengthMegatronStopsBeforeReadingTheSchedule() {
    assertEquals(List.of("[MegatronMissingFlag] --seq-length: --seq-length is required: Megatron's validate_args asserts"
            + " args.encoder_seq_length is not None when --seq-length is absent (AssertionError), and --step-batch-size-schedule reads its"
            + " thresholds as tokens over it; add `--seq-length N` as the launch script sets it"),
        errors(LAUNCH + "  --lr 3e-4 --train-samples 100000 --step-batch-size-schedule '0:128 1M:512'\n"));
  }

  @Test
  void withoutTheLaunchLineTheDataParallelSizeIsUnknownAndTheErrorSaysWhatToAdd() {
    assertEquals(List.of("[MegatronMissingFlag] --nproc_per_node: the world size (torchrun's --nproc_per_node and --nnodes) is required: with"
            + " --step-batch-size-schedule Megatron's global batch falls back to --micro-batch-size × the data-parallel size (the number of"
            + " GPUs over --tensor-model-parallel-size × --pipeline-model-parallel-size × --context-parallel-size), which scales every"
            + " *-iters flag and must divide every batch; add the launch line, e.g. `torchrun --nproc_per_node 8 --nnodes 16 pretrain_gpt.py …`"),
        errors("python pretrain_gpt.py --lr 3e-4 --train-samples 100000 --seq-length 2048 --step-batch-size-schedule '0:128 1M:512'\n"));
  }

  @Test
  void aWorldSizeTheModelParallelismDoesNotDivideIsRefused() {
    assertEquals(List.of("[MegatronFlagRange] --nproc_per_node: the world size (24) is not divisible by tensor × pipeline × context parallel"
            + " sizes (16), and Megatron asserts 'world size (24) is not divisible by total_model_size'; launch a multiple of 16 processes"),
        errors("torchrun --nproc_per_node 8 --nnodes 3 pretrain_gpt.py --tensor-model-parallel-size 16 --lr 3e-4 --train-samples 100000"
            + " --seq-length 1024 --step-batch-size-schedule '0:16 1M:32'\n"));
  }

  /** 5000 tokens // 1024 = 4 samples: after the floor the smallest threshold is not 0. */
  @Test
  void aFirstThresholdAboveZeroAfterTheFloorIsRefusedWithMegatronsAssertion() {
    assertEquals(List.of("[MegatronBatchScheduleRefused] --step-batch-size-schedule (line 2): --step-batch-size-schedule '5000:16 100K:32'"
            + " is read at start-up, so Megatron stops: AssertionError: first schedule entry must have threshold 0, got 4; make the smallest"
            + " threshold 0 (the thresholds are tokens // 1024 samples)"),
        errors(LAUNCH + "  --lr 3e-4 --train-samples 100000 --seq-length 1024 --step-batch-size-schedule '5000:16 100K:32'\n"));
  }

  /** 1000 tokens // 1024 = 0 samples: two entries at threshold 0. */
  @Test
  void thresholdsThatCollapseAfterTheFloorAreRefusedWithMegatronsAssertion() {
    assertEquals(List.of("[MegatronBatchScheduleRefused] --step-batch-size-schedule (line 2): --step-batch-size-schedule '0:16 1000:32'"
            + " is read at start-up, so Megatron stops: AssertionError: schedule thresholds must be strictly increasing, got 0 before 0; make"
            + " every threshold at least one sample above the one before (the thresholds are tokens // 1024 samples)"),
        errors(LAUNCH + "  --lr 3e-4 --train-samples 100000 --seq-length 1024 --step-batch-size-schedule '0:16 1000:32'\n"));
  }

  /** Python's float() refuses '1G' (upper-cased, no suffix removed). */
  @Test
  void onlyKMBAndTAreSuffixes() {
    assertEquals(List.of("[MegatronBatchScheduleRefused] --step-batch-size-schedule (line 2): --step-batch-size-schedule '0:16 1g:32' is read"
            + " at start-up, so Megatron stops: ValueError: could not convert string to float: '1G'; write digits with an optional K, M, B or T"
            + " suffix"),
        errors(LAUNCH + "  --lr 3e-4 --train-samples 100000 --seq-length 1024 --step-batch-size-schedule '0:16 1g:32'\n"));
  }

  @Test
  void anEntryWithoutAColonIsRefusedWithMegatronsValueError() {
    assertEquals(List.of("[MegatronBatchScheduleRefused] --step-batch-size-schedule (line 2): --step-batch-size-schedule '0:16,64' is read at"
            + " start-up, so Megatron stops: ValueError: Invalid schedule entry \"64\". Expected format: \"THRESHOLD:BATCH_SIZE\"; write each"
            + " entry as THRESHOLD:BATCH"),
        errors(LAUNCH + "  --lr 3e-4 --train-samples 100000 --seq-length 1024 --step-batch-size-schedule '0:16,64'\n"));
  }

  @Test
  void aBatchBelowOneIsRefusedWithMegatronsAssertion() {
    assertEquals(List.of("[MegatronBatchScheduleRefused] --step-batch-size-schedule (line 2): --step-batch-size-schedule '0:16 1M:0' is read at"
            + " start-up, so Megatron stops: AssertionError: batch size must be positive, got 0; give every batch at least 1"),
        errors(LAUNCH + "  --lr 3e-4 --train-samples 100000 --seq-length 1024 --step-batch-size-schedule '0:16 1M:0'\n"));
  }

  /**
   * 100K tokens // 1024 = 97 samples; at 16 a batch the 7th iteration starts with 96 consumed and
   * the 8th with 112, so 40 is first used by iteration 8, where 40 % (2 × 8) fails.
   */
  @Test
  void aBatchThatIsNoMultipleOfMicroBatchTimesDataParallelIsRefusedWhereItIsReached() {
    assertEquals(List.of("[MegatronBatchScheduleRefused] --step-batch-size-schedule (line 2): --step-batch-size-schedule '0:16 100K:40'"
            + " reaches a global batch of 40 at iteration 8 (after 112 samples), so Megatron stops: AssertionError: current global batch size"
            + " (40) is not divisible by micro_batch_size (2) * data_parallel_size (8); use multiples of 16"),
        errors(LAUNCH + "  --lr 3e-4 --train-samples 100000 --micro-batch-size 2 --seq-length 1024 --step-batch-size-schedule '0:16 100K:40'\n"));
  }

  /** Five iterations consume 80 samples, below the 97 where the batch of 40 starts: Megatron never checks it. */
  @Test
  void aBatchNeverReachedIsNotChecked() {
    assertEquals(List.of(),
        warnings(LAUNCH + "  --lr 3e-4 --train-iters 5 --micro-batch-size 2 --seq-length 1024 --step-batch-size-schedule '0:16 100K:40'\n"));
  }

  /** 32 per batch: the 5th iteration starts with 128 ≥ 97 samples, and 16 / 16 = 1 micro-batch after 2. */
  @Test
  void aSmallerBatchIsRefusedWhereItIsReached() {
    assertEquals(List.of("[MegatronBatchScheduleRefused] --step-batch-size-schedule (line 2): --step-batch-size-schedule '0:32 100K:16'"
            + " reaches a global batch of 16 at iteration 5 (after 128 samples), so Megatron stops: AssertionError: Number of microbatches"
            + " should not decrease; going from 2 to 1; keep every batch at least as large as the one before it"),
        errors(LAUNCH + "  --lr 3e-4 --train-samples 100000 --micro-batch-size 2 --seq-length 1024 --step-batch-size-schedule '0:32 100K:16'\n"));
  }

  @Test
  void aFirstBatchBelowMicroBatchTimesDataParallelIsRefusedBeforeTraining() {
    assertEquals(List.of("[MegatronBatchScheduleRefused] --step-batch-size-schedule (line 2): --step-batch-size-schedule '0:8 100K:32'"
            + " starts with a global batch of 8, so Megatron stops: AssertionError: current global batch size (8) is too small for"
            + " micro_batch_size (2) * data_parallel_size (8) = 16; start with a batch of at least 16, or launch fewer GPUs"),
        errors(LAUNCH + "  --lr 3e-4 --train-samples 100000 --micro-batch-size 2 --seq-length 1024 --step-batch-size-schedule '0:8 100K:32'\n"));
  }

  /**
   * Case sbs-iters-cosine-mis-scaled: 3000 decay iterations × (1 × 8) = 24,000 samples, consumed at
   * 32 to 128 a batch; Megatron's lr is --min-lr from index 265 (iteration 266) of its golden curve.
   */
  @Test
  void iterationFlagsWithAScheduleAreWarnedAboutWithTheIterationTheDecayEnds() {
    assertEquals(List.of("[MegatronItersMisScaled] --lr-decay-iters (line 1): with --step-batch-size-schedule Megatron counts --lr-decay-iters,"
            + " --lr-warmup-iters, --lr-wsd-decay-iters and the weight-decay ramp over --train-iters in units of the global batch it falls"
            + " back to, --micro-batch-size × data-parallel size = 8 samples, while every iteration advances the scheduler by the schedule's"
            + " batch (32 to 128 samples), so the decay reaches --min-lr at iteration 266 of 3000; give the lengths in samples"
            + " (--train-samples, --lr-decay-samples, --lr-warmup-samples, --lr-wsd-decay-samples in place of --train-iters, --lr-decay-iters,"
            + " --lr-warmup-iters, --lr-wsd-decay-iters) to spread them over the run",
            "[FirstUpdateAtZero] --lr-warmup-init: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing"),
        warnings("torchrun --nproc_per_node 8 pretrain_gpt.py --micro-batch-size 1 --seq-length 2048 --step-batch-size-schedule"
            + " '0:32 4M:64 12M:128' --train-iters 3000 --lr 0.0003 --min-lr 3e-05 --lr-decay-style cosine --lr-warmup-iters 100"
            + " --lr-decay-iters 3000 --weight-decay 0.1\n"));
  }

  /** Case sbs-parse-quirks: update_train_iters stops at 600,720 samples of 600,000. */
  @Test
  void trainSamplesOvershotByTheLastIterationIsNoted() {
    assertEquals(List.of("[MegatronSamplesOvershoot] --train-samples (line 1): --train-samples (600000) is reached after 4283 iterations of the"
            + " batch schedule, which consume 600720 samples: Megatron trains until the consumed samples reach it, so its last iteration goes"
            + " 720 samples past it",
            "[FirstUpdateAtZero] --lr-warmup-init: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing"),
        warnings("torchrun --nproc_per_node 8 pretrain_gpt.py --micro-batch-size 1 --seq-length 512 --step-batch-size-schedule"
            + " '66.88m:128, 0:64, 0.2b:1k' --train-samples 600000 --lr 0.0001 --lr-decay-style constant --lr-warmup-samples 50000\n"));
  }

  @Test
  void aBatchRampBesideAScheduleIsNamedAsIgnoredWithWhatTheBatchFollows() {
    assertEquals(List.of("[IgnoredSetting] --rampup-batch-size (line 2): ignored: deprecated at Megatron-LM d98e8a6, which parses it but never"
            + " passes it to the batch-size calculator and prints nothing about it: the global batch follows --step-batch-size-schedule, as"
            + " the curve here has it",
            "[MegatronSamplesOvershoot] --train-samples (line 2): --train-samples (100000) is reached after 3156 iterations of the batch"
                + " schedule, which consume 100016 samples: Megatron trains until the consumed samples reach it, so its last iteration goes"
                + " 16 samples past it"),
        warnings(LAUNCH + "  --lr 3e-4 --train-samples 100000 --seq-length 1024 --step-batch-size-schedule '0:16 1M:32' --rampup-batch-size 16 16 1000\n"));
  }

  /** The launcher's, the parallel sizes', the micro-batch's and the sequence length's flags shape the curve: no note names them. */
  @Test
  void theFlagsTheScheduleReadsAreNotNamedAsIgnored() {
    assertEquals(List.of("[IgnoredSetting] --num-layers: ignored: not schedule settings (Megatron-LM's transformer configuration flags)",
            "[IgnoredSetting] --master_addr: ignored: not flags of Megatron-LM's parser (at d98e8a6), so taken to be the launcher's or the"
                + " training script's own; Megatron itself stops on a flag it does not know",
            "[MegatronSamplesOvershoot] --train-samples (line 1): --train-samples (100000) is reached after 3156 iterations of the batch"
                + " schedule, which consume 100016 samples: Megatron trains until the consumed samples reach it, so its last iteration goes"
                + " 16 samples past it"),
        warnings("torchrun --nproc_per_node 8 --nnodes 2 --master_addr x pretrain_gpt.py --lr 3e-4 --train-samples 100000 --seq-length 1024"
            + " --micro-batch-size 2 --tensor-model-parallel-size 2 --num-layers 4 --step-batch-size-schedule '0:16 1M:32'\n"));
  }

  /** The writer emits flags for one batch size; a clocked plan is refused with where to write it instead. */
  @Test
  void aPlanOfABatchScheduleIsNotWrittenAsFlagsYet() {
    var plan = FORMAT.read(LAUNCH + "  --lr 3e-4 --train-samples 1000 --seq-length 1024 --step-batch-size-schedule '0:16 100K:32'\n").plan();
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.anneal.rules.InvalidScheduleException.class, () -> FORMAT.write(plan));
    assertEquals(List.of("[Unsupported] channels.lr: cannot be written as Megatron: Anneal writes Megatron flags for a constant global batch"
            + " only, and this schedule is clocked in samples or tokens consumed (a batch-size schedule); write it as Anneal JSON, or remove"
            + " the clock to write it per update"),
        e.violations().stream().map(Violation::toString).toList());
  }
}
