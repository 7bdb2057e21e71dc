package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The optimizer's keyword arguments that torch checks but the schedule does not use are named, one
 * line each, with the reason; a key of no torch class is refused as before.
 */
class PyTorchIgnoredKeysTest {
  private static final String STEP_LR = "\"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 10}}";

  private static List<String> lines(String json) {
    return Formats.byName("pytorch").read(json).warnings().stream().map(Violation::toString).toList();
  }

  @Test
  void optimizerSettingsTheScheduleDoesNotUseAreNamed() {
    assertEquals(List.of(
        "[IgnoredSetting] optimizer.momentum: ignored: the optimizer's momentum is not scheduled: it stays constant, or CyclicLR and"
            + " OneCycleLR replace it with the momentum they cycle",
        "[IgnoredSetting] optimizer.weight_decay: ignored: the optimizer's weight decay is a constant, outside the plan",
        "[IgnoredSetting] optimizer.nesterov: ignored: an optimizer setting: the learning-rate schedule does not depend on it"),
        lines("{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1, \"momentum\": 0.9, \"weight_decay\": 0.0001, \"nesterov\": true}, "
            + STEP_LR + "}"));
  }

  @Test
  void adamsBetasEpsAndAmsgradAreNamed() {
    assertEquals(List.of(
        "[IgnoredSetting] optimizer.betas: ignored: Adam's betas are not scheduled: they stay constant, or CyclicLR and OneCycleLR"
            + " replace β1 with the momentum they cycle",
        "[IgnoredSetting] optimizer.eps: ignored: an optimizer setting: the learning-rate schedule does not depend on it",
        "[IgnoredSetting] optimizer.amsgrad: ignored: an optimizer setting: the learning-rate schedule does not depend on it"),
        lines("{\"optimizer\": {\"type\": \"Adam\", \"lr\": 0.001, \"betas\": [0.9, 0.99], \"eps\": 1e-8, \"amsgrad\": true}, "
            + STEP_LR + "}"));
  }

  @Test
  void anOptimizerWithOnlyItsLearningRateSaysNothing() {
    Imported imported = Formats.byName("pytorch").read("{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, " + STEP_LR + "}");

    assertEquals(List.of(), imported.warnings());
    assertEquals(0.010000000000000002, imported.plan().lr().valueAt(10));
  }

  @Test
  void aTopLevelKeyOfNoTorchClassIsStillRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Formats.byName("pytorch").read(
        "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, " + STEP_LR + ", \"epochs\": 90}"));

    assertEquals(List.of("[UnknownKey] epochs: unknown key 'epochs'; expected one of: optimizer, scheduler"),
        e.violations().stream().map(Violation::toString).toList());
  }
}
