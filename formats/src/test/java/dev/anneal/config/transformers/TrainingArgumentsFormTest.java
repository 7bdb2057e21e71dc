package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.Configs.assertWarnings;
import static dev.anneal.config.transformers.Configs.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Schedule;
import org.junit.jupiter.api.Test;

/** The TrainingArguments form: what Trainer hands get_scheduler, and what get_scheduler drops. */
class TrainingArgumentsFormTest {
  private static final String FIRST_UPDATE_AT_ZERO =
      "[FirstUpdateAtZero] warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts at 0); it changes nothing";

  @Test
  void warmupStepsAndMaxStepsAreGetSchedulersWarmupAndTrainingSteps() {
    GoldenCase golden = GoldenCase.named("transformers", "linear-warmup"); // W 100, T 1000, lr 2e-5
    Imported imported = assertWarnings(
        "{'learning_rate': 2e-05, 'lr_scheduler_type': 'linear', 'warmup_steps': 100, 'max_steps': 1000}",
        FIRST_UPDATE_AT_ZERO);

    GoldenAssert.assertCurve("linear", golden.lr(), imported.plan().lr().values(0, golden.steps()));
  }

  @Test
  void lrSchedulerTypeDefaultsToLinearAsInTrainingArguments() {
    GoldenCase golden = GoldenCase.named("transformers", "linear-warmup");
    Imported imported = read("{'learning_rate': 2e-05, 'warmup_steps': 100, 'max_steps': 1000}");

    GoldenAssert.assertCurve("default type", golden.lr(), imported.plan().lr().values(0, golden.steps()));
  }

  @Test
  void warmupRatioIsCeilOfMaxStepsTimesRatio() {
    GoldenCase golden = GoldenCase.named("transformers", "linear-warmup"); // ceil(1000 * 0.1) = 100
    Imported imported = read("{'learning_rate': 2e-05, 'lr_scheduler_type': 'linear', 'warmup_ratio': 0.1, 'max_steps': 1000}");
    GoldenAssert.assertCurve("ratio", golden.lr(), imported.plan().lr().values(0, golden.steps()));

    // 1001 * 0.1 = 100.10000000000001 in doubles: ceil gives 101 warm-up steps, the peak at step 101.
    Schedule lr = read("{'learning_rate': 1.0, 'lr_scheduler_type': 'constant_with_warmup', 'warmup_ratio': 0.1, 'max_steps': 1001}")
        .plan().lr();
    assertEquals(100.0 / 101, lr.valueAt(100));
    assertEquals(1.0, lr.valueAt(101));
  }

  @Test
  void warmupStepsWinOverWarmupRatioWithAWarning() {
    Imported imported = assertWarnings(
        "{'transformers_version': '4', 'learning_rate': 1.0, 'lr_scheduler_type': 'linear', 'warmup_steps': 10, 'warmup_ratio': 0.5, 'max_steps': 100}",
        "[WarmupRatioOverridden] warmup_ratio: warmup_ratio (0.5) has no effect: warmup_steps (10) is greater than 0 and"
            + " overrides it (TrainingArguments.get_warmup_steps)",
        FIRST_UPDATE_AT_ZERO);
    assertEquals(1.0, imported.plan().lr().valueAt(10));
    assertEquals(0.5, imported.plan().lr().valueAt(55));
  }

  @Test
  void constantGetsNoArgumentAtAll() {
    Imported imported = assertWarnings(
        "{'learning_rate': 3e-4, 'lr_scheduler_type': 'constant', 'warmup_steps': 500, 'max_steps': 1000,"
            + " 'lr_scheduler_kwargs': {'num_cycles': 2, 'no_such_argument': true}}",
        "[IgnoredArgument] warmup_steps: warmup_steps (500) is ignored by the 'constant' schedule (get_scheduler calls"
            + " get_constant_schedule with the optimizer alone); remove it or pick a type that uses it",
        "[IgnoredArgument] max_steps: max_steps (1000) is ignored by the 'constant' schedule (get_scheduler calls"
            + " get_constant_schedule with the optimizer alone); remove it or pick a type that uses it",
        "[IgnoredArgument] lr_scheduler_kwargs.num_cycles: num_cycles (2) is ignored by the 'constant' schedule (get_scheduler"
            + " calls get_constant_schedule with the optimizer alone); remove it or pick a type that uses it",
        "[IgnoredArgument] lr_scheduler_kwargs.no_such_argument: no_such_argument (true) is ignored by the 'constant' schedule"
            + " (get_scheduler calls get_constant_schedule with the optimizer alone); remove it or pick a type that uses it");
    assertEquals(3e-4, imported.plan().lr().valueAt(0), "no warm-up: upstream never saw warmup_steps");
    assertEquals(3e-4, imported.plan().lr().valueAt(1_000_000));
  }

