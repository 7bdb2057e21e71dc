package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anneal train} with plans stepped per epoch (Anneal JSON {@code "cadence": "epoch"} with a
 * geometry), the four seed-style PyTorch loops scaled to short runs on the embedded digits: StepLR,
 * CosineAnnealingLR over the epochs, ReduceLROnPlateau on the held-out loss of each epoch, and a
 * step decay followed by a plateau. Every update's learning rate in {@code train.csv} is its
 * epoch's value, computed here by hand from PyTorch's formulas; a plan whose epoch is not the
 * command's is refused before training.
 */
class TrainEpochCommandTest {
  static final Path CONFIGS = Path.of("src/test/resources/anneal-epoch").toAbsolutePath();
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** The digits' 1438 training rows in batches of 128: ceil(1438 / 128) = 12 updates per epoch. */
  static final int PER_EPOCH = 12;
  static final String LOSSES = "held-out loss after each epoch, observed by the plan's per-epoch plateau while it runs: ";

  @TempDir Path dir;

  @Test
  void stepLrEveryThreeEpochsHoldsEachEpochsRate() throws IOException {
    // PyTorch's StepLR(step_size=3, gamma=0.1) stepped after each epoch, for 9 epochs
    float[] lr = train("steplr.json", 9 * PER_EPOCH, "--batch-size", "128");
    for (int update = 0; update < lr.length; update++) {
      int epoch = update / PER_EPOCH;
      assertEquals((float) (0.01 * Math.pow(0.1, epoch / 3)), lr[update], 0f, "update " + update + " of epoch " + epoch);
    }
  }

  @Test
  void cosineAnnealingOverTheEpochsHoldsEachEpochsRate() throws IOException {
    // CosineAnnealingLR(T_max=6, eta_min=1e-4) from 0.01 stepped after each epoch; the epoch comes from the data-set figures
    float[] lr = train("cosine.json", 6 * PER_EPOCH, "--batch-size", "128");
    for (int update = 0; update < lr.length; update++) {
      int epoch = update / PER_EPOCH;
      double expected = 1e-4 + (0.01 - 1e-4) * (1 + Math.cos(Math.PI * epoch / 6)) / 2;
      assertEquals((float) expected, lr[update], 1e-9f, "update " + update + " of epoch " + epoch);
    }
  }

  @Test
  void aPlateauOnTheHeldOutLossSeesOneLossPerEpoch() throws IOException {
    Anneal.Result result = run("plateau.json", "--batch-size", "128", "--epochs", "6");
    double[] losses = heldOutLosses(result);
    assertEquals(6, losses.length, "one held-out loss per epoch");
    double[] perEpoch = plateau(0.05, 0.5, losses, 0, 6);
    assertRatesPerEpoch(perEpoch, log(6 * PER_EPOCH), PER_EPOCH);
    assertTrue(perEpoch[5] < perEpoch[0], "the plateau reduced the rate at least once: " + Arrays.toString(perEpoch));
  }

  @Test
  void aStepDecayThenAPlateauOnTheHeldOutLoss() throws IOException {
    Anneal.Result result = run("step-plateau.json", "--batch-size", "128", "--epochs", "8");
    double[] losses = heldOutLosses(result);
    assertEquals(8, losses.length);
    // StepLR(step_size=2, gamma=0.5) from 0.04 for 4 epochs, then ReduceLROnPlateau from 0.01 on the losses after epochs 4, 5, 6
    double[] perEpoch = plateau(0.01, 0.5, losses, 4, 8);
    perEpoch[0] = 0.04;
    perEpoch[1] = 0.04;
    perEpoch[2] = 0.02;
    perEpoch[3] = 0.02;
    assertRatesPerEpoch(perEpoch, log(8 * PER_EPOCH), PER_EPOCH);
    // the summary places the phases in updates: the plateau begins after 4 epochs of 12 updates
    List<String> out = result.out();
    int applied = out.indexOf("learning rate applied:");
    assertEquals(List.of("  step  0  0.04       phase 0 (step) begins", "  step 48  0.01       phase 1 (plateau) begins"),
        out.subList(applied + 1, applied + 3));
  }

  @Test
  void aPerEpochPlateauResumedAtAnEpochsEndGoesOnAsTheRunThatNeverStopped() throws IOException {
    String config = CONFIGS.resolve("step-plateau.json").toString();
    Path checkpoints = dir.resolve("checkpoints");
    Anneal.Result whole = Anneal.run("train", "--config", config, "--batch-size", "128", "--epochs", "7", "--out", dir.resolve("whole").toString());
    Anneal.Result first = Anneal.run("train", "--config", config, "--batch-size", "128", "--epochs", "5", "--checkpoint-dir", checkpoints.toString(),
        "--out", dir.resolve("first").toString());
    Anneal.Result resumed = Anneal.run("train", "--config", config, "--batch-size", "128", "--epochs", "7", "--checkpoint-dir", checkpoints.toString(),
        "--resume", "--out", dir.resolve("resumed").toString());

    assertEquals(0, whole.exitCode(), whole.err().toString());
    assertEquals(0, first.exitCode(), first.err().toString());
    assertEquals(0, resumed.exitCode(), resumed.err().toString());
    // the resumed process fed the plateau the losses after epochs 6 and 7, those the whole run fed it last
    double[] all = heldOutLosses(whole);
    double[] after = heldOutLosses(resumed);
    assertEquals(2, after.length);
    assertEquals(all[5], after[0], 0.0);
    assertEquals(all[6], after[1], 0.0);
    // every row, the plateau's rates after the resume included, bit for bit
    assertEquals(Files.readAllLines(dir.resolve("whole").resolve("train.csv")), Files.readAllLines(dir.resolve("resumed").resolve("train.csv")));
  }

