package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The final step of every JSON format: a key no reader consumed cannot pass silently, whichever
 * object it is in and however many views of that object the readers made.
 */
class JsonConfigFormatTest {
  /** A format that reads {@code lr} and then does whatever {@code more} does with the root. */
  private static ConfigFormat format(Consumer<JsonFields> more) {
    return new JsonConfigFormat("test") {
      @Override
      protected Imported read(JsonFields root, Problems problems) {
        double lr = root.requireDouble("lr");
        more.accept(root);
        root.problems().throwIfErrors();
        return new Imported("test", Plan.of(new Sequence(List.of(new Phase(new Constant(lr), Phase.OPEN)))), root.problems().warnings());
      }

      @Override
      public String write(Plan plan) {
        throw new UnsupportedOperationException("a reading test");
      }
    };
  }

  private static List<String> errors(ConfigFormat format, String json) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> format.read(json));
    return e.violations().stream().map(Violation::toString).toList();
  }

  @Test
  void aKeyTheReaderForgotIsRefusedAfterTheRead() {
    assertEquals(List.of("[UnknownKey] lr_max: unknown key 'lr_max'; expected one of: lr"),
        errors(format(root -> {}), "{\"lr\": 0.1, \"lr_max\": 0.2}"));
  }

  @Test
  void aKeyForgottenInANestedObjectIsRefusedAtItsPath() {
    ConfigFormat format = format(root -> root.optObject("block").optDouble("a", 0));

    assertEquals(List.of("[UnknownKey] block.b: unknown key 'b'; did you mean `a`?"),
        errors(format, "{\"lr\": 0.1, \"block\": {\"a\": 1, \"b\": 2}}"));
  }

  @Test
  void keysConsumedThroughAnotherViewOfTheSameObjectCount() {
    // One reader takes "a" through one view, another reader "b" through a second view of the same object.
    ConfigFormat format = format(root -> {
      root.optObject("block").optDouble("a", 0);
      root.optObject("block").optDouble("b", 0);
    });

    assertEquals(0.1, format.read("{\"lr\": 0.1, \"block\": {\"a\": 1, \"b\": 2}}").plan().lr().valueAt(0));
  }

  @Test
  void anIgnoredSettingIsANoteWithItsReasonAndTheReadSucceeds() {
    ConfigFormat format = format(root -> root.ignored("fp16", "mixed precision does not change the schedule"));

    Imported imported = format.read("{\"lr\": 0.1, \"fp16\": {\"enabled\": true}}");

    assertEquals(List.of("[IgnoredSetting] fp16: ignored: mixed precision does not change the schedule"),
        imported.warnings().stream().map(Violation::toString).toList());
  }

  @Test
  void anIgnoredSettingThatIsAbsentOrNullSaysNothing() {
    ConfigFormat format = format(root -> root.ignored("fp16", "mixed precision does not change the schedule"));

    assertEquals(List.of(), format.read("{\"lr\": 0.1}").warnings());
    assertEquals(List.of(), format.read("{\"lr\": 0.1, \"fp16\": null}").warnings());
  }

  @Test
  void aFailedReadReportsItsOwnErrorsOnly() {
    // The reader stopped at the error: the keys it never reached are not called unknown.
    assertEquals(List.of("[MissingKey] lr: missing required key 'lr'"), errors(format(root -> {}), "{\"block\": {\"a\": 1}}"));
  }

  @Test
  void aFailedReadKeepsItsWarningsButNotItsNotes() {
    ConfigFormat format = format(root -> {
      root.ignored("fp16", "mixed precision does not change the schedule");
      root.problems().add(dev.anneal.config.deepspeed.DeepSpeedCode.noScheduler("scheduler", 0.1));
      root.requireDouble("total");
    });

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> format.read("{\"lr\": 0.1, \"fp16\": true}"));

    assertEquals(List.of("[MissingKey] total: missing required key 'total'"), e.violations().stream().map(Violation::toString).toList());
    assertEquals(List.of("[NoScheduler] scheduler: no scheduler block: DeepSpeed keeps the optimizer's lr (0.1) on every update, unless"
        + " your code passes lr_scheduler to deepspeed.initialize"), e.warnings().stream().map(Violation::toString).toList());
  }

  @Test
  void unconsumedListsTheKeysLeftInTheOrderWritten() {
    Problems problems = new Problems();
    JsonFields root = Json.parseObject("{\"c\": 1, \"a\": 2, \"b\": 3}", problems);
    root.optDouble("a", 0);

    assertEquals(List.of("c", "b"), root.unconsumed());
    assertEquals(true, root.isSettled());
    assertEquals(List.of(), problems.all());
  }
}
