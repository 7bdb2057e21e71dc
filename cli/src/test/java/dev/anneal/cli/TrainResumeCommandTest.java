package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anneal train --checkpoint-dir} and {@code --resume} through the command's entry point, on
 * the built-in digits (45 updates per epoch): a run stopped and resumed writes the log of the run
 * that never stopped, bit for bit, as the library's resume tests demand of the values and parameters.
 */
class TrainResumeCommandTest {
  private static final String STOPS_AT_30 = "[RunStopsBeforeEnd] --steps: the run stops in phase 0 (linear) at update 30 of 3000, so the rest "
      + "of the plan never runs; train the whole plan with --steps 3000 or --epochs 67";

  @TempDir Path dir;

  private static List<String> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith(".") && !name.endsWith(".lock")).sorted().toList();
    }
  }

  @Test
  void aRunResumedMidEpochWritesTheLogOfTheRunThatNeverStopped() throws IOException {
    Path straight = dir.resolve("straight");
    Path checkpoints = dir.resolve("checkpoints");

    Anneal.Result whole = Anneal.run("train", "--steps", "60", "--out", straight.toString());
    Anneal.Result firstHalf = Anneal.run("train", "--steps", "30", "--checkpoint-dir", checkpoints.toString(), "--out", dir.resolve("first").toString());
    Anneal.Result secondHalf = Anneal.run("train", "--steps", "60", "--checkpoint-dir", checkpoints.toString(), "--resume",
        "--out", dir.resolve("resumed").toString());

    assertEquals(0, whole.exitCode(), whole.err().toString());
    assertEquals(List.of(STOPS_AT_30), firstHalf.err());
    assertEquals(0, secondHalf.exitCode(), secondHalf.err().toString());
    assertTrue(firstHalf.out().contains("saved checkpoints in " + checkpoints + ", the newest train-0030.params (go on with --resume --checkpoint-dir "
        + checkpoints + ")"), firstHalf.out().toString());
    assertTrue(secondHalf.out().contains("resumed from " + checkpoints.resolve("train-0030.params") + " after 30 updates"), secondHalf.out().toString());
    assertTrue(secondHalf.out().stream().anyMatch(line -> line.startsWith("trained 30 updates (epochs 1 to 2) in ")), secondHalf.out().toString());
    // Every row, those after the resume included: the same lr, momentum, weight decay and loss, bit for bit.
    List<String> expected = Files.readAllLines(straight.resolve("train.csv"));
    assertEquals(61, expected.size());
    assertEquals(expected, Files.readAllLines(dir.resolve("resumed").resolve("train.csv")));
    // At the end of the run, at the end of the first epoch (update 45), and at the end of the run again.
    assertEquals(List.of("train-0030.csv", "train-0030.params", "train-0030.params.anneal", "train-0045.csv", "train-0045.params",
        "train-0045.params.anneal", "train-0060.csv", "train-0060.params", "train-0060.params.anneal"), files(checkpoints));
  }

  @Test
  void resumeFileNamesTheCheckpointAndWorksWithoutCheckpointDir() throws IOException {
    Path checkpoints = dir.resolve("checkpoints");
    Anneal.run("train", "--steps", "30", "--checkpoint-dir", checkpoints.toString(), "--out", dir.resolve("first").toString());
    Anneal.run("train", "--steps", "50", "--checkpoint-dir", checkpoints.toString(), "--resume", "--out", dir.resolve("second").toString());

    Anneal.Result fromFirst = Anneal.run("train", "--steps", "50", "--resume", checkpoints.resolve("train-0030.params").toString(),
        "--out", dir.resolve("again").toString());

    assertEquals(0, fromFirst.exitCode(), fromFirst.err().toString());
    assertEquals(Files.readAllLines(dir.resolve("second").resolve("train.csv")), Files.readAllLines(dir.resolve("again").resolve("train.csv")));
  }

  @Test
  void resumeWithoutAFileNeedsCheckpointDir() {
    Anneal.Result result = Anneal.run("train", "--resume", "--steps", "0");

    assertEquals(List.of("[OutOfRange] --steps: --steps (0) must lie in [1, 10000000]",
        "[ResumeWithoutCheckpointDir] --resume: --resume without a FILE resumes from the newest checkpoint in --checkpoint-dir, but no "
            + "--checkpoint-dir is given; add --checkpoint-dir DIR, or name the checkpoint: --resume FILE"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aResumePolicyWithoutResumeIsRefusedNotIgnored() {
    Anneal.Result result = Anneal.run("train", "--resume-policy", "USE_NEW", "--steps", "5", "--out", dir.resolve("policy").toString());

    assertEquals(List.of("[ResumePolicyWithoutResume] --resume-policy: --resume-policy USE_NEW says what a resumed run does, but this run "
        + "does not resume; add --resume, or leave out --resume-policy"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aFolderWithoutACompleteCheckpointIsRefused() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("train-0045.params"), "parameters whose sidecar was never written");

    Anneal.Result result = Anneal.run("train", "--checkpoint-dir", empty.toString(), "--resume");

    assertEquals(List.of("[NoCheckpoint] --resume: no complete checkpoint to resume in " + empty + " (no train-NNNN.params file with its "
        + ".anneal sidecar); train once with --checkpoint-dir " + empty + " to save one, or leave out --resume"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aCheckpointWithoutItsLogIsRefused() throws IOException {
    Path checkpoints = dir.resolve("checkpoints");
    Anneal.run("train", "--steps", "30", "--checkpoint-dir", checkpoints.toString(), "--out", dir.resolve("first").toString());
    Files.delete(checkpoints.resolve("train-0030.csv"));

    Anneal.Result result = Anneal.run("train", "--steps", "60", "--resume", checkpoints.resolve("train-0030.params").toString());

    assertEquals(List.of("[CheckpointUnreadable] --resume: " + checkpoints.resolve("train-0030.csv") + " is missing: anneal train saves the log "
        + "of the updates before each checkpoint beside it, and resumes only checkpoints it saved; refusing to resume from it"), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aCheckpointOfAnotherPlanIsRefusedUnderTheDefaultPolicyAndResumedUnderAnother() throws IOException {
    Path checkpoints = dir.resolve("checkpoints");
    // The built-in plan (examples/train-digits.json) with a shorter warm-up of the learning rate.
    Path plan = Files.writeString(dir.resolve("plan.json"), Files.readString(Path.of("..", "examples", "train-digits.json"))
        .replace("\"to\": 3e-3, \"steps\": 300}", "\"to\": 3e-3, \"steps\": 200}"));
    Anneal.run("train", "--steps", "30", "--checkpoint-dir", checkpoints.toString(), "--out", dir.resolve("first").toString());

    Anneal.Result refused = Anneal.run("train", "--config", plan.toString(), "--steps", "60", "--checkpoint-dir", checkpoints.toString(), "--resume",
        "--out", dir.resolve("refused").toString());
    Anneal.Result useNew = Anneal.run("train", "--config", plan.toString(), "--steps", "60", "--checkpoint-dir", checkpoints.toString(), "--resume",
        "--resume-policy", "USE_NEW", "--out", dir.resolve("new").toString());

    Path params = checkpoints.resolve("train-0030.params");
    assertEquals(List.of("[RunStopsBeforeEnd] --steps: the run stops in phase 0 (linear) at update 60 of 2900, so the rest of the plan never runs; "
            + "train the whole plan with --steps 2900 or --epochs 65",
        params + ": [ScheduleChanged] groups.all.lr.phases[0].steps: the schedule differs from the checkpoint's (groups.all.lr.phases[0].steps: "
            + "checkpoint 300, now 200); resume with policy USE_CHECKPOINT (Megatron's --use-checkpoint-opt_param-scheduler), USE_NEW "
            + "(--override-opt_param-scheduler), CONTINUE_FROM_CURRENT_VALUE or REFIT_TO_NEW_END (the checkpoint's plan fitted to this run's end)",
        params + ": [ResumedPlanChanged] --resume-policy: this run's plan differs from the checkpoint's (1 difference listed above); add "
            + "--resume-policy USE_CHECKPOINT to go on with the checkpoint's plan, USE_NEW to apply this run's plan from the resume step on, "
            + "CONTINUE_FROM_CURRENT_VALUE to scale each changed channel to the value the run had reached, or REFIT_TO_NEW_END to fit the "
            + "checkpoint's plan to this run's end"), refused.err());
    assertEquals(2, refused.exitCode());
    assertEquals(0, useNew.exitCode(), useNew.err().toString());
    // From update 30 on, the new warm-up: 3e-5 + 30 / 200 of the way to 3e-3.
    assertEquals("30,4.755E-4,", Files.readAllLines(dir.resolve("new").resolve("train.csv")).get(31).substring(0, 12));
    assertTrue(refused.out().stream().noneMatch(line -> line.startsWith("wrote ")), refused.out().toString());
  }

  /**
   * The built-in plan (warm-up 3e-5 → 3e-3 over 300, cosine to 3e-5 over 2,700) saved after 30
   * updates and re-planned to end at 60: the 2,970 updates left become 30, the warm-up's 270 of
   * them round(270 * 30 / 2970) = 3 (boundary 300 → 33), the cosine the other 27.
   */
  @Test
  void refitToNewEndContinuesFromTheValueReachedAndReachesTheFloorAtTheNewEnd() throws IOException {
    Path checkpoints = dir.resolve("checkpoints");
    Anneal.run("train", "--steps", "30", "--checkpoint-dir", checkpoints.toString(), "--out", dir.resolve("first").toString());

    Anneal.Result refit = Anneal.run("train", "--steps", "60", "--checkpoint-dir", checkpoints.toString(), "--resume",
        "--resume-policy", "REFIT_TO_NEW_END", "--out", dir.resolve("refit").toString());

    assertEquals(0, refit.exitCode(), refit.err().toString());
    assertEquals(List.of(), refit.err());
    List<String> rows = Files.readAllLines(dir.resolve("refit").resolve("train.csv"));
    // Step 30 keeps the warm-up's own value, 3e-5 + 2.97e-3 * 30 / 300; step 33 starts the cosine at its peak.
    assertEquals("30," + (float) (3e-5 + (3e-3 - 3e-5) * 30 / 300) + ",", rows.get(31).substring(0, rows.get(31).indexOf(',', 3) + 1));
    assertEquals("33," + (float) 3e-3 + ",", rows.get(34).substring(0, rows.get(34).indexOf(',', 3) + 1));
    // The cosine over 27 updates, at its last step (local 26) one update before the floor.
    float last = (float) (3e-5 + (3e-3 - 3e-5) * (1 + Math.cos(Math.PI * 26 / 27)) / 2);
    assertEquals("59," + last + ",", rows.get(60).substring(0, rows.get(60).indexOf(',', 3) + 1));
    assertEquals(61, rows.size());
  }

  @Test
  void aCheckpointThatHoldsTheWholeRunIsRefused() throws IOException {
    Path checkpoints = dir.resolve("checkpoints");
    Anneal.run("train", "--steps", "30", "--checkpoint-dir", checkpoints.toString(), "--out", dir.resolve("first").toString());

    Anneal.Result result = Anneal.run("train", "--steps", "20", "--checkpoint-dir", checkpoints.toString(), "--resume",
        "--out", dir.resolve("second").toString());

    assertEquals(List.of("[RunStopsBeforeEnd] --steps: the run stops in phase 0 (linear) at update 20 of 3000, so the rest of the plan never runs; "
        + "train the whole plan with --steps 3000 or --epochs 67", checkpoints.resolve("train-0030.params") + ": [OutOfRange] --steps: the run's length "
        + "(20) must lie in [31, 10000000] to go on from a checkpoint saved after 30 updates; ask for more with --steps, or resume from an earlier checkpoint"),
        result.err());
    assertEquals(2, result.exitCode());
  }
  @Test
  void aRefusedResumePrintsNoSummaryAndAnAcceptedOnePrintsItBeforeWhereItResumedFrom() throws IOException {
    Path checkpoints = dir.resolve("checkpoints");
    Anneal.run("train", "--steps", "30", "--checkpoint-dir", checkpoints.toString(), "--out", dir.resolve("first").toString());

    // A hidden layer of 32, not the 64 the checkpoint was saved with: its parameters do not fit.
    Anneal.Result refused = Anneal.run("train", "--hidden", "32", "--steps", "60", "--checkpoint-dir", checkpoints.toString(), "--resume",
        "--out", dir.resolve("refused").toString());
    Anneal.Result accepted = Anneal.run("train", "--steps", "60", "--checkpoint-dir", checkpoints.toString(), "--resume",
        "--out", dir.resolve("accepted").toString());

    Path params = checkpoints.resolve("train-0030.params");
    String rebuild = "in the model; restore into a model built as it was saved";
    // 64-64-10 saved, 64-32-10 now: DJL's weights are (out, in), so the hidden layer's weight and bias and the output's weight differ.
    assertEquals(List.of("[RunStopsBeforeEnd] --steps: the run stops in phase 0 (linear) at update 60 of 3000, so the rest of the plan never runs; "
            + "train the whole plan with --steps 3000 or --epochs 67",
        params + ": [ParameterShapeChanged] parameters.01Linear_weight: parameter 01Linear_weight has shape (64, 64) in the checkpoint but (32, 64) "
            + rebuild,
        params + ": [ParameterShapeChanged] parameters.01Linear_bias: parameter 01Linear_bias has shape (64) in the checkpoint but (32) " + rebuild,
        params + ": [ParameterShapeChanged] parameters.03Linear_weight: parameter 03Linear_weight has shape (10, 64) in the checkpoint but (10, 32) "
            + rebuild), refused.err());
    assertEquals(List.of(), refused.out());
    assertEquals(2, refused.exitCode());
    assertEquals(0, accepted.exitCode(), accepted.err().toString());
    assertEquals(List.of(
        "data: digits (UCI optical digits, 8x8 pixels): 1797 rows, 64 features, 10 classes (column digit); 1438 to train on, 359 held out",
        "model: MLP 64-64-10 (4810 parameters), adamw, batch 32",
        "plan: built-in warm-up + cosine (examples/train-digits.json), channels lr, momentum, weight_decay; 60 updates, 45 per epoch",
        "length: 60 updates (--steps 60); the plan declares 3000; stops in phase 0 (linear) at update 60 of 3000",
        "device: cpu()",
        "resumed from " + checkpoints.resolve("train-0030.params") + " after 30 updates"), accepted.out().subList(0, 6));
  }

  @Test
  void aPlateauPlanSavesAtTheEndsOfEpochsOnlyAndResumesExactly() throws IOException {
    // 32 training rows of 8: 4 updates per epoch; the plateau is fed each epoch's mean loss.
    Path plan = Files.writeString(dir.resolve("plateau.json"),
        "{\"lr\": {\"phases\": [{\"shape\": \"plateau\", \"initial\": 0.5, \"factor\": 0.5, \"patience\": 1, \"steps\": \"forever\"}]}}");
    Path data = TrainData.separable(dir);
    Path checkpoints = dir.resolve("checkpoints");
    String[] options = {"--config", plan.toString(), "--data", data.toString(), "--target", "side", "--hidden", "8", "--batch-size", "8"};

    Anneal.Result whole = Anneal.run(with(options, "--steps", "14", "--out", dir.resolve("straight").toString()));
    Anneal.Result stopped = Anneal.run(with(options, "--steps", "6", "--checkpoint-dir", checkpoints.toString(), "--out", dir.resolve("first").toString()));
    List<String> saved = files(checkpoints);
    Anneal.Result resumed = Anneal.run(with(options, "--steps", "14", "--checkpoint-dir", checkpoints.toString(), "--resume",
        "--out", dir.resolve("resumed").toString()));

    for (Anneal.Result result : List.of(whole, stopped, resumed)) {
      assertEquals(0, result.exitCode(), result.err().toString());
    }
    assertEquals(List.of("train-0004.csv", "train-0004.params", "train-0004.params.anneal"), saved);
    assertTrue(resumed.out().contains("resumed from " + checkpoints.resolve("train-0004.params") + " after 4 updates"), resumed.out().toString());
    List<String> expected = Files.readAllLines(dir.resolve("straight").resolve("train.csv"));
    assertTrue(expected.stream().map(line -> line.split(",")[1]).distinct().count() > 1, "the plateau reduced the learning rate: " + expected);
    assertEquals(expected, Files.readAllLines(dir.resolve("resumed").resolve("train.csv")));
  }

  private static String[] with(String[] options, String... more) {
    return Stream.concat(Stream.of("train"), Stream.concat(Stream.of(options), Stream.of(more))).toArray(String[]::new);
  }
}
