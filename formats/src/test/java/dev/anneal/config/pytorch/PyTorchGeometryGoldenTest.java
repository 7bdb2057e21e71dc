package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenSet;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Stepped;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PyTorch case of the geometry set ({@code golden-geometry/pytorch}, torch 1.13 schedulers
 * stepped once per epoch of several updates, or after every update for contrast) read from the
 * {@code pytorch} config a user writes ({@code "interval"}, {@code "updates_per_epoch"}, {@code
 * "epochs"}): every channel the case records equals upstream's at every update, the plateau case
 * fed its per-epoch validation loss, and a per-epoch config is a plan of {@link Stepped} channels.
 */
class PyTorchGeometryGoldenTest {
  static Stream<GoldenCase> cases() {
    return GoldenCase.all(GoldenSet.GEOMETRY, "pytorch");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsWithoutAnErrorOrAWarning(GoldenCase golden) {
    Imported imported = PyTorchParityTest.read(golden);

    // Notes (the optimizer's settings the schedule does not use) are expected; a warning is not.
    assertEquals(List.of(), imported.warnings().stream().filter(v -> v.severity() != Severity.NOTE).toList(),
        golden.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void learningRateMatchesUpstreamAtEveryUpdate(GoldenCase golden) {
    Plan plan = PyTorchParityTest.read(golden).plan();

    GoldenAssert.assertCurve(golden + " lr", golden.lr(), PyTorchParityTest.curve(plan.lr(), golden));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void momentumMatchesUpstreamWhereItIsCycled(GoldenCase golden) {
    Plan plan = PyTorchParityTest.read(golden).plan();

    if (golden.momentum() == null) {
      assertTrue(plan.findChannel(Plan.MOMENTUM).isEmpty(), golden + ": torch does not cycle momentum here");
    } else {
      GoldenAssert.assertCurve(golden + " momentum", golden.momentum(), PyTorchParityTest.curve(plan.channel(Plan.MOMENTUM), golden));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aSchedulerSteppedPerEpochHoldsItsValueThroughTheEpoch(GoldenCase golden) {
    Schedule lr = PyTorchParityTest.read(golden).plan().lr();
    long updatesPerEpoch = golden.config().get("updates_per_epoch").asLong();

    if (golden.config().get("cadence").asText().equals("epoch")) {
      Stepped stepped = assertInstanceOf(Stepped.class, lr);
      assertEquals(Cadence.perEpoch(updatesPerEpoch), stepped.cadence());
    } else {
      assertTrue(!(lr instanceof Stepped), golden + " is stepped after every update");
    }
  }

  @Test
  void theReduceLrOnPlateauCaseIsFedOneMetricPerEpoch() {
    GoldenCase plateau = GoldenCase.named(GoldenSet.GEOMETRY, "pytorch", "reducelronplateau-epoch-metric");

    // 120 epochs of 7 updates: the case's epoch_metrics, each repeated over its epoch's updates.
    assertEquals(840, plateau.metrics().length);
    assertTrue(PyTorchParityTest.read(plateau).plan().lr().isReactive());
  }

  @Test
  void theDataSetFiguresGiveTheSameCurveAsTheUpdatesPerEpoch() {
    GoldenCase cifar = GoldenCase.named(GoldenSet.GEOMETRY, "pytorch", "cosineannealinglr-tmax-epochs-cifar");
    // CIFAR-10: 50,000 training images in batches of 128 make ceil(50000 / 128) = 391 batches, the case's updates per epoch.
    String config = "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1, \"momentum\": 0.9, \"weight_decay\": 0.0005},"
        + " \"scheduler\": {\"type\": \"CosineAnnealingLR\", \"kwargs\": {\"T_max\": 50}},"
        + " \"interval\": \"epoch\", \"dataset_size\": 50000, \"batch_size\": 128, \"epochs\": 50, \"torch_version\": \"1.13\"}";

    Imported imported = Formats.byName("pytorch").read(config);

    GoldenAssert.assertCurve("cifar from the data-set figures", cifar.lr(), PyTorchParityTest.curve(imported.plan().lr(), cifar));
    assertTrue(imported.warnings().stream().noneMatch(Violation::isError));
  }
}
