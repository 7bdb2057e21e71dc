package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed-style per-epoch examples ({@code examples/pytorch-epoch-*.json}), sized for the digits
 * that {@code anneal train} trains on (1438 training rows in batches of 32: ceil(1438 / 32) = 45
 * updates per epoch), through the command's entry point: {@code validate} accepts each, and {@code
 * curve} gives the values a loop calling {@code scheduler.step()} after each epoch gets, from the
 * reference curve where one exists and by hand otherwise.
 */
class PyTorchEpochExamplesCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"pytorch-epoch-steplr.json", "pytorch-epoch-cosine.json", "pytorch-epoch-plateau.json",
      "pytorch-epoch-step-then-plateau.json"})
  void validateAcceptsEachExample(String name) {
    Anneal.Result result = Anneal.run("validate", EXAMPLES.resolve(name).toString());

    assertEquals(0, result.exitCode(), () -> String.join("\n", result.err()));
  }

  @Test
  void stepLrEveryThirtyEpochsIsTheReferenceCurve() {
    // The ImageNet-style reference case runs StepLR(30, 0.1) per epoch of 45 updates with the same optimizer: its first 60 epochs.
    GoldenCase imagenet = GoldenCase.named(GoldenSet.GEOMETRY, "pytorch", "steplr-imagenet-epochs");

    double[] curve = curve("pytorch-epoch-steplr.json", 2700, null);

    GoldenAssert.assertCurve("examples/pytorch-epoch-steplr.json", Arrays.copyOf(imagenet.lr(), 2700), curve);
  }

  @Test
  void cosineOverTheEpochsHoldsEachEpochsValue() {
    double[] curve = curve("pytorch-epoch-cosine.json", 1350, null);

    // Epoch e (updates 45e .. 45e + 44) uses 0.1 * (1 + cos(pi * e / 30)) / 2.
    for (int epoch : new int[] {0, 1, 15, 29}) {
      double expected = 0.1 * (1 + Math.cos(Math.PI * epoch / 30)) / 2;
      assertEquals(expected, curve[45 * epoch], 1e-12, "first update of epoch " + epoch);
      assertEquals(expected, curve[45 * epoch + 44], 1e-12, "last update of epoch " + epoch);
    }
  }

  @Test
  void plateauReducesAfterPatienceEpochsOfTheEpochMetric() {
    // A loss of 1.0 reported after every update: epoch 1 sets the best, epochs 2-7 are six without improvement, more than the
    // patience of 5, so the step after epoch 7 reduces to 0.01 (from update 7 * 45 = 315); six more epochs (8-13) reduce again
    // from update 13 * 45 = 585.
    double[] curve = curve("pytorch-epoch-plateau.json", 600, IntStream.range(0, 600).mapToObj(i -> "1.0").toList());

    assertEquals(0.1, curve[314]);
    assertEquals(0.1 * 0.1, curve[315], 1e-18);
    assertEquals(0.1 * 0.1, curve[584], 1e-18);
    assertEquals(0.1 * 0.1 * 0.1, curve[585], 1e-18);
  }

  @Test
  void stepDecayThenPlateauFollowsTheEpochs() {
    // Step decay per epoch (0.1, x0.1 every 10 epochs) for 20 epochs = 900 updates, then a plateau from 0.001 with patience 3:
    // its first epoch (20) sets the best, epochs 21-24 are four without improvement, so it reduces from epoch 25 = update 1125.
    double[] curve = curve("pytorch-epoch-step-then-plateau.json", 1200, IntStream.range(0, 1200).mapToObj(i -> "1.0").toList());

    assertEquals(0.1, curve[449]);
    assertEquals(0.1 * 0.1, curve[450], 1e-18);
    assertEquals(0.001, curve[900], 1e-18);
    assertEquals(0.001, curve[1124], 1e-18);
    assertEquals(0.0001, curve[1125], 1e-18);
  }

  /** {@code anneal curve} of the example over {@code steps} updates, with a metric per update where given. */
  private double[] curve(String example, int steps, List<String> metrics) {
    List<String> args = new ArrayList<>(List.of("curve", EXAMPLES.resolve(example).toString(), "--steps", Integer.toString(steps)));
    if (metrics != null) {
      try {
        args.addAll(List.of("--metrics", Files.writeString(dir.resolve("metrics.txt"), metrics.stream().collect(Collectors.joining("\n", "", "\n")))
            .toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Anneal.Result result = Anneal.run(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), () -> String.join("\n", result.err()));
    return CurveParity.parse(example, result.out());
  }

  @Test
  void curveDefaultsToTheConfigsEpochs() {
    // The example's "epochs": 60 of 45 updates: StepLR has no end of its own, the loop around it does.
    Anneal.Result result = Anneal.run("curve", EXAMPLES.resolve("pytorch-epoch-steplr.json").toString());

    assertEquals(0, result.exitCode(), () -> String.join("\n", result.err()));
    assertEquals(2700, result.out().size());
    assertEquals("2699\t0.010000000000000002", result.out().get(2699));
  }

  @Test
  void trainRunsTheConfigsEpochsAndNamesAnOptionThatReplacesThem() throws IOException {
    Path config = Files.writeString(dir.resolve("steplr.json"), """
        {"optimizer": {"type": "SGD", "lr": 0.1}, "scheduler": {"type": "StepLR", "kwargs": {"step_size": 1, "gamma": 0.5}},
         "interval": "epoch", "updates_per_epoch": 45, "epochs": 2}
        """);

    Anneal.Result asConfigured = Anneal.run("train", "--config", config.toString(), "--out", dir.resolve("a").toString());
    Anneal.Result replaced = Anneal.run("train", "--config", config.toString(), "--steps", "10", "--out", dir.resolve("b").toString());

    assertEquals(0, asConfigured.exitCode(), () -> String.join("\n", asConfigured.err()));
    assertEquals(true, asConfigured.out().contains("length: 90 updates (the config's epochs)"), asConfigured.outText());
    assertEquals(0, replaced.exitCode(), () -> String.join("\n", replaced.err()));
    assertEquals(true, replaced.err().contains(config + ": [IgnoredSetting] epochs: ignored: --steps replaces the config's run length of 90 updates: "
        + "this run is 10 updates"), String.join("\n", replaced.err()));
  }
}
