package dev.anneal.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.anneal.config.Formats;
import dev.anneal.config.OptimizerSettings.Decayed;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link OptimizerStep} must leave every parameter as {@code trainer.step()} does, bit for bit: the
 * same model, data and plan trained once through DJL's parameter server and once through the
 * shortcut, for every optimizer {@code anneal train} builds, the biases in a group of their own
 * (weight decay scheduled on the weights only, as a Megatron-LM or transformers config asks).
 */
class OptimizerStepTest {
  private static final int UPDATES = 25;
  private static final int BATCH = 16;
  private static final Mlp MLP = new Mlp(8, List.of(12, 6), 3);

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void theShortcutUpdatesEveryParameterAsTheTrainerDoes(OptimizerKind kind) throws IOException {
    OptimizerChoice choice = new OptimizerChoice(kind, kind.constantMomentum(), OptimizerChoice.DEFAULT_BETA2, OptimizerChoice.DEFAULT_EPS,
        0.01, Decayed.WEIGHTS_ONLY, ScheduledAdam.EpsilonForm.DJL);
    Plan plan = Formats.byName("anneal").read(builtInPlan()).plan();

    Map<String, float[]> throughTheTrainer = train(choice, plan, Trainer::step);
    Map<String, float[]> throughTheShortcut = train(choice, plan, null);

    assertEquals(6, throughTheTrainer.size(), "three layers' weights and biases");
    assertEquals(throughTheTrainer.keySet(), throughTheShortcut.keySet());
    for (String name : throughTheTrainer.keySet()) {
      assertArrayEquals(throughTheTrainer.get(name), throughTheShortcut.get(name), name + " after " + UPDATES + " updates of " + kind);
    }
  }

  /** Trains a fresh MLP from seed 3 on the same random batches; {@code step} null: through {@link OptimizerStep}. */
  private static Map<String, float[]> train(OptimizerChoice choice, Plan plan, Consumer<Trainer> step) {
    Engine.getInstance().setRandomSeed(3);
    ScheduledTraining schedule = choice.groups(ScheduledTraining.builder(), plan).build();
    Optimizer optimizer = choice.build(schedule, plan);
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer)
        .addTrainingListeners(schedule.listener());
    Random data = new Random(11);
    try (Model model = Model.newInstance("optimizer-step")) {
      model.setBlock(MLP.block());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(BATCH, MLP.inputs()));
        OptimizerStep shortcut = new OptimizerStep(trainer, optimizer);
        for (int update = 0; update < UPDATES; update++) {
          try (NDManager batchManager = trainer.getManager().newSubManager()) {
            float[] features = new float[BATCH * MLP.inputs()];
            long[] labels = new long[BATCH];
            for (int i = 0; i < features.length; i++) {
              features[i] = (float) data.nextGaussian();
            }
            for (int i = 0; i < BATCH; i++) {
              labels[i] = data.nextInt(MLP.classes());
            }
            NDList x = new NDList(batchManager.create(features, new Shape(BATCH, MLP.inputs())));
            NDList y = new NDList(batchManager.create(labels, new Shape(BATCH)));
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDList predictions = trainer.forward(x, y);
              collector.backward(trainer.getLoss().evaluate(y, predictions));
              Batch batch = new Batch(batchManager, x, y, BATCH, null, null, 0, 0);
              BatchData batchData = new BatchData(batch, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
              batchData.getLabels().put(y.get(0).getDevice(), y);
              batchData.getPredictions().put(predictions.get(0).getDevice(), predictions);
              trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batchData));
            }
            if (step == null) {
              shortcut.step();
            } else {
              step.accept(trainer);
            }
          }
        }
        Map<String, float[]> parameters = new TreeMap<>();
        for (var entry : model.getBlock().getParameters()) {
          Parameter parameter = entry.getValue();
          parameters.put(entry.getKey(), parameter.getArray().toFloatArray());
        }
        return parameters;
      }
    }
  }

  private static String builtInPlan() throws IOException {
    try (InputStream in = OptimizerStepTest.class.getResourceAsStream("/dev/anneal/cli/train/train-digits.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
