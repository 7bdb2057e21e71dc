package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal audit} refuses a log it cannot audit with one full line per problem and exit status 2, never a trace. */
class AuditLogErrorsTest {
  private static final String CONFIG = AuditCommandTest.WARMUP_COSINE;

  @TempDir Path dir;

  private Anneal.Result audit(Path log, String... more) {
    String[] args = new String[more.length + 5];
    args[0] = "audit";
    args[1] = log.toString();
    args[2] = CONFIG;
    args[3] = "--quiet";
    args[4] = "--format=pytorch";
    System.arraycopy(more, 0, args, 5, more.length);
    return Anneal.run(args);
  }

  private void assertRefused(Anneal.Result result, String... lines) {
    assertEquals(List.of(lines), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void anUnreadableLog() {
    Path missing = dir.resolve("missing.csv");

    assertRefused(audit(missing), missing + ": [UnreadableFile] cannot read the file: no such file");
  }

  @Test
  void aLogWithoutALearningRateColumn() throws IOException {
    Path log = Files.writeString(dir.resolve("loss.csv"), "step,loss\n0,1.5\n1,1.25\n");

    assertRefused(audit(log), log + ": [NoLogColumn] line 1: no learning-rate column among 'step' and 'loss'; name it 'lr', 'learning_rate', "
        + "'learning-rate', 'train/learning_rate', 'train/lr' or 'lr-OPTIMIZER', or pass --lr-column NAME");
  }

  @Test
  void aLogWithoutAStepColumn() throws IOException {
    Path log = Files.writeString(dir.resolve("lr.csv"), "epoch,lr\n0,0.1\n");

    assertRefused(audit(log), log + ": [NoLogColumn] line 1: no step column among 'epoch' and 'lr'; name it 'step', 'global_step', "
        + "'iteration', 'iter', 'train/global_step' or 'trainer/global_step', or pass --step-column NAME");
  }

  @Test
  void anEmptyLog() throws IOException {
    Path log = Files.writeString(dir.resolve("empty.csv"), "");

    assertRefused(audit(log), log + ": [EmptyLog] the log holds no learning rate: the file is empty; audit compares logged values with "
        + "the config's curve, so it needs at least one");
  }

  @Test
  void aHeaderWithoutRows() throws IOException {
    Path log = Files.writeString(dir.resolve("header.csv"), "step,lr\n\n");

    assertRefused(audit(log), log + ": [EmptyLog] line 1: the log holds no learning rate: the header is followed by no rows; audit "
        + "compares logged values with the config's curve, so it needs at least one");
  }

  @Test
  void twoColumnsThatCouldEachBeTheLearningRate() throws IOException {
    Path log = Files.writeString(dir.resolve("both.csv"), "step,lr,learning_rate\n0,1e-05,1e-05\n");

    assertRefused(audit(log), log + ": [AmbiguousLogColumn] line 1: 'lr' and 'learning_rate' could each be the learning-rate column; "
        + "pass --lr-column NAME to say which");
    assertEquals(0, audit(log, "--lr-column", "lr").exitCode());
  }

  @Test
  void aColumnNamedThatTheLogLacks() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), "step,lr\n0,1e-05\n");

    assertRefused(audit(log, "--lr-column", "rate"), log + ": [BadLogValue] --lr-column: --lr-column is 'rate', which is not a column of "
        + "the log; expected one of 'step', 'lr'");
  }

  @Test
  void valuesThatAreNotStepsOrFiniteNumbersAreAllNamed() throws IOException {
    Path log = Files.writeString(dir.resolve("bad.csv"), "step,lr\n0,1e-05\n1.5,4.3e-05\nthree,nan\n4,1e-3,7\n");

    assertRefused(audit(log),
        log + ": [BadLogValue] line 3: the step is '1.5'; expected a whole number of at least 0",
        log + ": [BadLogValue] line 4: the step is 'three'; expected a whole number of at least 0",
        log + ": [BadLogValue] line 4: the learning rate is 'nan'; expected a finite number",
        log + ": [RowLength] line 5: the row has 3 fields but the header has 2 (a field may not hold a comma, even in quotes)");
  }

  @Test
  void stepsOutOfOrder() throws IOException {
    Path log = Files.writeString(dir.resolve("restarted.jsonl"), "{\"step\": 0, \"lr\": 1e-05}\n{\"step\": 1, \"lr\": 4.3e-05}\n"
        + "{\"step\": 1, \"lr\": 4.3e-05}\n");

    assertRefused(audit(log), log + ": [LogStepsOutOfOrder] line 3: step 1 comes after step 1; audit needs each step once, in increasing "
        + "order: if the step counter restarted at a resume, audit one run's rows at a time, or number the steps on");
  }

  @Test
  void aJsonLineThatIsNotJson() throws IOException {
    Path log = Files.writeString(dir.resolve("broken.jsonl"), "{\"step\": 0, \"lr\": 1e-05}\n{\"step\": 1, \"lr\": }\n");

    assertRefused(audit(log), log + ": [InvalidJson] line 2, column 19: unexpected character ('}'): expected a valid value "
        + "(a string, number, array, object, true, false or null)");
  }

  @Test
  void aTrainerStateWithoutLogHistory() throws IOException {
    Path log = Files.writeString(dir.resolve("trainer_state.json"), "{\"global_step\": 10, \"log_history\": {}}");

    assertRefused(audit(log), log + ": [WrongType] log_history: expected an array of log entries (a trainer_state.json), found object");
  }

  @Test
  void aLogWhoseFormatCannotBeTold() throws IOException {
    Path log = Files.writeString(dir.resolve("run.log"), "step 0 lr 1e-05\n");

    assertRefused(audit(log), log + ": [LogFormatUndetected] --log-format: cannot tell the log's format from its name or its first line; "
        + "add --log-format NAME, where NAME is one of csv, jsonl, trainer-state");
  }

  @Test
  void aMisspeltLogFormat() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), "step,lr\n0,1e-05\n");

    assertRefused(audit(log, "--log-format", "cvs"), "[UnknownType] --log-format: unknown log format 'cvs'; did you mean `csv`?");
  }

  @Test
  void firstUpdateIs0Or1() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), "step,lr\n0,1e-05\n");

    assertRefused(audit(log, "--first-update", "2"), "[OutOfRange] --first-update: --first-update (2) must lie in {0, 1}");
    assertRefused(audit(log, "--first-update", "1"), log + ": [BadLogValue] line 2: the step is 0; expected at least 1, as --first-update 1 "
        + "numbers the first update 1");
  }

  @Test
  void rtolLiesBelow1() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), "step,lr\n0,1e-05\n");

    assertRefused(audit(log, "--rtol", "NaN"), "[OutOfRange] --rtol: --rtol (NaN) must lie in [0, 1)");
  }
}
