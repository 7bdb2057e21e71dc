package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every scheduler flag with a bad value: the complete list of errors, each with its code, the
 * flag and its line, the value as written, and the fix.
 */
class MegatronFlagErrorsTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();

  /** Every error of reading {@code text}, in the catalogue's format. */
  static List<String> errors(String text) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> FORMAT.read(text));
    return e.violations().stream().map(Violation::toString).toList();
  }

  @Nested
  class LearningRates {
    @Test
    void lrIsRequired() {
      assertEquals(
          List.of("[MegatronMissingFlag] --lr: --lr is required: Megatron has no default peak learning rate; add `--lr VALUE`, e.g. `--lr 3e-4`"),
          errors("--train-iters 1000\n"));
    }

    @Test
    void lrMustBeANumber() {
      assertEquals(
          List.of("[MegatronFlagType] --lr (line 1): --lr takes a number (Megatron reads it with float()), found 'abc'; write a number such as 3e-4"),
          errors("--lr abc \\\n--train-iters 1000\n"));
    }

    @Test
    void lrMustNotBeNegative() {
      assertEquals(
          List.of("[MegatronFlagRange] --lr (line 1): --lr (-0.1) must be at least 0; write the peak learning rate, e.g. 3e-4"),
          errors("--lr -0.1 --train-iters 1000\n"));
    }

    @Test
    void lrMustBeFinite() {
      assertEquals(
          List.of("[MegatronFlagRange] --lr (line 2): --lr (inf) must be a finite number; write a number such as 3e-4"),
          errors("--train-iters 1000 \\\n  --lr inf\n"));
    }

    @Test
    void aShellVariableTheScriptDoesNotSetComesFromTheEnvironment() {
      assertEquals(
          List.of("[MegatronFlagNotLiteral] --lr (line 1): --lr is given as `${LR}`, and this script does not set LR, so bash takes it from the"
              + " environment; write the number it stands for, or set it in the script"),
          errors("--lr \"${LR}\" --train-iters 1000\n"));
    }

    @Test
    void minLrMustNotBeNegative() {
      assertEquals(
          List.of("[MegatronFlagRange] --min-lr (line 2): --min-lr (-1e-5) must be at least 0, as Megatron's scheduler asserts min_lr >= 0.0;"
              + " use 0 or a positive floor"),
          errors("--lr 3e-4 --train-iters 1000\n--min-lr -1e-5\n"));
    }

    @Test
    void minLrMustNotExceedLr() {
      assertEquals(
          List.of("[MegatronFlagRange] --min-lr (line 2): --min-lr (1e-3) must not exceed --lr (3e-4), as Megatron asserts min_lr <= lr;"
              + " lower --min-lr or raise --lr"),
          errors("--lr 3e-4 --train-iters 1000\n--min-lr 1e-3\n"));
    }

    @Test
    void warmupInitMustNotBeNegative() {
      assertEquals(
          List.of("[MegatronFlagRange] --lr-warmup-init (line 1): --lr-warmup-init (-1e-6) must be at least 0; start the warm-up at 0 or above"),
          errors("--lr-warmup-init -1e-6 --lr 3e-4 --lr-warmup-iters 10 --train-iters 1000\n"));
    }

    @Test
    void warmupInitMustNotExceedLr() {
      assertEquals(
          List.of("[MegatronFlagRange] --lr-warmup-init (line 1): --lr-warmup-init (1e-3) must not exceed --lr (3e-4), as Megatron's scheduler"
              + " asserts init_lr <= max_lr; start the warm-up at or below --lr"),
          errors("--lr-warmup-init 1e-3 --lr 3e-4 --lr-warmup-iters 10 --train-iters 1000\n"));
    }
  }

  @Nested
  class Styles {
    @Test
    void decayStyleSuggestsTheClosestChoice() {
      assertEquals(
          List.of("[UnknownType] --lr-decay-style (line 1): unknown --lr-decay-style 'cosin'; did you mean `cosine`?"),
          errors("--lr-decay-style cosin --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void decayStyleIsCaseSensitiveAsInMegatron() {
      assertEquals(
          List.of("[UnknownType] --lr-decay-style (line 1): unknown --lr-decay-style 'wsd'; did you mean `WSD`?"),
          errors("--lr-decay-style wsd --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void decayStyleKnowsOtherNamesForInverseSquareRoot() {
      assertEquals(
          List.of("[UnknownType] --lr-decay-style (line 1): unknown --lr-decay-style 'inverse-sqrt'; did you mean `inverse-square-root`?"),
          errors("--lr-decay-style inverse-sqrt --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void decayStyleListsTheChoicesWhenNoneIsClose() {
      assertEquals(
          List.of("[UnknownType] --lr-decay-style (line 1): unknown --lr-decay-style 'step'; expected one of: WSD, constant, cosine,"
              + " inverse-square-root, linear"),
          errors("--lr-decay-style step --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void wsdDecayStyleKnowsOneMinusSqrt() {
      assertEquals(
          List.of("[UnknownType] --lr-wsd-decay-style (line 1): unknown --lr-wsd-decay-style '1-sqrt'; did you mean `minus_sqrt`?"),
          errors("--lr-wsd-decay-style 1-sqrt --lr-decay-style WSD --lr-wsd-decay-iters 10 --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void weightDecayIncrStyleListsItsChoices() {
      assertEquals(
          List.of("[UnknownType] --weight-decay-incr-style (line 1): unknown --weight-decay-incr-style 'exponential'; expected one of:"
              + " constant, cosine, linear"),
          errors("--weight-decay-incr-style exponential --lr 3e-4 --train-iters 1000\n"));
    }
  }

  @Nested
  class IterationsAndSamples {
    @Test
    void trainingLengthIsRequired() {
      assertEquals(
          List.of("[MegatronMissingFlag] --train-iters: --train-iters or --train-samples is required: Megatron needs the length of training,"
              + " and decays over it by default; add `--train-iters N` (or `--train-samples N` with `--global-batch-size`)"),
          errors("--lr 3e-4\n"));
    }

    @Test
    void trainItersMustBePositive() {
      assertEquals(
          List.of("[MegatronFlagRange] --train-iters (line 1): --train-iters (0) must be at least 1 (Megatron reads 0 as not given);"
              + " write the number of iterations to train"),
          errors("--train-iters 0 --lr 3e-4\n"));
    }

    @Test
    void trainItersAndTrainSamplesAreExclusive() {
      assertEquals(
          List.of("[MegatronFlagConflict] --train-samples (line 2): --train-samples cannot be combined with --train-iters: Megatron counts"
              + " training in iterations or in samples, and asserts 'expected iteration-based training'; keep one of them"),
          errors("--lr 3e-4 --train-iters 1000\n--train-samples 512000 --global-batch-size 512\n"));
    }

    @Test
    void decayItersMustBePositive() {
      assertEquals(
          List.of("[MegatronFlagRange] --lr-decay-iters (line 1): --lr-decay-iters (0) must be at least 1, as Megatron asserts lr_decay_steps > 0;"
              + " write the iterations to decay over"),
          errors("--lr-decay-iters 0 --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void decayItersMustBeAWholeNumber() {
      assertEquals(
          List.of("[MegatronFlagType] --lr-decay-iters (line 1): --lr-decay-iters takes a whole number (Megatron reads it with int()),"
              + " found '4000.0'; write 4000"),
          errors("--lr-decay-iters 4000.0 --lr 3e-4 --train-iters 5000\n"));
    }

    @Test
    void decayItersCannotBeWrittenInScientificNotation() {
      assertEquals(
          List.of("[MegatronFlagType] --lr-decay-iters (line 1): --lr-decay-iters takes a whole number (Megatron reads it with int()),"
              + " found '1e3'; write 1000"),
          errors("--lr-decay-iters 1e3 --lr 3e-4 --train-iters 5000\n"));
    }

    @Test
    void decayItersDoNotMixWithTrainSamples() {
      assertEquals(
          List.of("[MegatronFlagConflict] --lr-decay-iters (line 2): --lr-decay-iters cannot be combined with --train-samples: Megatron asserts"
              + " 'expected sample-based learning rate decay'; use --lr-decay-samples"),
          errors("--lr 3e-4 --train-samples 512000 --global-batch-size 512\n--lr-decay-iters 900\n"));
    }

    @Test
    void decaySamplesDoNotMixWithTrainIters() {
      assertEquals(
          List.of("[MegatronFlagConflict] --lr-decay-samples (line 2): --lr-decay-samples cannot be combined with --train-iters: Megatron asserts"
              + " 'expected iteration-based learning rate decay'; use --lr-decay-iters"),
          errors("--lr 3e-4 --train-iters 1000\n--lr-decay-samples 900\n"));
    }

    @Test
    void decaySamplesMustBePositive() {
      assertEquals(
          List.of("[MegatronFlagRange] --lr-decay-samples (line 2): --lr-decay-samples (0) must be at least 1, as Megatron asserts"
              + " lr_decay_steps > 0; write the samples to decay over"),
          errors("--lr 3e-4 --train-samples 512000 --global-batch-size 512\n--lr-decay-samples 0\n"));
    }

    @Test
    void trainSamplesNeedTheGlobalBatchSize() {
      assertEquals(
          List.of("[MegatronMissingFlag] --global-batch-size: --global-batch-size is required: with --train-samples Megatron advances the"
              + " schedule by the global batch size every iteration; add `--global-batch-size N` as your launch script sets it"),
          errors("--lr 3e-4 --train-samples 512000\n"));
    }

    @Test
    void trainSamplesMustFillOneBatch() {
      assertEquals(
          List.of("[MegatronFlagRange] --train-samples (line 1): --train-samples (100) is less than one global batch (--global-batch-size 512),"
              + " so Megatron would train 0 iterations; train on at least 512 samples"),
          errors("--train-samples 100 --global-batch-size 512 --lr 3e-4\n"));
    }

    @Test
    void trainSamplesMustBePositive() {
      assertEquals(
          List.of("[MegatronFlagRange] --train-samples (line 1): --train-samples (0) must be at least 1 (Megatron reads 0 as not given);"
              + " write the number of samples to train on"),
          errors("--train-samples 0 --global-batch-size 512 --lr 3e-4\n"));
    }

    @Test
    void globalBatchSizeMustBePositive() {
      assertEquals(
          List.of("[MegatronFlagRange] --global-batch-size (line 1): --global-batch-size (0) must be at least 1, as Megatron asserts"
              + " global_batch_size > 0; write the samples per iteration"),
          errors("--global-batch-size 0 --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void globalBatchSizeMustBeAWholeNumber() {
      assertEquals(
          List.of("[MegatronFlagType] --global-batch-size (line 1): --global-batch-size takes a whole number (Megatron reads it with int()),"
              + " found '512.5'; write a whole number"),
          errors("--global-batch-size 512.5 --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void countsBeyondSixtyFourBitsAreRefused() {
      assertEquals(
          List.of("[MegatronFlagRange] --train-iters (line 1): --train-iters (99999999999999999999) does not fit in 64 bits; write a count below 2^63"),
          errors("--train-iters 99999999999999999999 --lr 3e-4\n"));
    }

    @Test
    void countsBeyondExactDoublesAreRefused() {
      assertEquals(
          List.of("[MegatronFlagRange] --train-iters (line 1): --train-iters (100000) times --global-batch-size (100000000000000) is beyond"
              + " 2^53 steps, where Megatron's float arithmetic stops being exact; use a count below 2^53"),
          errors("--train-iters 100000 --global-batch-size 100000000000000 --lr 3e-4\n"));
    }

    @Test
    void skippedIterationsAreRefusedWithWhatMegatronWouldDo() {
      assertEquals(
          List.of("[MegatronFlagNotModelled] --iterations-to-skip (line 2): --iterations-to-skip 100 250: Megatron skips iterations 100, 250"
              + " (counted from 1) without an update and without a scheduler step, so every later iteration uses the learning rate of an"
              + " earlier one; Anneal does not model this yet: remove it to see the curve without skipped iterations"),
          errors("--lr 3e-4 --train-iters 1000\n--iterations-to-skip 100 250 --bf16\n"));
    }

    @Test
    void theOldBatchSizeFlagIsRefusedAsMegatronRefusesIt() {
      assertEquals(
          List.of("[MegatronDeprecatedFlag] --batch-size (line 1): --batch-size is no longer accepted by Megatron-LM; use --micro-batch-size"
              + " for the samples per GPU and --global-batch-size for the samples per iteration"),
          errors("--batch-size 8 --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void aDecayInTokensIsRefusedAsArgparseRefusesIt() {
      assertEquals(
          List.of("[MegatronUnknownFlag] --lr-decay-tokens (line 2): unknown flag --lr-decay-tokens; did you mean `--lr-decay-samples`?"),
          errors("--lr 3e-4 --train-iters 1000 \\\n  --lr-decay-tokens 260000000000\n"));
    }

    @Test
    void anUnknownFlagThatNamesTheScheduleIsRefused() {
      assertEquals(
          List.of("[MegatronUnknownFlag] --warmup-steps (line 1): unknown flag --warmup-steps; did you mean `--lr-warmup-iters`?",
              "[MegatronUnknownFlag] --train-tokens (line 1): unknown flag --train-tokens; did you mean `--train-samples`?"),
          errors("--lr 3e-4 --train-iters 1000 --warmup-steps 100 --train-tokens 1000000\n"));
    }
  }

  @Nested
  class WarmUp {
    @Test
    void fractionAndItersAreExclusive() {
      assertEquals(
          List.of("[MegatronFlagConflict] --lr-warmup-fraction (line 2): --lr-warmup-fraction cannot be combined with --lr-warmup-iters 100:"
              + " Megatron can only specify one of lr-warmup-fraction and lr-warmup-iters; remove one of them"),
          errors("--lr 3e-4 --train-iters 1000 --lr-warmup-iters 100\n--lr-warmup-fraction 0.01\n"));
    }

    @Test
    void fractionAndSamplesAreExclusive() {
      assertEquals(
          List.of("[MegatronFlagConflict] --lr-warmup-fraction (line 2): --lr-warmup-fraction cannot be combined with --lr-warmup-samples 4096:"
              + " Megatron can only specify one of lr-warmup-fraction and lr-warmup-samples; remove one of them"),
          errors("--lr 3e-4 --train-samples 512000 --global-batch-size 512 --lr-warmup-samples 4096\n--lr-warmup-fraction 0.01\n"));
    }

    @Test
    void fractionMustBeLessThanOne() {
      assertEquals(
          List.of("[MegatronFlagRange] --lr-warmup-fraction (line 1): --lr-warmup-fraction (1.0) must be less than 1, so that the warm-up ends"
              + " before the decay (--lr-decay-iters 4000) does, as Megatron asserts lr_warmup_steps < lr_decay_steps; use a fraction below 1"),
          errors("--lr-warmup-fraction 1.0 --lr 3e-4 --lr-decay-iters 4000 --train-iters 5000\n"));
    }

    @Test
    void warmupMustEndBeforeTheDecayThatDefaultsToTrainIters() {
      assertEquals(
          List.of("[MegatronFlagRange] --lr-warmup-iters (line 1): --lr-warmup-iters (5000) must be less than the decay, --lr-decay-iters 4000"
              + " (from --train-iters), as Megatron asserts lr_warmup_steps < lr_decay_steps; shorten the warm-up or lengthen the decay"),
          errors("--lr-warmup-iters 5000 --lr 3e-4 --train-iters 4000\n"));
    }

    @Test
    void warmupItersDoNotMixWithTrainSamples() {
      assertEquals(
          List.of("[MegatronFlagConflict] --lr-warmup-iters (line 2): --lr-warmup-iters cannot be combined with --train-samples: Megatron asserts"
              + " that the warm-up is counted in samples too; use --lr-warmup-samples"),
          errors("--lr 3e-4 --train-samples 512000 --global-batch-size 512\n--lr-warmup-iters 100\n"));
    }

    @Test
    void warmupSamplesDoNotMixWithTrainIters() {
      assertEquals(
          List.of("[MegatronFlagConflict] --lr-warmup-samples (line 2): --lr-warmup-samples cannot be combined with --train-iters: Megatron"
              + " asserts 'expected iteration-based learning rate warmup'; use --lr-warmup-iters"),
          errors("--lr 3e-4 --train-iters 1000\n--lr-warmup-samples 4096\n"));
    }

    @Test
    void warmupSamplesMustEndBeforeTheDecay() {
      assertEquals(
          List.of("[MegatronFlagRange] --lr-warmup-samples (line 2): --lr-warmup-samples (600000) must be less than the decay, --lr-decay-samples"
              + " 512000 (from --train-samples), as Megatron asserts lr_warmup_steps < lr_decay_steps; shorten the warm-up or lengthen the decay"),
          errors("--lr 3e-4 --train-samples 512000 --global-batch-size 512\n--lr-warmup-samples 600000\n"));
    }
  }

  @Nested
  class Wsd {
    @Test
    void wsdNeedsItsAnnealLength() {
      assertEquals(
          List.of("[MegatronMissingFlag] --lr-wsd-decay-iters: --lr-wsd-decay-iters is required: --lr-decay-style WSD anneals over the last"
              + " --lr-wsd-decay-iters of the decay, and Megatron asserts wsd_decay_steps is not None; add `--lr-wsd-decay-iters N`"),
          errors("--lr 3e-4 --lr-decay-style WSD --train-iters 1000\n"));
    }

    @Test
    void wsdWithSamplesNeedsTheAnnealInSamples() {
      assertEquals(
          List.of("[MegatronMissingFlag] --lr-wsd-decay-samples: --lr-wsd-decay-samples is required: --lr-decay-style WSD anneals over the last"
              + " --lr-wsd-decay-samples of the decay, and Megatron asserts wsd_decay_steps is not None; add `--lr-wsd-decay-samples N`"),
          errors("--lr 3e-4 --lr-decay-style WSD --train-samples 512000 --global-batch-size 512\n"));
    }

    @Test
    void annealSamplesMustBeAWholeNumber() {
      assertEquals(
          List.of("[MegatronFlagType] --lr-wsd-decay-samples (line 2): --lr-wsd-decay-samples takes a whole number (Megatron reads it with"
              + " int()), found '1e5'; write 100000"),
          errors("--lr 3e-4 --lr-decay-style WSD --train-samples 512000 --global-batch-size 512\n--lr-wsd-decay-samples 1e5\n"));
    }

  }

  @Nested
  class WeightDecay {
    @Test
    void weightDecayMustNotBeNegative() {
      assertEquals(
          List.of("[MegatronFlagRange] --weight-decay (line 1): --weight-decay (-0.1) must be at least 0, as Megatron's scheduler asserts"
              + " start_wd >= 0.0; use 0 for no weight decay"),
          errors("--weight-decay -0.1 --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void startWeightDecayNeedsARamp() {
      assertEquals(
          List.of("[MegatronFlagConflict] --start-weight-decay (line 2): --start-weight-decay cannot be combined with --weight-decay-incr-style"
              + " constant (the default): Megatron asserts start_weight_decay is None for a constant weight decay; use --weight-decay, or"
              + " --weight-decay-incr-style linear or cosine for a ramp"),
          errors("--lr 3e-4 --train-iters 1000\n--start-weight-decay 0.01\n"));
    }

    @Test
    void endWeightDecayNeedsARamp() {
      assertEquals(
          List.of("[MegatronFlagConflict] --end-weight-decay (line 2): --end-weight-decay cannot be combined with --weight-decay-incr-style"
              + " constant: Megatron asserts end_weight_decay is None for a constant weight decay; use --weight-decay, or"
              + " --weight-decay-incr-style linear or cosine for a ramp"),
          errors("--lr 3e-4 --train-iters 1000 --weight-decay-incr-style constant\n--end-weight-decay 0.1\n"));
    }

    @Test
    void aRampNeedsBothEnds() {
      assertEquals(
          List.of(
              "[MegatronMissingFlag] --start-weight-decay: --start-weight-decay is required: --weight-decay-incr-style linear ramps from"
                  + " --start-weight-decay to --end-weight-decay, and Megatron asserts both are set; add `--start-weight-decay VALUE`",
              "[MegatronMissingFlag] --end-weight-decay: --end-weight-decay is required: --weight-decay-incr-style linear ramps from"
                  + " --start-weight-decay to --end-weight-decay, and Megatron asserts both are set; add `--end-weight-decay VALUE`"),
          errors("--lr 3e-4 --train-iters 1000 --weight-decay-incr-style linear\n"));
    }

    @Test
    void startWeightDecayMustNotBeNegative() {
      assertEquals(
          List.of("[MegatronFlagRange] --start-weight-decay (line 2): --start-weight-decay (-0.01) must be at least 0, as Megatron's scheduler"
              + " asserts start_wd >= 0.0; use 0 or more"),
          errors("--lr 3e-4 --train-iters 1000 --weight-decay-incr-style cosine\n--start-weight-decay -0.01 --end-weight-decay 0.1\n"));
    }

    @Test
    void weightDecayOnlyIncreases() {
      assertEquals(
          List.of("[MegatronFlagRange] --end-weight-decay (line 2): --end-weight-decay (0.01) must be at least --start-weight-decay (0.1), as"
              + " Megatron's scheduler asserts end_wd >= start_wd; Megatron only increases weight decay: swap the two, or use"
              + " --weight-decay-incr-style constant"),
          errors("--lr 3e-4 --train-iters 1000 --weight-decay-incr-style linear\n--start-weight-decay 0.1 --end-weight-decay 0.01\n"));
    }
  }

  @Nested
  class Spelling {
    @Test
    void aMisspelledSchedulerFlagIsAnError() {
      assertEquals(
          List.of("[MegatronUnknownFlag] --lr-decay-iter (line 2): unknown flag --lr-decay-iter; did you mean `--lr-decay-iters`?"),
          errors("--lr 3e-4 --train-iters 1000\n--lr-decay-iter 900\n"));
    }

    @Test
    void underscoresAreNotDashes() {
      assertEquals(
          List.of("[MegatronUnknownFlag] --min_lr (line 1): unknown flag --min_lr; did you mean `--min-lr`?"),
          errors("--min_lr 3e-5 --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void aFlagWithoutItsValue() {
      assertEquals(
          List.of("[MegatronFlagNeedsValue] --lr (line 1): --lr needs a value; write `--lr VALUE`"),
          errors("--lr --train-iters 1000\n"));
    }

    @Test
    void aFlagWithoutItsValueAtTheEnd() {
      assertEquals(
          List.of("[MegatronFlagNeedsValue] --min-lr (line 2): --min-lr needs a value; write `--min-lr VALUE`"),
          errors("--lr 3e-4 --train-iters 1000 \\\n  --min-lr"));
    }

    @Test
    void theOldWarmupFlagIsRefusedAsMegatronRefusesIt() {
      assertEquals(
          List.of("[MegatronDeprecatedFlag] --warmup (line 1): --warmup is no longer accepted by Megatron-LM; use --lr-warmup-iters, or"
              + " --lr-warmup-fraction for a fraction of the decay"),
          errors("--warmup 0.01 --lr 3e-4 --train-iters 1000\n"));
    }

    @Test
    void everyErrorIsReportedAtOnce() {
      assertEquals(
          List.of(
              "[MegatronFlagType] --train-iters (line 2): --train-iters takes a whole number (Megatron reads it with int()), found 'many';"
                  + " write a whole number",
              "[MegatronUnknownFlag] --lr-decay-iter (line 3): unknown flag --lr-decay-iter; did you mean `--lr-decay-iters`?",
              "[UnknownType] --lr-decay-style (line 4): unknown --lr-decay-style 'cosin'; did you mean `cosine`?",
              "[MegatronMissingFlag] --lr: --lr is required: Megatron has no default peak learning rate; add `--lr VALUE`, e.g. `--lr 3e-4`"),
          errors("# broken\n--train-iters many \\\n--lr-decay-iter 10 \\\n--lr-decay-style cosin\n"));
    }

    @Test
    void argumentListsNameTheArgument() {
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
          () -> FORMAT.readArguments(List.of("--lr", "3e-4", "--train-iters=1000", "--min-lr", "1")));
      assertEquals(
          List.of("[MegatronFlagRange] --min-lr (argument 4): --min-lr (1) must not exceed --lr (3e-4), as Megatron asserts min_lr <= lr;"
              + " lower --min-lr or raise --lr"),
          e.violations().stream().map(Violation::toString).toList());
    }
  }
}