  @Test
  void constantWithWarmupAndInverseSqrtGetOnlyTheWarmup() {
    assertWarnings(
        "{'learning_rate': 1.0, 'lr_scheduler_type': 'constant_with_warmup', 'warmup_steps': 4, 'max_steps': 100,"
            + " 'lr_scheduler_kwargs': {'num_cycles': 2}}",
        "[IgnoredArgument] max_steps: max_steps (100) is ignored by the 'constant_with_warmup' schedule (get_scheduler passes"
            + " only num_warmup_steps to get_constant_schedule_with_warmup); remove it or pick a type that uses it",
        "[IgnoredArgument] lr_scheduler_kwargs.num_cycles: num_cycles (2) is ignored by the 'constant_with_warmup' schedule"
            + " (get_scheduler passes only num_warmup_steps to get_constant_schedule_with_warmup); remove it or pick a type"
            + " that uses it",
        FIRST_UPDATE_AT_ZERO);

    Imported inverseSqrt = assertWarnings(
        "{'transformers_version': '4', 'learning_rate': 1.0, 'lr_scheduler_type': 'inverse_sqrt', 'warmup_steps': 100,"
            + " 'lr_scheduler_kwargs': {'timescale': 25}}",
        "[IgnoredArgument] lr_scheduler_kwargs.timescale: timescale (25) is ignored by the 'inverse_sqrt' schedule"
            + " (get_scheduler passes only num_warmup_steps to get_inverse_sqrt_schedule); remove it or pick a type that"
            + " uses it",
        FIRST_UPDATE_AT_ZERO);
    // The timescale stays num_warmup_steps = 100: 1 / sqrt((300 + 100 - 100) / 100) = 1 / sqrt(4).
    assertEquals(0.5, inverseSqrt.plan().lr().valueAt(400));
  }

  @Test
  void theTimescaleReachesTheFunctionWhenCalledDirectly() {
    Schedule lr = read("{'learning_rate': 1.0, 'function': 'get_inverse_sqrt_schedule',"
        + " 'kwargs': {'num_warmup_steps': 100, 'timescale': 25}}").plan().lr();
    // 1 / sqrt((step + 25 - 100) / 25) at step 175: 1 / sqrt(4).
    assertEquals(0.5, lr.valueAt(175));
  }

  @Test
  void wsdTakesMaxStepsAsNumTrainingSteps() {
    GoldenCase golden = GoldenCase.named("transformers", "wsd-linear-warmup-cosine-decay");
    Imported imported = read("{'learning_rate': 3e-4, 'lr_scheduler_type': 'warmup_stable_decay', 'warmup_steps': 100,"
        + " 'max_steps': 1000, 'lr_scheduler_kwargs': {'num_decay_steps': 300, 'min_lr_ratio': 0.1}}");
    GoldenAssert.assertCurve("wsd", golden.lr(), imported.plan().lr().values(0, golden.steps()));
  }

  @Test
  void wsdWithStableStepsIgnoresMaxStepsAsUpstreamWarns() {
    Imported imported = assertWarnings(
        "{'learning_rate': 1.0, 'lr_scheduler_type': 'warmup_stable_decay', 'max_steps': 1000,"
            + " 'lr_scheduler_kwargs': {'num_stable_steps': 10, 'num_decay_steps': 10, 'decay_type': 'linear', 'min_lr_ratio': 0.5}}",
        "[StableStepsOverrideTotal] max_steps: max_steps (1000) has no effect: num_stable_steps (10) is given and wins (upstream"
            + " warns too); the minimum is held from step 20 on");
    assertEquals(1.0, imported.plan().lr().valueAt(9));
    assertEquals(0.75, imported.plan().lr().valueAt(15));
    assertEquals(0.5, imported.plan().lr().valueAt(20));
    assertEquals(0.5, imported.plan().lr().valueAt(999));
  }

  @Test
  void getSchedulerCanBeCalledDirectly() {
    GoldenCase golden = GoldenCase.named("transformers", "cosine-hard-restarts-3");
    Imported imported = read("{'learning_rate': 1e-4, 'function': 'get_scheduler', 'kwargs': {'name': 'cosine_with_restarts',"
        + " 'num_warmup_steps': 100, 'num_training_steps': 1500, 'scheduler_specific_kwargs': {'num_cycles': 3}}}");
    GoldenAssert.assertCurve("get_scheduler", golden.lr(), imported.plan().lr().values(0, golden.steps()));

    assertWarnings(
        "{'learning_rate': 1.0, 'function': 'get_scheduler', 'kwargs': {'name': 'constant', 'num_warmup_steps': 5}}",
        "[IgnoredArgument] kwargs.num_warmup_steps: num_warmup_steps (5) is ignored by the 'constant' schedule (get_scheduler"
            + " calls get_constant_schedule with the optimizer alone); remove it or pick a type that uses it");
  }

  @Test
  void cosinesWarnThatTheyRiseAgainPastMaxSteps() {
    Imported imported = assertWarnings(
        "{'learning_rate': 1.0, 'lr_scheduler_type': 'cosine', 'max_steps': 4}",
        "[RisesPastEnd] max_steps: past step 4 the cosine formula rises again (upstream behaviour); stop training at the end"
            + " or clamp with HOLD");
    assertEquals(0.0, imported.plan().lr().valueAt(4));
    assertEquals(0.5, imported.plan().lr().valueAt(6), 1e-15, "0.5 * (1 + cos(pi * 6/4))");
    assertEquals(1.0, imported.plan().lr().valueAt(8), "0.5 * (1 + cos(2 pi))");
    Violation rises = imported.warnings().get(0);
    assertEquals(ConfigCode.RISES_PAST_END, rises.code());
    assertEquals(4L, rises.value());
  }
}
