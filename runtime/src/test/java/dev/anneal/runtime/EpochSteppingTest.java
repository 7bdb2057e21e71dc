package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import dev.anneal.builder.Schedules;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Stepped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans stepped per epoch in DJL's own loop ({@code EasyTrain.fit}) and in a hand-written one: the
 * value of every update is the plan's value of its epoch, a per-epoch plateau sees one metric per
 * epoch, and a loop whose epochs are not the plan's is refused at the first epoch's end.
 */
class EpochSteppingTest {
  /** {@link EasyTrainTest#data}: 64 rows in batches of 8, so 8 updates per epoch. */
  static final int PER_EPOCH = EasyTrainTest.ROWS / EasyTrainTest.BATCH;

  /** PyTorch's {@code ReduceLROnPlateau(factor=0.5, patience=0, threshold=0)}: any epoch not strictly better halves the rate. */
  static Plateau halvingPlateau(double initial) {
    return new Plateau(initial, Plateau.Mode.MIN, 0.5, 0, 0, Plateau.ThresholdMode.REL, 0, 0, 1e-8);
  }

  @Test
  void aStepDecayPerEpochHoldsEachEpochsValueThroughItsUpdates(@TempDir Path dir) throws Exception {
    // StepLR(step_size=2, gamma=0.5) stepped after each epoch: epochs 0-1 use 0.1, 2-3 0.05, 4 0.025
    Schedule lr = new Stepped(Schedules.stepDecay(0.1, 2, 0.5).forever().build(), Cadence.perEpoch(PER_EPOCH));
    Path log = dir.resolve("applied.csv");
    ScheduledTraining schedule = ScheduledTraining.builder().setPlan(Plan.of(lr)).optCsvLog(log).build();
    assertEquals(OptionalLong.of(PER_EPOCH), schedule.updatesPerEpoch());
    fit(schedule, 5, null);

    assertEquals(5L * PER_EPOCH, schedule.step());
    double[] perEpoch = {0.1, 0.1, 0.05, 0.05, 0.025};
    assertAppliedPerEpoch(log, perEpoch);
  }

  @Test
  void aStepDecayThenAPlateauSeesOneValidationLossPerEpoch(@TempDir Path dir) throws Exception {
    // two epochs of 0.1, two of 0.05 (a step decay every 2 epochs over 4), then a plateau from 0.05
    Schedule lr = new Stepped(Schedules.stepDecay(0.1, 2, 0.5).over(4).then().shape(halvingPlateau(0.05)).forever().build(),
        Cadence.perEpoch(PER_EPOCH));
    Path log = dir.resolve("applied.csv");
    ScheduledTraining schedule = ScheduledTraining.builder().setPlan(Plan.of(lr))
        .optFeedback(Feedback.validationLossEachEpoch()).optCsvLog(log).build();
    fit(schedule, 6, 1000);

    assertEquals(6L * PER_EPOCH, schedule.step());
    // the plateau observes the validation loss after the epochs that end in its phase: epochs 4 and 5 (its local steps 0, 1)
    assertEquals(2, schedule.statesCopy()[0][0].plateau("phases[1]").observations());
    List<String> rows = Files.readAllLines(log);
    for (int epoch = 0; epoch < 4; epoch++) {
      double expected = epoch < 2 ? 0.1 : 0.05;
      for (int u = 0; u < PER_EPOCH; u++) {
        assertEquals((float) expected, Float.parseFloat(rows.get(1 + epoch * PER_EPOCH + u).split(",")[3]), 0f, "epoch " + epoch + " update " + u);
      }
    }
  }

  @Test
  void aHandWrittenLoopFeedsEachEpochsMetricThroughEndEpoch() {
    Schedule lr = new Stepped(Schedules.shape(halvingPlateau(0.1)).forever().build(), Cadence.perEpoch(3));
    ScheduledTraining schedule = ScheduledTraining.of(lr);
    double[] metrics = {1.0, 2.0, 0.5, 0.6}; // after epoch 1 the loss got worse, after epoch 3 too
    double[] expected = {0.1, 0.1, 0.05, 0.05, 0.025}; // the rate each epoch used: halved after each worse epoch
    try (Model model = Tiny.model(Tiny.linear());
        Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      for (int epoch = 0; epoch < expected.length; epoch++) {
        for (int u = 0; u < 3; u++) {
          assertEquals(expected[epoch], schedule.nextValues().value(0, Plan.LR), 0.0, "epoch " + epoch + " update " + u);
          Tiny.step(trainer, schedule, epoch * 3 + u);
        }
        if (epoch < metrics.length) {
          schedule.endEpoch(metrics[epoch]);
        }
      }
    }
    assertEquals(4, schedule.statesCopy()[0][0].plateau("phases[0]").observations());
  }

