package dev.anneal.config.deepspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenCase;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every key of a ds_config is honoured, refused, or named: the sections DeepSpeed reads that do not
 * change the schedule are notes with the reason, one line each; a top-level key DeepSpeed does not
 * know is a note too (DeepSpeed ignores it); an optimizer keyword no optimizer takes is refused.
 */
class DeepSpeedIgnoredKeysTest {
  private static final String SCHEDULER =
      "\"scheduler\": {\"type\": \"WarmupLR\", \"params\": {\"warmup_min_lr\": 0.0001, \"warmup_max_lr\": 0.001,"
          + " \"warmup_num_steps\": 100, \"warmup_type\": \"linear\"}}";

  /** What the scheduler above says of itself, before any note. */
  private static final String TWO_UPDATES = "[TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use"
      + " warmup_min_lr (1.0E-4): DeepSpeed sets it at construction and its formula gives it again for iteration 0 after the first step,"
      + " so the whole curve runs one update late";

  private static Imported read(String json) {
    return Formats.byName("deepspeed").read(json);
  }

  private static List<String> lines(Imported imported) {
    return imported.warnings().stream().map(Violation::toString).toList();
  }

  private static List<String> errors(String json) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> read(json));
    return e.violations().stream().map(Violation::toString).toList();
  }

  @Test
  void sectionsThatDoNotChangeTheScheduleAreNamedWithTheirReason() {
    Imported imported = read("{\"train_batch_size\": 32, \"zero_optimization\": {\"stage\": 2}, \"fp16\": {\"enabled\": true},"
        + " \"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.001, \"eps\": 1e-8, \"weight_decay\": 0.01}}, " + SCHEDULER + "}");

    assertEquals(List.of(TWO_UPDATES,
        "[IgnoredSetting] train_batch_size: ignored: the scheduler steps once per optimizer update, whatever the batch size",
        "[IgnoredSetting] zero_optimization: ignored: ZeRO partitioning does not change the schedule",
        "[IgnoredSetting] fp16: ignored: on a loss-scale overflow DeepSpeed skips the update and the scheduler step together,"
            + " so the curve is the same, counted in applied updates"),
        lines(imported));
    // eps and weight_decay are no notes: they are read into the optimizer, which anneal train applies.
    assertEquals(0.01, imported.optimizer().orElseThrow().setting("weight_decay").orElseThrow().value());
    assertEquals(1e-8, imported.optimizer().orElseThrow().setting("eps").orElseThrow().value());
  }

  @Test
  void theGoldenConfigsNameTheirUnrelatedSections() {
    Imported imported = DeepSpeedGoldenTest.read(GoldenCase.named("deepspeed", "warmuplr-linear-1000"));

    assertEquals(List.of(
        "[IgnoredSetting] train_batch_size: ignored: the scheduler steps once per optimizer update, whatever the batch size",
        "[IgnoredSetting] gradient_accumulation_steps: ignored: the scheduler steps once per optimizer update, whatever the batch size",
        "[IgnoredSetting] fp16: ignored: on a loss-scale overflow DeepSpeed skips the update and the scheduler step together,"
            + " so the curve is the same, counted in applied updates",
        "[IgnoredSetting] zero_optimization: ignored: ZeRO partitioning does not change the schedule"),
        lines(imported).stream().filter(line -> line.startsWith("[IgnoredSetting]")).toList());
  }

  @Test
  void aTopLevelKeyDeepSpeedDoesNotKnowIsNamedWithADidYouMean() {
    Imported imported = read("{\"optimizer\": {\"type\": \"SGD\", \"params\": {\"lr\": 0.1}},"
        + " \"schedular\": {\"type\": \"WarmupLR\", \"params\": {}}}");

    assertEquals(List.of(
        "[NoScheduler] scheduler: no scheduler block: DeepSpeed keeps the optimizer's lr (0.1) on every update, unless your code passes"
            + " lr_scheduler to deepspeed.initialize",
        "[DeepspeedKeyNotRead] schedular: DeepSpeed does not read 'schedular', so it ignores the setting; did you mean `scheduler`?"
            + " rename it, or remove it"),
        lines(imported));
    assertEquals(0.1, imported.plan().lr().valueAt(500));
  }

  @Test
  void aMisspelledSectionIsNamedBesideTheErrorsItsAbsenceCauses() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> read(
        "{\"optimiser\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.001}},"
            + " \"scheduler\": {\"type\": \"WarmupCosineLR\", \"params\": {\"total_num_steps\": 1000}}}"));

    assertEquals(List.of("[MissingKey] optimizer.params.lr: missing required key 'optimizer.params.lr' (WarmupCosineLR scales the optimizer's lr by its ratios)"),
        e.violations().stream().map(Violation::toString).toList());
    assertEquals(List.of("[DeepspeedKeyNotRead] optimiser: DeepSpeed does not read 'optimiser', so it ignores the setting; did you"
            + " mean `optimizer`? rename it, or remove it"),
        e.warnings().stream().filter(w -> w.path().equals("optimiser")).map(Violation::toString).toList());
  }

  @Test
  void aTopLevelKeyFarFromAnyKnownKeyIsNamedWithoutASuggestion() {
    Imported imported = read("{\"optimizer\": {\"type\": \"SGD\", \"params\": {\"lr\": 0.1}}, \"my_notes\": \"run 7\", " + SCHEDULER + "}");

    assertEquals(List.of(TWO_UPDATES, "[IgnoredSetting] my_notes: ignored: DeepSpeed does not read this key and ignores it"),
        lines(imported));
  }

  @Test
  void aKeyOfTheOptimizerBlockDeepSpeedDoesNotReadIsNamed() {
    Imported imported = read("{\"optimizer\": {\"type\": \"SGD\", \"param\": {\"lr\": 0.5}, \"params\": {\"lr\": 0.1},"
        + " \"legacy_fusion\": false}, " + SCHEDULER + "}");

    assertEquals(List.of(TWO_UPDATES,
        "[IgnoredSetting] optimizer.legacy_fusion: ignored: fused kernels do not change the schedule",
        "[IgnoredSetting] optimizer.param: ignored: DeepSpeed reads only type, params and legacy_fusion of the optimizer block;"
            + " did you mean `params`?"),
        lines(imported));
  }

  @Test
  void anOptimizerKeywordNoOptimizerTakesIsRefused() {
    assertEquals(List.of("[UnknownKey] optimizer.params.epsilon: unknown key 'epsilon' in optimizer.params (DeepSpeed passes params to"
            + " the optimizer's constructor, and no optimizer it builds takes it: it fails with a TypeError)"),
        errors("{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.001, \"epsilon\": 1e-8}}, " + SCHEDULER + "}"));
  }

  @Test
  void aMisspelledOptimizerKeywordGetsADidYouMean() {
    assertEquals(List.of("[UnknownKey] optimizer.params.weight_decy: unknown key 'weight_decy' in optimizer.params; did you mean"
            + " `weight_decay`? (DeepSpeed passes params to the optimizer's constructor, and no optimizer it builds takes it: it fails"
            + " with a TypeError)"),
        errors("{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.001, \"weight_decy\": 0.1}}, " + SCHEDULER + "}"));
  }

  @Test
  void adagradsOwnLearningRateDecayIsRefused() {
    assertEquals(List.of("[NotImportable] optimizer.params.lr_decay: cannot be imported from DeepSpeed: lr_decay 0.01 makes torch's Adagrad divide the learning rate by"
            + " 1 + (t - 1) · lr_decay inside the optimizer, a decay the scheduler block does not show; set lr_decay to 0 and write the"
            + " decay as the scheduler"),
        errors("{\"optimizer\": {\"type\": \"Adagrad\", \"params\": {\"lr\": 0.01, \"lr_decay\": 0.01}}, " + SCHEDULER + "}"));
  }

  @Test
  void adagradWithoutLearningRateDecayIsRead() {
    Imported imported = read("{\"optimizer\": {\"type\": \"Adagrad\", \"params\": {\"lr\": 0.01, \"lr_decay\": 0}}, " + SCHEDULER + "}");

    assertEquals(List.of(TWO_UPDATES,
        "[IgnoredSetting] optimizer.params.lr_decay: ignored: lr_decay 0 leaves the learning rate to the scheduler"), lines(imported));
    assertEquals(0.001, imported.plan().lr().valueAt(1000));
  }

  @Test
  void theMomentumOneCycleKeepsAsItsChannelIsModelledNotIgnored() {
    Imported imported = read("{\"optimizer\": {\"type\": \"SGD\", \"params\": {\"lr\": 0.01, \"momentum\": 0.9}},"
        + " \"scheduler\": {\"type\": \"OneCycle\", \"params\": {\"cycle_min_lr\": 0.001, \"cycle_max_lr\": 0.01,"
        + " \"cycle_first_step_size\": 100, \"cycle_momentum\": true}}}");

    assertEquals(0.9, imported.plan().channel("momentum").valueAt(0));
    assertEquals(List.of(), lines(imported).stream().filter(line -> line.contains("optimizer.params.momentum")).toList());
  }
}