  @Test
  void theExampleTrainsWithTheDefaultBatch() throws IOException {
    Path example = ROOT.resolve("examples/anneal-epoch-step-plateau.json");
    Anneal.Result result = Anneal.run("train", "--config", example.toString(), "--epochs", "6", "--out", dir.resolve("run").toString());
    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
    double[] losses = heldOutLosses(result);
    int perEpoch = 45; // ceil(1438 / 32), as the example's geometry states
    double[] rates = plateau(0.001, 0.5, losses, 4, 6);
    rates[0] = 0.004;
    rates[1] = 0.004;
    rates[2] = 0.002;
    rates[3] = 0.002;
    assertRatesPerEpoch(rates, log(6 * perEpoch), perEpoch);
  }

  @Test
  void aPlanWrittenForAnotherEpochIsRefusedBeforeTraining() {
    Path config = CONFIGS.resolve("steplr.json");
    Anneal.Result result = Anneal.run("train", "--config", config.toString(), "--out", dir.resolve("run").toString());
    assertEquals(List.of(config + ": [EpochLengthDiffers] geometry.updates_per_epoch: the config's epochs are 12 updates, but an epoch of"
        + " anneal train is 45 (1438 training rows in batches of 32), so the config's per-epoch values would change mid-epoch; give"
        + " --batch-size 120, or make the config's geometry state updates_per_epoch 45"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
    assertTrue(Files.notExists(dir.resolve("run")));
  }

  /**
   * PyTorch's {@code ReduceLROnPlateau(mode="min", factor, patience=0, threshold=0, cooldown=0)}
   * stepped after each epoch from {@code first} on, by hand: an epoch whose loss is not strictly
   * below the best so far multiplies the next epoch's rate by {@code factor}.
   *
   * @return the rate of each epoch below {@code epochs}; those before {@code first} are left 0
   */
  static double[] plateau(double initial, double factor, double[] losses, int first, int epochs) {
    double[] rates = new double[epochs];
    double rate = initial;
    double best = Double.POSITIVE_INFINITY;
    for (int epoch = first; epoch < epochs; epoch++) {
      rates[epoch] = rate;
      if (losses[epoch] < best) {
        best = losses[epoch];
      } else {
        rate *= factor;
      }
    }
    return rates;
  }

  private static void assertRatesPerEpoch(double[] perEpoch, float[] lr, int updatesPerEpoch) {
    assertEquals(perEpoch.length * updatesPerEpoch, lr.length);
    for (int update = 0; update < lr.length; update++) {
      int epoch = update / updatesPerEpoch;
      assertEquals((float) perEpoch[epoch], lr[update], 0f, "update " + update + " of epoch " + epoch + " (rates " + Arrays.toString(perEpoch) + ")");
    }
  }

  private Anneal.Result run(String config, String... options) {
    String[] args = new String[4 + options.length];
    args[0] = "train";
    args[1] = "--config";
    args[2] = CONFIGS.resolve(config).toString();
    System.arraycopy(options, 0, args, 3, options.length);
    args[args.length - 1] = "--out=" + dir.resolve("run");
    Anneal.Result result = Anneal.run(args);
    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode(), String.join("\n", result.out()));
    return result;
  }

  /** Trains the plan for its declared end and returns the learning rate of every update. */
  private float[] train(String config, int updates, String... options) throws IOException {
    Anneal.Result result = run(config, options);
    assertEquals(List.of(), result.out().stream().filter(line -> line.startsWith(LOSSES)).toList(), "no plateau, no held-out loss");
    return log(updates);
  }

  private float[] log(int updates) throws IOException {
    List<String> rows = Files.readAllLines(dir.resolve("run").resolve("train.csv"));
    assertEquals(1 + updates, rows.size());
    float[] lr = new float[updates];
    for (int update = 0; update < updates; update++) {
      String[] row = rows.get(1 + update).split(",");
      assertEquals(update, Integer.parseInt(row[0]));
      lr[update] = Float.parseFloat(row[1]);
    }
    return lr;
  }

  private static double[] heldOutLosses(Anneal.Result result) {
    List<String> lines = result.out().stream().filter(line -> line.startsWith(LOSSES)).toList();
    assertEquals(1, lines.size(), String.join("\n", result.out()));
    return Arrays.stream(lines.get(0).substring(LOSSES.length()).split(", ")).mapToDouble(Double::parseDouble).toArray();
  }
}
