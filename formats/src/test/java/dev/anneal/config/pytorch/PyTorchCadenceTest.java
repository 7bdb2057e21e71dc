package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Stepped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code pytorch} format's cadence ({@code "interval"}, {@code "frequency"}) and epoch figures
 * ({@code "updates_per_epoch"}, the data-set figures, {@code "epochs"}): the values they give,
 * computed by hand in each test, every error with its full message, and the warning for a count of
 * epochs stepped per update. The golden curves are {@link PyTorchGeometryGoldenTest}'s.
 */
class PyTorchCadenceTest {
  private static final String SGD = "\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}";
  private static final String STEP_LR = "\"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 30}}";

  private static Imported read(String topLevel) {
    return Formats.byName("pytorch").read("{" + SGD + ", " + topLevel + "}");
  }

  private static double[] values(Schedule schedule, int steps) {
    double[] out = new double[steps];
    for (int step = 0; step < steps; step++) {
      out[step] = schedule.valueAt(step);
    }
    return out;
  }

  /** The config's warnings and notes other than the optimizer's IgnoredSetting notes. */
  private static List<String> warnings(Imported imported) {
    return imported.warnings().stream().filter(v -> v.code() != ConfigCode.IGNORED_SETTING).map(Violation::toString).toList();
  }

  @Test
  void anEpochIntervalHoldsTheValueThroughEachEpoch() {
    // StepLR(step_size=1, gamma=0.5) stepped after each epoch of 3 updates: 0.1 for updates 0-2, 0.05 for 3-5, 0.025 for 6-8.
    Imported imported = read("\"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 1, \"gamma\": 0.5}},"
        + " \"interval\": \"epoch\", \"updates_per_epoch\": 3");

    assertEquals(List.of(0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025),
        Arrays.stream(values(imported.plan().lr(), 9)).boxed().toList());
  }

  @Test
  void anEpochFrequencyStepsAfterEveryNthEpoch() {
    // Lightning steps when (current_epoch + 1) % 2 == 0: after epochs 2 and 4 of 5 updates, i.e. before updates 10 and 20.
    Imported imported = read("\"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 1, \"gamma\": 0.5}},"
        + " \"interval\": \"epoch\", \"frequency\": 2, \"updates_per_epoch\": 5");

    double[] lr = values(imported.plan().lr(), 21);
    assertEquals(0.1, lr[9]);
    assertEquals(0.05, lr[10]);
    assertEquals(0.05, lr[19]);
    assertEquals(0.025, lr[20]);
  }

  @Test
  void aStepFrequencyStepsAfterEveryNthUpdate() {
    // scheduler.step() after every 10 updates: StepLR(step_size=3) decays at its 3rd step, before update 30.
    Imported imported = read(STEP_LR.replace("30", "3") + ", \"interval\": \"step\", \"frequency\": 10");

    double[] lr = values(imported.plan().lr(), 31);
    assertEquals(0.1, lr[29]);
    assertEquals(0.1 * 0.1, lr[30]);
    assertEquals(List.of(), warnings(imported));
  }

  @Test
  void theDataSetFiguresRoundAsTheDataLoaderAndLightningDo() {
    // 1000 samples in batches of 64: ceil = 16 batches, floor (drop_last) = 15; accumulating 4: ceil(16 / 4) = 4, ceil(15 / 4) = 4 updates
    // (Lightning steps the optimizer on an epoch's last batch). StepLR(step_size=1) per epoch then decays before update 4.
    for (String dropLast : List.of("false", "true")) {
      Imported imported = read("\"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 1}}, \"interval\": \"epoch\","
          + " \"dataset_size\": 1000, \"batch_size\": 64, \"drop_last\": " + dropLast + ", \"accumulate_grad_batches\": 4");

      double[] lr = values(imported.plan().lr(), 5);
      assertEquals(0.1, lr[3], dropLast);
      assertEquals(0.1 * 0.1, lr[4], 1e-18, dropLast);
    }
  }

