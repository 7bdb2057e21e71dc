package dev.anneal.runtime;

import static dev.anneal.geometry.Unit.EPOCHS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import dev.anneal.builder.Schedules;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Schedule;
import org.junit.jupiter.api.Test;

/** The "Epochs, gradient accumulation and replicas" example of docs/runtime.md (and docs/units.md), as written there. */
class DocsEpochExampleTest {

  @Test
  void theEpochExampleRuns() throws Exception {
    ScheduledTraining schedule = example(2);
    assertEquals(64, schedule.step(), "8 epochs of 8 updates: 16 batches each, 2 per update");
    // the step decay's 6 epochs, then the plateau: it observed the validation losses after epochs 6 and 7
    assertEquals(2, schedule.statesCopy()[0][0].plateau("phases[1]").observations());
  }

  @Test
  void withoutTheAccumulationTheFirstEpochIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> example(1));
    assertEquals("[EpochOffPlan] epoch: epoch 1 of the loop ended after update 16 (16 updates in it), but the plan's epochs are 8 updates"
        + " (the geometry given to optGeometry), so its per-epoch values and plateau metrics would fall mid-epoch; make the loop run 8 updates"
        + " per epoch (data-set size, batch size, drop_last, gradient accumulation) or build the schedule with the run's geometry", e.getMessage());
  }

  /** The program of the docs, with {@code accumulation} batches per update (2 there). */
  private static ScheduledTraining example(int accumulation) throws Exception {
    RunGeometry geometry = RunGeometry.builder().datasetSize(256).batchSize(16).gradientAccumulation(2).build();
    Schedule lr = Schedules.stepDecay(0.1, 2, 0.5).over(6, EPOCHS)      // StepLR(step_size=2, gamma=0.5) for 6 epochs
        .then().shape(Plateau.withDefaults(0.0125)).forever()            // then ReduceLROnPlateau
        .steppedPerEpoch().build(geometry);                              // 16 batches / 2 = 8 updates per epoch
    ScheduledTraining schedule = ScheduledTraining.builder().setPlan(Plan.of(lr)).optGeometry(geometry).build();
    try (NDManager data = NDManager.newBaseManager();
         Model model = Model.newInstance("linear")) {
      model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(1).build()));
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
          .optOptimizer(ScheduledSgd.builder(schedule).optMomentum(0.9f).build())
          .addTrainingListeners(schedule.listener());
      ArrayDataset train = new ArrayDataset.Builder()
          .setData(data.randomNormal(new Shape(256, 8))).optLabels(data.randomNormal(new Shape(256, 1)))
          .setSampling(16, true).build();
      NDList validation = new NDList(data.randomNormal(new Shape(64, 8)), data.randomNormal(new Shape(64, 1)));
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(16, 8));
        for (int epoch = 0; epoch < 8; epoch++) {
          int batches = 0;
          for (Batch batch : trainer.iterateDataset(train)) {
            try (batch) {
              EasyTrain.trainBatch(trainer, batch);                  // gradients accumulate; the listener ends the previous update
              if (++batches % accumulation == 0) {
                trainer.step();                                      // one update: the schedule advances once
              }
            }
          }
          NDList predicted = trainer.evaluate(new NDList(validation.get(0)));
          float validationLoss = trainer.getLoss().evaluate(new NDList(validation.get(1)), predicted).getFloat();
          schedule.endEpoch(validationLoss);                         // checks the epoch, then scheduler.step(val_loss)
        }
      }
    }
    return schedule;
  }
}
