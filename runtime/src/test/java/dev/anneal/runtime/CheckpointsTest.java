package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.builder.Schedules;
import dev.anneal.checkpoint.Fingerprint;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
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
    TrainingSchedule schedule = TrainingSchedule.of(PLAN);
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

  @Test
  void savesAtomicallyNextToTheParams() throws Exception {
    assertEquals(dir.resolve("tiny-0000.params"), params);
    try (var files = Files.list(dir)) {
      assertEquals(List.of("tiny-0000.params", "tiny-0000.params.anneal"), files.map(p -> p.getFileName().toString()).sorted().toList());
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
        () -> Checkpoints.restore(TrainingSchedule.of(PLAN), params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[CheckpointUnreadable] sidecar: " + sidecar() + " is torn or corrupted (its SHA-256 does not match its content: stored "
        + HexFormat.of().formatHex(stored).substring(0, 12) + "…, computed " + HexFormat.of().formatHex(computed).substring(0, 12)
        + "…); refusing to resume from it", e.getMessage());
  }

  @Test
  void aForeignFileIsRefused() throws Exception {
    Files.writeString(sidecar(), "{\"step\": 10}");
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Checkpoints.restore(TrainingSchedule.of(PLAN), params, ResumePolicy.FAIL_ON_DIFFERENCE));
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
        () -> Checkpoints.restore(TrainingSchedule.of(PLAN), params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[CheckpointMismatch] paramsFile: " + params + " changed after its Anneal state was saved (SHA-256 " + now.substring(0, 12)
        + "…, saved with " + saved.substring(0, 12) + "…); refusing to resume from a mismatched pair", e.getMessage());
  }

  @Test
  void aChangedScheduleFailsByDefaultListingTheDifference() {
    Schedule longer = Schedules.linear(0.01, 0.1).over(30).then().cosineTo(0.001).over(470).build();
    Plan changed = Plan.of(longer).with(Plan.MOMENTUM, PLAN.channel(Plan.MOMENTUM));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Checkpoints.restore(TrainingSchedule.of(changed), params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[ScheduleChanged] groups.all.lr: the schedule differs from the checkpoint's (groups.all.lr: checkpoint schedule "
        + Fingerprint.of(LR).substring(0, 12) + "…, now schedule " + Fingerprint.of(longer).substring(0, 12) + "…);"
        + " resume with policy USE_CHECKPOINT (Megatron's --use-checkpoint-opt_param-scheduler), USE_NEW (--override-opt_param-scheduler)"
        + " or CONTINUE_FROM_CURRENT_VALUE", e.getMessage());
  }

  @Test
  void useCheckpointNeedsADefinitionTheSidecarDoesNotHold() {
    Plan changed = Plan.of(Schedules.constant(0.05).forever().build()).with(Plan.MOMENTUM, PLAN.channel(Plan.MOMENTUM));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Checkpoints.restore(TrainingSchedule.of(changed), params, ResumePolicy.USE_CHECKPOINT));
    assertEquals("[CheckpointWithoutDefinition] policy: the checkpoint stores only fingerprints of its schedule, not its definition,"
        + " so policy USE_CHECKPOINT cannot be applied; resume with FAIL_ON_DIFFERENCE, USE_NEW or CONTINUE_FROM_CURRENT_VALUE", e.getMessage());
  }

  @Test
  void useNewAndContinueFromCurrentValue() throws Exception {
    Schedule constant = Schedules.constant(0.05).forever().build();
    Plan changed = Plan.of(constant).with(Plan.MOMENTUM, PLAN.channel(Plan.MOMENTUM));

    TrainingSchedule useNew = TrainingSchedule.of(changed);
    Checkpoints.restore(useNew, params, ResumePolicy.USE_NEW);
    assertEquals(10, useNew.step());
    assertEquals(0.05, useNew.nextValues().value(0, Plan.LR), 0.0);

    TrainingSchedule continued = TrainingSchedule.of(changed);
    Checkpoints.restore(continued, params, ResumePolicy.CONTINUE_FROM_CURRENT_VALUE);
    assertEquals(LR.valueAt(10), continued.nextValues().value(0, Plan.LR), 1e-18); // 0.05 · (lr(10) / 0.05)
  }
}
