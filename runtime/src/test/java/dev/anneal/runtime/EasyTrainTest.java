package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.optimizer.Optimizer;
import dev.anneal.builder.Schedules;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.PlateauState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule inside DJL's own loop, {@code EasyTrain.fit}: the listener alone advances it and feeds it. */
class EasyTrainTest {
  static final int ROWS = 64;
  static final int BATCH = 8;

  static ArrayDataset data(NDManager manager, int offset) {
    float[] x = new float[ROWS * Tiny.IN];
    float[] y = new float[ROWS * Tiny.OUT];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.cos(0.37 * (i + offset) + 0.1);
    }
    for (int r = 0; r < ROWS; r++) {
      y[r * Tiny.OUT] = 0.8f * x[r * Tiny.IN] - 0.3f * x[r * Tiny.IN + 1];
      y[r * Tiny.OUT + 1] = -0.5f * x[r * Tiny.IN + 2] + 0.2f;
    }
    return new ArrayDataset.Builder()
        .setData(manager.create(x, new Shape(ROWS, Tiny.IN)))
        .optLabels(manager.create(y, new Shape(ROWS, Tiny.OUT)))
        .setSampling(BATCH, false)
        .build();
  }

  @Test
  void fitAdvancesOncePerBatchAndFeedsTheValidationLossEachEpoch(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("applied.csv");
    ScheduledTraining schedule = ScheduledTraining.builder()
        .setPlan(Plan.of(Schedules.plateau(0.05).forever().build()))
        .optFeedback(Feedback.validationLossEachEpoch())
        .optCsvLog(log)
        .build();
    int batches = ROWS / BATCH;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        Model model = Tiny.model(Tiny.linear());
        Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).optMomentum(0.9f).build(), schedule)) {
      Tiny.setParameters(model);
      ArrayDataset training = data(manager, 0);
      ArrayDataset validation = data(manager, 1000);
      EasyTrain.fit(trainer, 1, training, validation);
      assertEquals(batches, schedule.step());
      PlateauState afterOne = schedule.statesCopy()[0][0].plateau("phases[0]");
      assertEquals(1, afterOne.observations());
      assertEquals(validationLoss(trainer, validation), afterOne.best(), 1e-6 * afterOne.best());

      EasyTrain.fit(trainer, 2, training, validation);
      assertEquals(3L * batches, schedule.step());
      assertEquals(3, schedule.statesCopy()[0][0].plateau("phases[0]").observations());
    }
    assertEquals(1 + 3 * batches, Files.readAllLines(log).size());
    assertEquals("step,group,channel,value", Files.readAllLines(log).get(0));
    assertEquals("0,all,lr,0.05", Files.readAllLines(log).get(1));
  }

  /** The mean L2 loss over the validation batches, computed here independently of the listener. */
  static double validationLoss(Trainer trainer, ArrayDataset validation) throws Exception {
    double total = 0;
    int count = 0;
    for (Batch batch : trainer.iterateDataset(validation)) {
      NDList predictions = trainer.evaluate(batch.getData());
      try (NDArray loss = trainer.getLoss().evaluate(batch.getLabels(), predictions)) {
        total += loss.getFloat();
        count++;
      }
      batch.close();
    }
    return total / count;
  }

  /** DJL's own SGD with the Anneal tracker and Anneal's SGD apply the same update: identical parameters. */
  @Test
  void djlsSgdWithTheTrackerMatchesScheduledSgd() throws Exception {
    Map<String, float[]> viaTracker = fit(s -> Optimizer.sgd().setLearningRateTracker(s.tracker()).optMomentum(0.9f).build());
    Map<String, float[]> viaAnneal = fit(s -> ScheduledSgd.builder(s).optMomentum(0.9f).build());
    for (String name : viaTracker.keySet()) {
      assertArrayEquals(viaAnneal.get(name), viaTracker.get(name), 0f, name);
    }
  }

  private static Map<String, float[]> fit(Function<ScheduledTraining, Optimizer> optimizer) throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(SgdLearningRateTest.warmupCosine());
    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        Model model = Tiny.model(Tiny.linear());
        Trainer trainer = Tiny.trainer(model, optimizer.apply(schedule), schedule)) {
      Tiny.setParameters(model);
      EasyTrain.fit(trainer, 3, data(manager, 0), null);
      assertEquals(3L * ROWS / BATCH, schedule.step());
      return Tiny.parameters(model);
    }
  }
}