  @Test
  void anEpochOfOtherLengthThanThePlansIsRefusedAtItsEnd() throws Exception {
    Schedule lr = new Stepped(Schedules.stepDecay(0.1, 2, 0.5).forever().build(), Cadence.perEpoch(10));
    ScheduledTraining schedule = ScheduledTraining.of(lr);
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> fit(schedule, 2, null));
    assertEquals("[EpochOffPlan] epoch: epoch 1 of the loop ended after update 8 (8 updates in it), but the plan's epochs are 10 updates"
        + " (the cadence of groups.all.lr), so its per-epoch values and plateau metrics would fall mid-epoch; make the loop run 10 updates"
        + " per epoch (data-set size, batch size, drop_last, gradient accumulation) or build the schedule with the run's geometry", e.getMessage());
  }

  @Test
  void theGeometryGivesTheEpochOfAPlanSteppedPerUpdate() throws Exception {
    // a cosine over 24 updates, stepped per update: only the geometry knows the epoch; a loop of 8-update epochs fits it
    ScheduledTraining fits = ScheduledTraining.builder().setPlan(Plan.of(Schedules.cosine(0.1, 0.0).over(24).build()))
        .optGeometry(RunGeometry.builder().datasetSize(EasyTrainTest.ROWS).batchSize(EasyTrainTest.BATCH).build()).build();
    assertEquals(OptionalLong.of(PER_EPOCH), fits.updatesPerEpoch());
    fit(fits, 3, null);
    assertEquals(24, fits.step());

    // with gradient accumulation 2, an epoch of the same loader is 4 updates: a loop stepping every batch is refused
    ScheduledTraining accumulating = ScheduledTraining.builder().setPlan(Plan.of(Schedules.cosine(0.1, 0.0).over(24).build()))
        .optGeometry(RunGeometry.builder().datasetSize(EasyTrainTest.ROWS).batchSize(EasyTrainTest.BATCH).gradientAccumulation(2).build()).build();
    assertEquals(OptionalLong.of(4), accumulating.updatesPerEpoch());
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> fit(accumulating, 1, null));
    assertEquals("[EpochOffPlan] epoch: epoch 1 of the loop ended after update 8 (8 updates in it), but the plan's epochs are 4 updates"
        + " (the geometry given to optGeometry), so its per-epoch values and plateau metrics would fall mid-epoch; make the loop run 4 updates"
        + " per epoch (data-set size, batch size, drop_last, gradient accumulation) or build the schedule with the run's geometry", e.getMessage());
  }

  @Test
  void aGeometryThatDisagreesWithTheCadenceIsRefused() {
    Schedule lr = new Stepped(Schedules.stepDecay(0.1, 2, 0.5).forever().build(), Cadence.perEpoch(45));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> ScheduledTraining.builder().setPlan(Plan.of(lr)).optGeometry(RunGeometry.ofUpdatesPerEpoch(40)).build());
    assertEquals("[EpochLengthsDisagree] groups.all.lr: the geometry given to optGeometry gives 40 updates per epoch but the cadence of"
        + " groups.all.lr gives 45; a run has one epoch length: make the geometry and every per-epoch cadence state the same updates_per_epoch",
        e.getMessage());
  }

  /** {@code EasyTrain.fit} over {@link EasyTrainTest#data} for {@code epochs}, with validation data at {@code validationOffset} if not null. */
  private static void fit(ScheduledTraining schedule, int epochs, Integer validationOffset) throws Exception {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        Model model = Tiny.model(Tiny.linear());
        Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      ArrayDataset validation = validationOffset == null ? null : EasyTrainTest.data(manager, validationOffset);
      EasyTrain.fit(trainer, epochs, EasyTrainTest.data(manager, 0), validation);
    }
  }

  /** Every update's learning rate in the CSV log is its epoch's value. */
  private static void assertAppliedPerEpoch(Path log, double[] perEpoch) throws Exception {
    List<String> rows = Files.readAllLines(log);
    assertEquals(1 + perEpoch.length * PER_EPOCH, rows.size());
    for (int epoch = 0; epoch < perEpoch.length; epoch++) {
      for (int u = 0; u < PER_EPOCH; u++) {
        int step = epoch * PER_EPOCH + u;
        String[] row = rows.get(1 + step).split(",");
        assertEquals(Integer.toString(step), row[0]);
        assertEquals((float) perEpoch[epoch], Float.parseFloat(row[3]), 0f, "update " + step + " of epoch " + epoch);
      }
    }
  }
}