  @Test
  void loaderFiguresWithoutADataSetSizeAreNamedAsIgnored() {
    Imported imported = read(STEP_LR + ", \"batch_size\": 64");

    assertEquals(List.of("[IgnoredSetting] batch_size: ignored: it counts the updates per epoch only together with dataset_size, which is not given"),
        imported.warnings().stream().filter(v -> v.path().equals("batch_size")).map(Violation::toString).toList());
  }

  static Stream<Arguments> badCadences() {
    return Stream.of(
        bad("an interval that is neither epoch nor step", STEP_LR + ", \"interval\": \"batch\"",
            "[UnknownType] interval: unknown interval 'batch'; expected one of: epoch, step"),
        bad("a misspelt interval", STEP_LR + ", \"interval\": \"epochs\", \"updates_per_epoch\": 10",
            "[UnknownType] interval: unknown interval 'epochs'; did you mean `epoch`?"),
        bad("frequency 0", STEP_LR + ", \"frequency\": 0",
            "[NonPositiveLength] frequency: frequency (0) must be at least 1"),
        bad("an epoch interval with no way to count the updates of an epoch", STEP_LR + ", \"interval\": \"epoch\", \"epochs\": 90",
            "[UnitNeedsGeometry] interval: interval is given in epochs, which needs the updates per epoch; add \"updates_per_epoch\": N,"
                + " or \"dataset_size\" with \"batch_size\" (and \"drop_last\", \"accumulate_grad_batches\" where the loop uses them),"
                + " at the top level of the config"),
        bad("updates_per_epoch and data-set figures that disagree",
            STEP_LR + ", \"interval\": \"epoch\", \"updates_per_epoch\": 390, \"dataset_size\": 50000, \"batch_size\": 128",
            "[EpochFiguresDisagree] updates_per_epoch: updates_per_epoch (390) disagrees with the data-set figures, which give 391 updates per"
                + " epoch (dataset_size 50000, batch_size 128, drop_last false, accumulate_grad_batches 1); give updates_per_epoch or the"
                + " data-set figures, or correct the one that is wrong"),
        bad("a data-set size without a batch size", STEP_LR + ", \"interval\": \"epoch\", \"dataset_size\": 50000",
            "[ConditionNotMet] dataset_size: dataset_size requires batch_size, but batch_size is not given"),
        bad("figures below 1", STEP_LR + ", \"updates_per_epoch\": 0, \"epochs\": -1, \"accumulate_grad_batches\": 0, \"dataset_size\": 10,"
                + " \"batch_size\": 2",
            "[NonPositiveLength] accumulate_grad_batches: accumulate_grad_batches (0) must be at least 1",
            "[NonPositiveLength] updates_per_epoch: updates_per_epoch (0) must be at least 1",
            "[NonPositiveLength] epochs: epochs (-1) must be at least 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCadences")
  void aBadCadenceOrFigureIsRefusedWithItsFix(String name, String topLevel, List<String> expected) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> read(topLevel));

    assertEquals(expected, e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void intervalIsAKeyOfTheWholeConfigNotOfAMember() {
    String config = "{" + SGD + ", \"scheduler\": {\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": ["
        + "{\"type\": \"ConstantLR\", \"interval\": \"epoch\"}, {\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0.9}}],"
        + " \"milestones\": [5]}}}";

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Formats.byName("pytorch").read(config));

    assertEquals(List.of("[UnknownKey] scheduler.kwargs.schedulers[0].interval: unknown key 'interval'; expected one of: kwargs, type"),
        e.violations().stream().map(Violation::toString).toList());
  }

  static Stream<Arguments> epochCountsSteppedPerUpdate() {
    return Stream.of(
        warned(STEP_LR + ", \"epochs\": 90, \"updates_per_epoch\": 45",
            "[CountLooksLikeEpochs] scheduler.kwargs.step_size: step_size (30) is not more than the run's 90 epochs, but the scheduler is"
                + " stepped after every update, so it counts 30 updates of the run's 4050 (45 per epoch): the learning rate decays every 30"
                + " updates, 135 times in the run; if step_size counts epochs, add \"interval\": \"epoch\" at the top level of the config"),
        warned("\"scheduler\": {\"type\": \"CosineAnnealingLR\", \"kwargs\": {\"T_max\": 50}}, \"epochs\": 50, \"dataset_size\": 50000,"
                + " \"batch_size\": 128",
            "[CountLooksLikeEpochs] scheduler.kwargs.T_max: T_max (50) is not more than the run's 50 epochs, but the scheduler is stepped"
                + " after every update, so it counts 50 updates of the run's 19550 (391 per epoch): the cosine reaches eta_min after 50"
                + " updates and turns back, 391 half-periods in the run; if T_max counts epochs, add \"interval\": \"epoch\" at the top"
                + " level of the config",
            "[RisesPastEnd] scheduler.kwargs.T_max: past step 50 the CosineAnnealingLR cosine formula rises again (upstream behaviour);"
                + " stop training at the end or clamp with HOLD"),
        warned("\"scheduler\": {\"type\": \"MultiStepLR\", \"kwargs\": {\"milestones\": [30, 80, 60]}}, \"epochs\": 100,"
                + " \"updates_per_epoch\": 7",
            "[CountLooksLikeEpochs] scheduler.kwargs.milestones[1]: milestones[1] (80) is not more than the run's 100 epochs, but the"
                + " scheduler is stepped after every update, so it counts 80 updates of the run's 700 (7 per epoch): every decay comes"
                + " within the first 80 updates; if milestones[1] counts epochs, add \"interval\": \"epoch\" at the top level of the config",
            "[MilestonesUnsorted] scheduler.kwargs.milestones: milestones [30, 80, 60] are not in increasing order; PyTorch counts them"
                + " as a set, so they act as [30, 60, 80]"));
  }

  @ParameterizedTest
  @MethodSource("epochCountsSteppedPerUpdate")
  void aCountOfEpochsSteppedPerUpdateIsWarnedAbout(String topLevel, List<String> expected) {
    assertEquals(expected, warnings(read(topLevel)));
  }

  @Test
  void noWarningWhereTheCountIsLongerThanTheRunOrTheIntervalIsAnEpochOrAnEpochIsOneUpdate() {
    assertEquals(List.of(), warnings(read(STEP_LR + ", \"epochs\": 90, \"updates_per_epoch\": 45, \"interval\": \"epoch\"")));
    assertEquals(List.of(), warnings(read(STEP_LR + ", \"epochs\": 20, \"updates_per_epoch\": 45")));
    assertEquals(List.of(), warnings(read(STEP_LR + ", \"epochs\": 90, \"updates_per_epoch\": 1")));
    // A warm-up of a few updates is common and meant.
    assertEquals(List.of(), warnings(read("\"scheduler\": {\"type\": \"LinearLR\", \"kwargs\": {\"total_iters\": 5}},"
        + " \"epochs\": 90, \"updates_per_epoch\": 45")));
  }

  @Test
  void aStepFrequencyThatLightningWouldRestartEachEpochIsWarnedAbout() {
    Imported imported = read(STEP_LR + ", \"frequency\": 10, \"updates_per_epoch\": 45");

    assertEquals(List.of("[FrequencyCountsFromRunStart] frequency: the scheduler is stepped after every 10 updates counted from the start of"
        + " the run, as a loop that calls scheduler.step() every 10 updates does; Lightning counts frequency in loader batches from the start"
        + " of each epoch, which differs here: 45 updates per epoch are not a multiple of 10, so Lightning's count starts again after the 5"
        + " left over at the end of each epoch; give updates_per_epoch a multiple of frequency with accumulate_grad_batches 1 to match"
        + " Lightning, or leave it as it is for such a loop"), warnings(imported));
  }

  @Test
  void aPlanSteppedPerEpochIsWrittenWithItsIntervalAndReadsBackTheSame() {
    Imported imported = read(STEP_LR + ", \"interval\": \"epoch\", \"updates_per_epoch\": 45");

    String written = Formats.byName("pytorch").write(imported.plan());

    assertEquals("{\n"
        + "  \"optimizer\" : {\n    \"type\" : \"SGD\",\n    \"lr\" : 0.1\n  },\n"
        + "  \"scheduler\" : {\n    \"type\" : \"StepLR\",\n    \"kwargs\" : {\n      \"step_size\" : 30,\n      \"gamma\" : 0.1\n    }\n  },\n"
        + "  \"interval\" : \"epoch\",\n  \"updates_per_epoch\" : 45\n}\n", written);
    assertEquals(Arrays.stream(values(imported.plan().lr(), 2800)).boxed().toList(),
        Arrays.stream(values(Formats.byName("pytorch").read(written).plan().lr(), 2800)).boxed().toList());
  }

  @Test
  void channelsSteppedAtDifferentCadencesCannotBeOnePytorchConfig() {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    channels.put(Plan.LR, new Stepped(Sequence.of(new Constant(0.1), Phase.OPEN, AfterEnd.HOLD), Cadence.perEpoch(45)));
    channels.put(Plan.MOMENTUM, Sequence.of(new Constant(0.9), Phase.OPEN, AfterEnd.HOLD));
    Plan plan = new Plan(channels);

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Formats.byName("pytorch").write(plan));

    assertEquals(List.of("[Unsupported] channels.momentum: cannot be written as PyTorch: PyTorch steps one scheduler, so every channel, at one"
        + " cadence; this channel is stepped after every update but another per epoch of 45 updates"),
        e.violations().stream().map(Violation::toString).toList());
  }

  private static Arguments warned(String topLevel, String... expected) {
    return Arguments.of(topLevel, List.of(expected));
  }

  private static Arguments bad(String name, String topLevel, String... expected) {
    return Arguments.of(name, topLevel, List.of(expected));
  }

  @Test
  void epochsWithAnEpochLengthStateTheRunsLengthInUpdates() {
    // for epoch in range(60) around 45 updates each: the loop's 2,700 updates, whatever the cadence.
    assertEquals(java.util.OptionalLong.of(2700), read(STEP_LR + ", \"interval\": \"epoch\", \"updates_per_epoch\": 45, \"epochs\": 60").runLength());
    assertEquals(java.util.OptionalLong.of(2700), read(STEP_LR + ", \"updates_per_epoch\": 45, \"epochs\": 60").runLength());
    assertEquals(java.util.OptionalLong.empty(), read(STEP_LR + ", \"updates_per_epoch\": 45").runLength());
  }

  @Test
  void epochsWithoutAnEpochLengthAreNamedAsIgnored() {
    Imported imported = read(STEP_LR + ", \"epochs\": 60");

    assertEquals(java.util.OptionalLong.empty(), imported.runLength());
    assertEquals(List.of("[IgnoredSetting] epochs: ignored: the run's length in updates needs the updates per epoch: add updates_per_epoch, "
        + "or dataset_size and batch_size"),
        imported.warnings().stream().filter(v -> v.path().equals("epochs")).map(Violation::toString).toList());
  }

  @Test
  void aRunLengthPastALongIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> read(STEP_LR + ", \"updates_per_epoch\": 4611686018427387904, \"epochs\": 3"));

    assertEquals(List.of("[OutOfRange] epochs: epochs (3) must lie in [1, 1] with 4611686018427387904 updates per epoch (the run's updates must fit a 64-bit count)"),
        e.violations().stream().map(Violation::toString).toList());
  }
}
