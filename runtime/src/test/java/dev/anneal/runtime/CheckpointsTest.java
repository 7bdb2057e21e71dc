package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.builder.Schedules;
import dev.anneal.checkpoint.Fingerprint;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints refuse torn, foreign and mismatched sidecars, and apply the resume policies. */
class CheckpointsTest {
  static final Schedule LR = Schedules.linear(0.01, 0.1).over(30).then().cosineTo(0.001).over(270).build();
  static final Plan PLAN = Plan.of(LR).with(Plan.MOMENTUM, Schedules.constant(0.9).forever().build());

  @TempDir Path dir;
  Path params;

  @BeforeEach
  void saveAfterTenUpdates() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(PLAN);
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      for (int b = 0; b < 10; b++) {
        Tiny.step(trainer, schedule, b);
      }
      params = Checkpoints.save(trainer, schedule, dir, "tiny");
    }
  }

  private Path sidecar() {
    return dir.resolve("tiny-0000.params.anneal");
  }

  /** {@code body} followed by its SHA-256, as a sidecar seals itself. */
  static byte[] sealed(byte[] body) throws Exception {
    byte[] out = Arrays.copyOf(body, body.length + 32);
    System.arraycopy(MessageDigest.getInstance("SHA-256").digest(body), 0, out, body.length, 32);
    return out;
  }

  @Test
  void savesAtomicallyNextToTheParams() throws Exception {
    assertEquals(dir.resolve("tiny-0000.params"), params);
    try (var files = Files.list(dir)) {
      assertEquals(List.of("tiny-0000.params", "tiny-0000.params.anneal", "tiny.lock"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void momentumSavedInTheOtherSgdFormIsRefused() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(PLAN);
    try (Model model = Tiny.model(Tiny.linear())) {
      Checkpoints.restore(model, schedule, params, ResumePolicy.FAIL_ON_DIFFERENCE);
      ScheduledSgd pytorchForm = ScheduledSgd.builder(schedule).optMomentumForm(ScheduledSgd.MomentumForm.PYTORCH).build();
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Tiny.trainer(model, pytorchForm, schedule).close());
      assertEquals("[OptimizerChanged] optimizer: the checkpoint holds the state of an Anneal sgd optimizer, but this run uses sgd-pytorch",
          e.getMessage());
    }
  }

  @Test
  void aTornSidecarIsRefused() throws Exception {
    byte[] whole = Files.readAllBytes(sidecar());
    byte[] torn = Arrays.copyOf(whole, whole.length - 7);
    Files.write(sidecar(), torn);
    byte[] stored = Arrays.copyOfRange(torn, torn.length - 32, torn.length);
    byte[] computed = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(torn, torn.length - 32));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(ScheduledTraining.of(PLAN), params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[CheckpointUnreadable] sidecar: " + sidecar() + " is torn or corrupted (its SHA-256 does not match its content: stored "
        + HexFormat.of().formatHex(stored).substring(0, 12) + "…, computed " + HexFormat.of().formatHex(computed).substring(0, 12)
        + "…); refusing to resume from it", e.getMessage());
  }

  @Test
  void aForeignFileIsRefused() throws Exception {
    Files.writeString(sidecar(), "{\"step\": 10}");
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(ScheduledTraining.of(PLAN), params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[CheckpointUnreadable] sidecar: " + sidecar() + " is not an Anneal sidecar (it does not start with ANNEAL-SIDECAR);"
        + " refusing to resume from it", e.getMessage());
  }

  @Test
  void paramsChangedAfterTheSaveAreRefused() throws Exception {
    byte[] before = Files.readAllBytes(params);
    byte[] changed = before.clone();
    changed[changed.length - 1] ^= 1;
    Files.write(params, changed);
    String now = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(changed));
    String saved = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(before));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(ScheduledTraining.of(PLAN), params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[ParamsChangedSinceSave] paramsFile: " + params + " changed after its Anneal state was saved (SHA-256 " + now.substring(0, 12)
        + "…, saved with " + saved.substring(0, 12) + "…); refusing to resume from a mismatched pair", e.getMessage());
  }

  @Test
  void aChangedScheduleFailsByDefaultListingTheDifference() {
    Schedule longer = Schedules.linear(0.01, 0.1).over(30).then().cosineTo(0.001).over(470).build();
    Plan changed = Plan.of(longer).with(Plan.MOMENTUM, PLAN.channel(Plan.MOMENTUM));
    ScheduledTraining schedule = ScheduledTraining.of(changed);
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(schedule, params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[ScheduleChanged] groups.all.lr.phases[1].steps: the schedule differs from the checkpoint's"
        + " (groups.all.lr.phases[1].steps: checkpoint 270, now 470); resume with policy USE_CHECKPOINT"
        + " (Megatron's --use-checkpoint-opt_param-scheduler), USE_NEW (--override-opt_param-scheduler), CONTINUE_FROM_CURRENT_VALUE or REFIT_TO_NEW_END (the checkpoint's plan fitted to this run's end)",
        e.getMessage());
    assertEquals(0, schedule.step());
    assertEquals(changed, schedule.groups().get(0).plan());
  }

  @Test
  void groupsAddedRemovedAndReselectedAreListed() {
    Plan changedMomentum = PLAN.with(Plan.MOMENTUM, Schedules.constant(0.8).forever().build());
    ScheduledTraining regrouped = ScheduledTraining.builder()
        .addGroup(ParameterGroup.of("all", "regex:.*", changedMomentum))
        .addGroup(ParameterGroup.of("extra", "glob:*_gamma", Plan.of(Schedules.constant(0.01).forever().build())))
        .build();
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(regrouped, params, ResumePolicy.FAIL_ON_DIFFERENCE));
    String fix = "; resume with policy USE_CHECKPOINT (Megatron's --use-checkpoint-opt_param-scheduler), USE_NEW"
        + " (--override-opt_param-scheduler), CONTINUE_FROM_CURRENT_VALUE or REFIT_TO_NEW_END (the checkpoint's plan fitted to this run's end)";
    assertEquals(String.join("\n",
        "[ScheduleChanged] groups.all.momentum.phases[0].value: the schedule differs from the checkpoint's"
            + " (groups.all.momentum.phases[0].value: checkpoint 0.9, now 0.8)" + fix,
        "[ScheduleChanged] groups.all.selector: the schedule differs from the checkpoint's"
            + " (groups.all.selector: checkpoint *, now regex:.*)" + fix,
        "[ScheduleChanged] groups.extra: the schedule differs from the checkpoint's"
            + " (groups.extra: checkpoint (absent), now group (selector glob:*_gamma, channels lr))" + fix),
        e.getMessage());
  }

  /** Version 1 sidecars held fingerprints only; no release wrote them, and none is read. */
  @Test
  void aSidecarWithoutDefinitionsIsRefused() throws Exception {
    byte[] whole = Files.readAllBytes(sidecar());
    byte[] body = Arrays.copyOf(whole, whole.length - 32);
    ByteBuffer.wrap(body).putInt("ANNEAL-SIDECAR".length(), 1);
    Files.write(sidecar(), sealed(body));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(ScheduledTraining.of(PLAN), params, ResumePolicy.USE_CHECKPOINT));
    assertEquals("[CheckpointUnreadable] sidecar: " + sidecar() + " is of format version 1, which holds only fingerprints of the schedule,"
        + " not its definition, so no resume policy can compare or restore it (this Anneal reads version 3); refusing to resume from it",
        e.getMessage());
  }

  /** Version 2 sidecars recorded no shapes: a resume could not check the model before loading into it. */
  @Test
  void aSidecarWithoutShapesIsRefused() throws Exception {
    byte[] whole = Files.readAllBytes(sidecar());
    byte[] body = Arrays.copyOf(whole, whole.length - 32);
    ByteBuffer.wrap(body).putInt("ANNEAL-SIDECAR".length(), 2);
    Files.write(sidecar(), sealed(body));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(ScheduledTraining.of(PLAN), params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[CheckpointUnreadable] sidecar: " + sidecar() + " is of format version 2, which does not record the shapes of the"
        + " parameters, so a resume cannot check them against the model before loading them (this Anneal reads version 3); resume it with"
        + " the Anneal that saved it; refusing to resume from it", e.getMessage());
  }

  /** A sidecar that sealed a file DJL did not write (resealed here by hand). */
  @Test
  void aParamsFileThatIsNotDjlsIsRefused() throws Exception {
    Sidecar.Content saved = Sidecar.read(params, Sidecar.sha256(Files.readAllBytes(params)));
    byte[] foreign = "not a DJL file".getBytes(StandardCharsets.US_ASCII);
    Files.write(params, foreign);
    Sidecar.write(params, new Sidecar.Content(saved.paramsFile(), Sidecar.sha256(foreign), saved.step(), saved.parameterShapes(), saved.groups(),
        saved.optimizerKind(), saved.optimizerState()));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(ScheduledTraining.of(PLAN), params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[CheckpointUnreadable] paramsFile: " + params + " is not a DJL parameter file (it does not start with DJL@);"
        + " refusing to resume from it", e.getMessage());
  }

  @Test
  void aDefinitionThatReadsBackToAnotherScheduleIsRefused() throws Exception {
    byte[] whole = Files.readAllBytes(sidecar());
    String body = new String(whole, 0, whole.length - 32, StandardCharsets.ISO_8859_1);
    String edited = body.replace("\"steps\": 270}", "\"steps\": 271}");
    assertEquals(body.length(), edited.length());
    Files.write(sidecar(), sealed(edited.getBytes(StandardCharsets.ISO_8859_1)));
    Plan saved = Plan.of(Schedules.linear(0.01, 0.1).over(30).then().cosineTo(0.001).over(271).build());
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(ScheduledTraining.of(PLAN), params, ResumePolicy.USE_CHECKPOINT));
    assertEquals("[CheckpointUnreadable] sidecar: " + sidecar() + " is inconsistent: its definition of groups.all.lr reads to another"
        + " schedule than the one it was saved from (fingerprint " + Fingerprint.of(saved.lr()).substring(0, 12) + "…, saved "
        + Fingerprint.of(LR).substring(0, 12) + "…); refusing to resume from it", e.getMessage());
  }

  /** A run may end, and save, exactly where a schedule declared with after-end FAIL ends; it cannot be continued from. */
  @Test
  void aScheduleThatEndedHasNoValueToContinueFrom() throws Exception {
    Schedule tenSteps = Schedules.linear(0.1, 0.01).over(10).afterEnd(AfterEnd.FAIL).build();
    ScheduledTraining schedule = ScheduledTraining.of(tenSteps);
    Path ended;
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      for (int b = 0; b < 10; b++) {
        Tiny.step(trainer, schedule, b);
      }
      ended = Checkpoints.save(trainer, schedule, dir.resolve("ended"), "tiny");
    }
    Schedule extended = Schedules.linear(0.1, 0.01).over(10).then().constant(0.01).over(10).afterEnd(AfterEnd.FAIL).build();
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(ScheduledTraining.of(extended), ended, ResumePolicy.CONTINUE_FROM_CURRENT_VALUE));
    assertEquals("[NoValueToContinue] groups.all.lr: the checkpoint's schedule has no value at step 10 (it ends there and its"
        + " after-end policy is FAIL), so there is no value to continue from; resume with policy USE_NEW", e.getMessage());
    ScheduledTraining useNew = ScheduledTraining.of(extended);
    Tiny.restore(useNew, ended, ResumePolicy.USE_NEW);
    assertEquals(0.01, useNew.nextValues().value(0, Plan.LR), 0.0);
  }

  /** An optimizer built before the restore applies the channels it was built for; the checkpoint's plans must keep them. */
  @Test
  void theCheckpointsPlansMustScheduleTheChannelsTheOptimizerWasBuiltFor() {
    ScheduledTraining lrOnly = ScheduledTraining.of(LR);
    ScheduledSgd.builder(lrOnly).build();
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(lrOnly, params, ResumePolicy.USE_CHECKPOINT));
    assertEquals("[ChannelsChangedOnResume] channels: the resumed plans schedule [lr, momentum] but ScheduledSgd was built for [lr];"
        + " restore the checkpoint before building the optimizer or tracker", e.getMessage());
  }

  @Test
  void useCheckpointBeforeTheOptimizerIsBuiltTakesTheCheckpointsChannels() throws Exception {
    ScheduledTraining lrOnly = ScheduledTraining.of(Schedules.constant(0.05).forever().build());
    Tiny.restore(lrOnly, params, ResumePolicy.USE_CHECKPOINT);
    assertEquals(List.of(Plan.LR, Plan.MOMENTUM), lrOnly.channels());
    assertEquals(PLAN, lrOnly.groups().get(0).plan());
    assertEquals(10, lrOnly.step());
  }

  /** Plateau state is the run's, not the schedule's: kept for a channel whose definition is unchanged, reset for an edited one. */
  @Test
  void useNewKeepsTheReactiveStateOfUnchangedChannelsOnly() throws Exception {
    Plan plateau = ResumeTest.plateauPlan();
    Feedback feedback = new Feedback.MetricEvery(1, ResumeTest::scriptedMetric);
    ScheduledTraining first = ScheduledTraining.builder().setPlan(plateau).optFeedback(feedback).build();
    Path saved;
    ScheduleState lrState;
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(first).build(), first)) {
      Tiny.setParameters(model);
      for (int b = 0; b < 10; b++) {
        Tiny.step(trainer, first, b);
      }
      saved = Checkpoints.save(trainer, first, dir.resolve("plateau"), "tiny");
      lrState = first.statesCopy()[0][0];
    }
    assertEquals(10, lrState.plateau("phases[0]").observations());

    ScheduledTraining momentumEdited = ScheduledTraining.builder()
        .setPlan(plateau.with(Plan.MOMENTUM, Schedules.constant(0.8).forever().build())).optFeedback(feedback).build();
    Tiny.restore(momentumEdited, saved, ResumePolicy.USE_NEW);
    assertEquals(lrState, momentumEdited.statesCopy()[0][0]);

    Plan lrEdited = Plan.of(Schedules.plateau(0.06).forever().build()).with(Plan.MOMENTUM, plateau.channel(Plan.MOMENTUM));
    ScheduledTraining restarted = ScheduledTraining.builder().setPlan(lrEdited).optFeedback(feedback).build();
    Tiny.restore(restarted, saved, ResumePolicy.USE_NEW);
    assertEquals(lrEdited.lr().initialState(), restarted.statesCopy()[0][0]);
    assertEquals(0.06, restarted.nextValues().value(0, Plan.LR), 0.0);
  }

  @Test
  void useNewAndContinueFromCurrentValue() throws Exception {
    Schedule constant = Schedules.constant(0.05).forever().build();
    Plan changed = Plan.of(constant).with(Plan.MOMENTUM, PLAN.channel(Plan.MOMENTUM));

    ScheduledTraining useNew = ScheduledTraining.of(changed);
    Tiny.restore(useNew, params, ResumePolicy.USE_NEW);
    assertEquals(10, useNew.step());
    assertEquals(0.05, useNew.nextValues().value(0, Plan.LR), 0.0);

    ScheduledTraining continued = ScheduledTraining.of(changed);
    Tiny.restore(continued, params, ResumePolicy.CONTINUE_FROM_CURRENT_VALUE);
    assertEquals(LR.valueAt(10), continued.nextValues().value(0, Plan.LR), 1e-18); // 0.05 · (lr(10) / 0.05)
  }
}
