package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Numbers torch documents as ints but takes as Python gives them: what upstream runs, Anneal runs.
 * The expected learning rates are torch 1.13's (Debian python3-torch), an SGD at lr 0.1 stepped
 * after every update, with the keyword arguments read by {@code json.loads} from the same text.
 */
class PythonNumbersTest {
  private static Imported read(String scheduler) {
    return Formats.byName("pytorch").read(
        "{\"torch_version\": \"1.13\", \"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, \"scheduler\": " + scheduler + "}");
  }

  private static List<String> warnings(Imported imported) {
    return imported.warnings().stream().map(Violation::toString).toList();
  }

  @Test
  void aFractionalStepSizeDecaysAtTheMultiplesOfItsNumerator() {
    Imported imported = read("{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 2.5, \"gamma\": 0.5}}");

    assertEquals(List.of("[StepSizeNotAnInt] scheduler.kwargs.step_size: step_size (2.5) is not a 64-bit whole number, which torch"
        + " does not check: StepLR decays at each step where Python's last_epoch modulo step_size is 0, which for this value is at every"
        + " multiple of 5 steps; write the whole number of steps you mean"), warnings(imported));
    assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025},
        imported.plan().lr().values(0, 12));
    // 0.75 = 3/4: every 3 steps.
    assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025},
        read("{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 0.75, \"gamma\": 0.5}}").plan().lr().values(0, 8));
  }

  @Test
  void aStepSizeBeyondSixtyFourBitsNeverDecays() {
    Imported imported = read("{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 99999999999999999999}}");

    assertEquals(List.of("[StepSizeNotAnInt] scheduler.kwargs.step_size: step_size (99999999999999999999) is not a 64-bit whole"
        + " number, which torch does not check: StepLR decays at each step where Python's last_epoch modulo step_size is 0, which no"
        + " step of the 64-bit range is, so the learning rate never decays; write the whole number of steps you mean"),
        warnings(imported));
    assertEquals(0.1, imported.plan().lr().valueAt(0));
    assertEquals(0.1, imported.plan().lr().valueAt(Long.MAX_VALUE));
  }

  @Test
  void milestonesGivenAsTextNeverDecay() {
    Imported imported = read("{\"type\": \"MultiStepLR\", \"kwargs\": {\"milestones\": \"10,20\"}}");

    assertEquals(List.of("[MilestonesText] scheduler.kwargs.milestones: milestones is the text \"10,20\", not a list: torch's"
        + " MultiStepLR keeps Counter(milestones), which counts its characters, and no step equals a character, so the learning"
        + " rate never decays; write a list of steps, e.g. [10, 20]"), warnings(imported));
    assertEquals(0.1, imported.plan().lr().valueAt(10));
    assertEquals(0.1, imported.plan().lr().valueAt(24));
  }
}
