package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.config.deepspeed.DeepSpeedFormat;
import dev.anneal.config.pytorch.PyTorchFormat;
import dev.anneal.config.transformers.TransformersFormat;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.Plan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every JSON reader parses through {@link Json}: a key given twice is refused with both lines
 * (Jackson would keep the last one, silently), and an integer field reads the number as written,
 * never the double it rounds to.
 */
class StrictJsonTest {
  private static List<String> errors(ConfigFormat format, String text) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> format.read(text));
    return e.violations().stream().map(Violation::toString).toList();
  }

  // ---- duplicate keys, in every JSON format ----

  @Test
  void deepSpeedDuplicateKeyNamesBothLines() {
    String config = """
        {
          "train_batch_size": 8,
          "optimizer": {"type": "AdamW", "params": {"lr": 0.001}},
          "scheduler": {
            "type": "WarmupLR",
            "params": {
              "warmup_num_steps": 100,
              "warmup_type": "linear",
              "warmup_num_steps": 200
            }
          }
        }
        """;
    assertEquals(List.of("[DuplicateKey] scheduler.params.warmup_num_steps: key given twice, on lines 7 and 9; remove one"),
        errors(new DeepSpeedFormat(), config));
  }

  @Test
  void pyTorchDuplicateKeysAreAllReportedInLineOrder() {
    String config = """
        {"optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9},
         "scheduler": {"type": "StepLR",
                       "kwargs": {"step_size": 30,
                                  "gamma": 0.1,
                                  "step_size": 3,
                                  "step_size": 300}},
         "optimizer": {"type": "SGD", "lr": 1.0}}
        """;
    assertEquals(List.of(
            "[DuplicateKey] optimizer: key given twice, on lines 1 and 7; remove one",
            "[DuplicateKey] scheduler.kwargs.step_size: key given 3 times, on lines 3, 5 and 6; keep only one"),
        errors(new PyTorchFormat(), config));
  }

  /** transformers reads its arguments with json.loads (HfArgumentParser.parse_json_file): the last value wins, with a warning. */
  @Test
  void transformersDuplicateKeyKeepsTheLastValueAsPythonsJsonDoes() {
    String config = """
        {"learning_rate": 2e-05,
         "lr_scheduler_type": "linear",
         "max_steps": 1000,
         "learning_rate": 0.1}
        """;
    Imported imported = new TransformersFormat().read(config);

    assertEquals("[DuplicateKeyLastWins] learning_rate: key given twice, on lines 1 and 4: transformers reads the file with"
        + " Python's json, which keeps the last value (0.1); keep only the one you mean", imported.warnings().get(0).toString());
    assertEquals(0.1, imported.plan().lr().valueAt(500) * 2, 1e-15, "half way down the linear decay from 0.1");
  }

  @Test
  void annealDuplicateKeyInsideAListNamesTheElement() {
    String config = """
        {"lr": {"phases": [
          {"shape": "constant", "value": 1, "steps": 10},
          {"shape": "constant", "value": 1,
           "steps": 10, "value": 2}]}}
        """;
    assertEquals(List.of("[DuplicateKey] lr.phases[1].value: key given twice, on lines 3 and 4; remove one"),
        errors(new AnnealFormat(), config));
  }

  @Test
  void theSameKeyInTwoObjectsIsNoDuplicate() {
    Plan plan = new AnnealFormat().read("""
        {"lr": {"phases": [{"shape": "constant", "value": 1, "steps": 10}]},
         "momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": 10}]}}
        """).plan();
    assertEquals(0.9, plan.channel("momentum").valueAt(0));
  }

  @Test
  void moreThanOneValueIsASyntaxErrorThatNamesWhereTheSecondStarts() {
    assertEquals(List.of("[InvalidJson] line 2, column 1: more content after the end of the JSON value; a config is one JSON value"),
        errors(new AnnealFormat(), "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 10}]}}\n{}"));
  }

  @Test
  void aByteOrderMarkAtTheStartIsSkipped() {
    // Windows editors save UTF-8 with a byte order mark; it is no part of the config.
    Plan plan = new AnnealFormat().read("\uFEFF{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 10}]}}").plan();
    assertEquals(1.0, plan.channel("lr").valueAt(0));
    assertEquals(0.001, new DeepSpeedFormat().read("\uFEFF{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.001}}}")
        .plan().channel("lr").valueAt(5));
    assertEquals(3e-4, new dev.anneal.config.megatron.MegatronFormat().read("\uFEFF--lr 3e-4 --train-iters 10 --lr-decay-style constant")
        .plan().channel("lr").valueAt(5));
  }

  @Test
  void blankInputIsEmptyInEveryJsonFormat() {
    // White space and a lone byte order mark are nothing to parse: one message, before any reader runs.
    for (ConfigFormat format : List.of(new AnnealFormat(), new DeepSpeedFormat(), new PyTorchFormat(), new TransformersFormat())) {
      assertEquals(List.of("[EmptyInput] the input is empty; expected a JSON object"), errors(format, "\uFEFF \n\t"), format.name());
    }
  }

  @Test
  void aByteOrderMarkInsideTheTextIsStillAnError() {
    assertEquals(List.of("[InvalidJson] line 1, column 2: unexpected character (U+feff): was expecting double-quote to start field name"),
        errors(new AnnealFormat(), "{\uFEFF\"lr\": 1}"));
  }

  // ---- integers, read from the decimal text ----

  private static String annealSteps(String steps) {
    return "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": " + steps + "}], \"after\": \"fail\"}}";
  }

  @Test
  void anIntegerWrittenWithAFractionPointIsReadExactly() {
    // 2^53 + 1: the double nearest to it is 2^53, which the old reader silently used.
    Plan plan = new AnnealFormat().read(annealSteps("9007199254740993.0")).plan();
    assertEquals(9_007_199_254_740_993L, plan.lr().declaredEnd().getAsLong());
  }

  @Test
  void anExponentFormIsAnInteger() {
    assertEquals(1000L, new AnnealFormat().read(annealSteps("1e3")).plan().lr().declaredEnd().getAsLong());
    assertEquals(1200L, new AnnealFormat().read(annealSteps("1.2e3")).plan().lr().declaredEnd().getAsLong());
  }

  @Test
  void aFractionIsRefusedEvenWhereTheDoubleIsWhole() {
    assertEquals(List.of("[WrongType] lr.phases[0].steps: expected an integer, found 1.5"), errors(new AnnealFormat(), annealSteps("1.5")));
    // 2^53 + 0.5 rounds to the whole double 2^53; the text is no integer.
    assertEquals(List.of("[WrongType] lr.phases[0].steps: expected an integer, found 9.007199254740992E15"),
        errors(new AnnealFormat(), annealSteps("9007199254740992.5")));
  }

  @Test
  void anIntegerPastTheStepRangeIsRefusedWithoutExpandingIt() {
    assertEquals(List.of("[OutOfRange] lr.phases[0].steps: steps (9.223372036854776E18) must lie in the 64-bit step range"),
        errors(new AnnealFormat(), annealSteps("9223372036854775808.0")));
    // A billion-digit integer, written in 11 characters: refused at once, not computed.
    List<String> found = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> errors(new AnnealFormat(), annealSteps("1e999999999")));
    assertEquals(List.of("[OutOfRange] lr.phases[0].steps: steps (1E+999999999) must lie in the 64-bit step range"), found);
  }

  @Test
  void pyTorchMilestonesAndDeepSpeedStepsReadTheTextToo() {
    Plan pytorch = new PyTorchFormat().read("{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, \"scheduler\": {\"type\": \"MultiStepLR\","
        + " \"kwargs\": {\"milestones\": [30, 9007199254740993.0], \"gamma\": 0.5}}}").plan();
    Milestones milestones = (Milestones) pytorch.lr().phases().get(0).shape();
    assertEquals(List.of(30L, 9_007_199_254_740_993L), milestones.milestones());
    assertEquals(List.of("[WrongType] scheduler.params.total_num_steps: expected an integer, found 100.5"),
        errors(new DeepSpeedFormat(), "{\"train_batch_size\": 8, \"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.001}},"
            + " \"scheduler\": {\"type\": \"WarmupDecayLR\", \"params\": {\"total_num_steps\": 100.5, \"warmup_num_steps\": 10}}}"));
  }
}
