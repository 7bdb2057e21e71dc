package dev.anneal.reliability;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.anneal.builder.Schedules;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.runtime.Checkpoints;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A training run the crash test starts as a process of its own and kills: AdamW on a
 * three-layer model with a scheduled learning rate, β1 and weight decay, saving a checkpoint every
 * few updates with {@link Checkpoints#save}. On start it resumes as the runtime's documentation
 * says: {@link Checkpoints#restore} of {@link Checkpoints#latest}; if that is refused it reports it
 * and fails. It reports on standard output, one line each: {@code FROM file} (the checkpoint
 * resumed from, relative to the folder), {@code RESUMED step}, {@code REFUSED file: message}, {@code STEP step
 * lr-bits} (the float bits of the learning rate the update used), {@code SAVING step}, {@code SAVED
 * step}, and at the end {@code PARAM name sha256} for every parameter (the SHA-256 of the float
 * bits of its values), then {@code DONE}.
 *
 * <p>Arguments: the checkpoint folder, the number of updates, the updates between saves, and
 * optionally the width of the two hidden layers (256) and {@code resave}: every save then replaces
 * epoch 0 (the model's {@code Epoch} property, as DJL's {@code SaveModelTrainingListener} sets it)
 * rather than adding an epoch.
 */
public final class TrainingProcess {
  static final String NAME = "run";
  private static final int IN = 4;
  private static final int BATCH = 8;
  /**
   * At width 256, about 67,000 parameters (a 270 KB .params file, 540 KB of Adam moments in the
   * sidecar): a save takes long enough for kills to land inside it.
   */
  static final int DEFAULT_WIDTH = 256;

  private TrainingProcess() {}

  /** Warm-up then cosine, β1 falling and rising, weight decay ramping up. */
  static Plan plan(int updates) {
    return Plan.of(Schedules.linear(1e-4, 2e-2).over(10).then().cosineTo(1e-3).over(updates - 10).build())
        .with(Plan.MOMENTUM, Schedules.linear(0.95, 0.85).over(updates / 2).then().linearTo(0.95).over(updates - updates / 2).build())
        .with(Plan.WEIGHT_DECAY, Schedules.linear(0.0, 0.1).over(updates).build());
  }

  /** The model, not initialized: three linear layers, the two hidden ones {@code width} wide. */
  static Model model(int width) {
    Model model = Model.newInstance(NAME);
    model.setBlock(new SequentialBlock()
        .add(Linear.builder().setUnits(width).build())
        .add(Linear.builder().setUnits(width).build())
        .add(Linear.builder().setUnits(2).build()));
    return model;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Paths.get(args[0]);
    int updates = Integer.parseInt(args[1]);
    int every = Integer.parseInt(args[2]);
    int width = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_WIDTH;
    boolean resave = args.length > 4 && args[4].equals("resave");
    Files.createDirectories(dir);
    ScheduledTraining schedule = ScheduledTraining.of(plan(updates));
    try (Model model = model(width)) {
      boolean restored = restore(dir, model, schedule);
      if (resave) {
        model.setProperty("Epoch", "0");
      }
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
          .optOptimizer(ScheduledAdam.adamW(schedule).build())
          .addTrainingListeners(schedule.listener());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(BATCH, IN)); // keeps the restored parameters
        if (!restored) {
          setParameters(model);
        }
        System.out.println("RESUMED " + schedule.step());
        for (long step = schedule.step(); step < updates; step++) {
          float lr = schedule.nextValues().applied(0, Plan.LR);
          backward(trainer, step);
          trainer.step();
          schedule.endStep();
          say("STEP " + step + " " + Integer.toHexString(Float.floatToRawIntBits(lr)));
          if ((step + 1) % every == 0) {
            say("SAVING " + (step + 1));
            Checkpoints.save(trainer, schedule, dir, NAME);
            say("SAVED " + (step + 1));
          }
        }
        for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
          // Every bit of every value, through SHA-256: equal digests mean equal parameters.
          MessageDigest digest = MessageDigest.getInstance("SHA-256");
          ByteBuffer bits = ByteBuffer.allocate(4);
          for (float value : pair.getValue().getArray().toFloatArray()) {
            digest.update(bits.clear().putInt(Float.floatToRawIntBits(value)).array());
          }
          say("PARAM " + pair.getKey() + " " + HexFormat.of().formatHex(digest.digest()));
        }
        say("DONE");
      }
    }
  }

  /** Restores {@link Checkpoints#latest} into {@code model} and {@code schedule}; false if there is none. */
  private static boolean restore(Path dir, Model model, ScheduledTraining schedule) throws IOException {
    Path latest;
    try {
      latest = Checkpoints.latest(dir, NAME);
    } catch (InvalidScheduleException none) {
      return false;
    }
    say("FROM " + dir.relativize(latest));
    try {
      Checkpoints.restore(model, schedule, latest, ResumePolicy.FAIL_ON_DIFFERENCE);
      return true;
    } catch (InvalidScheduleException refused) {
      say("REFUSED " + dir.relativize(latest) + ": " + refused.getMessage().replace('\n', ' '));
      throw refused;
    }
  }

  static void setParameters(Model model) {
    int k = 0;
    for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
      NDArray array = pair.getValue().getArray();
      float[] values = new float[(int) array.size()];
      for (int i = 0; i < values.length; i++, k++) {
        values[i] = (float) (0.4 * Math.sin(1.7 * k + 0.3));
      }
      array.set(values);
    }
  }

  /** Forward and backward of a fixed synthetic batch, a function of the step alone. */
  static void backward(Trainer trainer, long step) {
    try (NDManager scope = trainer.getManager().newSubManager()) {
      float[] x = new float[BATCH * IN];
      float[] y = new float[BATCH * 2];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) Math.cos(0.31 * (step * x.length + i) + 0.2);
      }
      for (int r = 0; r < BATCH; r++) {
        y[2 * r] = 0.7f * x[r * IN] - 0.2f * x[r * IN + 3];
        y[2 * r + 1] = 0.3f * x[r * IN + 1] * x[r * IN + 2] + 0.1f;
      }
      NDList data = new NDList(scope.create(x, new Shape(BATCH, IN)), scope.create(y, new Shape(BATCH, 2)));
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDArray loss = trainer.getLoss().evaluate(new NDList(data.get(1)), trainer.forward(new NDList(data.get(0))));
        collector.backward(loss);
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
