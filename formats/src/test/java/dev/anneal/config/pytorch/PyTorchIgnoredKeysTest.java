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
  void optimizerSettingsAreReadIntoTheOptimizerNotNamedAsIgnored() {
    // The schedule does not use them, but anneal train applies them: they are honoured, not ignored.
    Imported sgd = Formats.byName("pytorch").read("{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1, \"momentum\": 0.9,"
        + " \"weight_decay\": 0.0001, \"dampening\": 0.1}, " + STEP_LR + "}");
    assertEquals(List.of(), sgd.warnings());
    assertEquals(0.9, sgd.optimizer().orElseThrow().setting("momentum").orElseThrow().value());
    assertEquals(0.0001, sgd.optimizer().orElseThrow().setting("weight_decay").orElseThrow().value());
    assertEquals(0.1, sgd.optimizer().orElseThrow().setting("dampening").orElseThrow().value());
  }

  @Test
  void adamsBetasEpsAndAmsgradAreReadIntoTheOptimizer() {
    Imported adam = Formats.byName("pytorch").read("{\"optimizer\": {\"type\": \"Adam\", \"lr\": 0.001, \"betas\": [0.9, 0.99],"
        + " \"eps\": 1e-7, \"amsgrad\": true}, " + STEP_LR + "}");
    assertEquals(List.of(), adam.warnings());
    assertEquals(0.99, adam.optimizer().orElseThrow().setting("beta2").orElseThrow().value());
    assertEquals(1e-7, adam.optimizer().orElseThrow().setting("eps").orElseThrow().value());
    assertEquals(1.0, adam.optimizer().orElseThrow().setting("amsgrad").orElseThrow().value());
  }

  @Test
  void anOptimizerSettingItsTypeDoesNotTakeIsRefusedAsTorchRefusesIt() {
    // torch.optim.SGD(eps=…) raises TypeError: an unexpected keyword argument.
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> lines("{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1, \"eps\": 1e-8}, " + STEP_LR + "}"));
    assertEquals("[UnknownKey] optimizer.eps: unknown key 'eps'; expected one of: dampening, lr, momentum, nesterov, type, weight_decay",
        e.getMessage());
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
        "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, " + STEP_LR + ", \"max_epochs\": 90}"));

    // "epochs" is read since issue 15 (the run's length in epochs); Lightning's Trainer argument max_epochs is not a key.
    assertEquals(List.of("[UnknownKey] max_epochs: unknown key 'max_epochs'; did you mean `epochs`?"),
        e.violations().stream().map(Violation::toString).toList());
  }
}
