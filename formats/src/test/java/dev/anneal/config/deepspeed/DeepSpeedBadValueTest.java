package dev.anneal.config.deepspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.Formats;
import dev.anneal.rules.InvalidScheduleException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parameter of every DeepSpeed scheduler, the scheduler block and the optimizer block, each
 * with a bad value: the whole message (code, JSON path, value, what is wrong and the fix), and
 * nothing else.
 */
class DeepSpeedBadValueTest {
  private static final String ADAMW = "{\"type\": \"AdamW\", \"params\": {\"lr\": 0.001, \"betas\": [0.9, 0.999]}}";

  /** A ds_config with an AdamW optimizer and the scheduler {@code type} with {@code params}. */
  static String config(String type, String params) {
    return "{\"train_batch_size\": 8, \"optimizer\": " + ADAMW + ", \"scheduler\": {\"type\": \"" + type + "\", \"params\": {" + params + "}}}";
  }

  private static final String ONE_CYCLE = "\"cycle_min_lr\": 0.0001, \"cycle_max_lr\": 0.001";
  private static final String WARMUP = "\"warmup_num_steps\": 100, \"warmup_type\": \"linear\"";
  private static final String DECAY = "\"total_num_steps\": 1000, \"warmup_num_steps\": 100, \"warmup_type\": \"linear\"";

  static Stream<Arguments> badValues() {
    return Stream.of(
        // ---- LRRangeTest
        bad(config("LRRangeTest", "\"lr_range_test_min_lr\": -0.001"),
            "[NegativeValue] scheduler.params.lr_range_test_min_lr: lr_range_test_min_lr (-0.001) must be at least 0"),
        bad(config("LRRangeTest", "\"lr_range_test_min_lr\": \"1e-3\""),
            "[WrongType] scheduler.params.lr_range_test_min_lr: expected a number, found the string \"1e-3\""),
        bad(config("LRRangeTest", "\"lr_range_test_step_size\": 0"),
            "[NonPositiveLength] scheduler.params.lr_range_test_step_size: lr_range_test_step_size (0) must be at least 1"),
        bad(config("LRRangeTest", "\"lr_range_test_step_size\": 10.5"),
            "[WrongType] scheduler.params.lr_range_test_step_size: expected an integer, found 10.5"),
        bad(config("LRRangeTest", "\"lr_range_test_staircase\": \"true\""),
            "[WrongType] scheduler.params.lr_range_test_staircase: expected true or false, found the string \"true\""),
        bad(config("LRRangeTest", "\"lr_range_test_step_size\": 1, \"lr_range_test_step_rate\": 1e300"),
            "[NonFiniteAtStep] scheduler.params: the value at step a late step would be Infinity; every value up to the declared end must"
                + " be finite"),
        // ---- OneCycle
        bad(config("OneCycle", "\"cycle_max_lr\": 0.001"),
            "[MissingKey] scheduler.params.cycle_min_lr: missing required key 'cycle_min_lr' (OneCycle has no default for it)"),
        bad(config("OneCycle", "\"cycle_min_lr\": -0.1, \"cycle_max_lr\": 0.001"),
            "[NegativeValue] scheduler.params.cycle_min_lr: cycle_min_lr (-0.1) must be at least 0"),
        bad(config("OneCycle", "\"cycle_min_lr\": 0.0001"),
            "[MissingKey] scheduler.params.cycle_max_lr: missing required key 'cycle_max_lr' (OneCycle has no default for it)"),
        bad(config("OneCycle", "\"cycle_min_lr\": 0.0001, \"cycle_max_lr\": NaN"),
            "[NonFiniteValue] scheduler.params.cycle_max_lr: cycle_max_lr (NaN) must be a finite number"),
        bad(config("OneCycle", ONE_CYCLE + ", \"decay_lr_rate\": -0.1"),
            "[NegativeValue] scheduler.params.decay_lr_rate: decay_lr_rate (-0.1) must be at least 0"),
        bad(config("OneCycle", ONE_CYCLE + ", \"cycle_first_step_size\": 0"),
            "[NonPositiveLength] scheduler.params.cycle_first_step_size: cycle_first_step_size (0) must be at least 1"),
        bad(config("OneCycle", ONE_CYCLE + ", \"cycle_second_step_size\": -5"),
            "[NegativeValue] scheduler.params.cycle_second_step_size: cycle_second_step_size (-5) must be at least 0"),
        bad(config("OneCycle", ONE_CYCLE + ", \"cycle_second_stair_count\": 2.5"),
            "[WrongType] scheduler.params.cycle_second_stair_count: expected an integer, found 2.5"),
        bad(config("OneCycle", ONE_CYCLE + ", \"decay_step_size\": -100"),
            "[NegativeValue] scheduler.params.decay_step_size: decay_step_size (-100) must be at least 0"),
        bad(config("OneCycle", ONE_CYCLE + ", \"cycle_momentum\": \"yes\""),
            "[WrongType] scheduler.params.cycle_momentum: expected true or false, found the string \"yes\""),
        bad(config("OneCycle", ONE_CYCLE + ", \"cycle_min_mom\": 1.2"),
            "[OutOfRange] scheduler.params.cycle_min_mom: cycle_min_mom (1.2) must lie in [0, 1) (Adam diverges with β1 >= 1)"),
        bad(config("OneCycle", ONE_CYCLE + ", \"cycle_max_mom\": 1.0"),
            "[OutOfRange] scheduler.params.cycle_max_mom: cycle_max_mom (1) must lie in [0, 1) (Adam diverges with β1 >= 1)"),
        bad(config("OneCycle", ONE_CYCLE + ", \"decay_mom_rate\": -0.01"),
            "[NegativeValue] scheduler.params.decay_mom_rate: decay_mom_rate (-0.01) must be at least 0"),
        bad("{\"scheduler\": {\"type\": \"OneCycle\", \"params\": {" + ONE_CYCLE + "}}}",
            "[MissingKey] optimizer: missing required key 'optimizer' (OneCycle cycles β1 only for an optimizer with betas: give the"
                + " optimizer block, or set cycle_momentum to false)"),
        // ---- WarmupLR
        bad(config("WarmupLR", WARMUP + ", \"warmup_min_lr\": -1e-5"),
            "[NegativeValue] scheduler.params.warmup_min_lr: warmup_min_lr (-1.0E-5) must be at least 0"),
        bad(config("WarmupLR", WARMUP + ", \"warmup_max_lr\": \"3e-4\""),
            "[WrongType] scheduler.params.warmup_max_lr: expected a number, found the string \"3e-4\""),
        bad("{\"scheduler\": {\"type\": \"WarmupLR\", \"params\": {" + WARMUP + "}}}",
            "[MissingKey] optimizer.params.lr: missing required key 'optimizer.params.lr' (WarmupLR warms up to the optimizer's lr when"
                + " warmup_max_lr is absent)"),
        bad(config("WarmupLR", "\"warmup_num_steps\": 0"),
            "[NonPositiveLength] scheduler.params.warmup_num_steps: warmup_num_steps (0) must be at least 1"),
        bad(config("WarmupLR", "\"warmup_num_steps\": 100.0, \"warmup_type\": \"linear\""),
            "[WrongType] scheduler.params.warmup_num_steps: expected an integer (DeepSpeed raises ValueError: warmup_num_steps must be a"
                + " positive integer), found 100.0"),
        // ---- WarmupDecayLR
        bad(config("WarmupDecayLR", WARMUP),
            "[MissingKey] scheduler.params.total_num_steps: missing required key 'total_num_steps' (WarmupDecayLR has no default for it)"),
        bad(config("WarmupDecayLR", WARMUP + ", \"total_num_steps\": 0"),
            "[NonPositiveLength] scheduler.params.total_num_steps: total_num_steps (0) must be at least 1"),
        bad(config("WarmupDecayLR", "\"total_num_steps\": 1000, \"warmup_num_steps\": 1.5"),
            "[WrongType] scheduler.params.warmup_num_steps: expected an integer (DeepSpeed raises ValueError: warmup_num_steps must be a"
                + " positive integer), found 1.5"),
        bad(config("WarmupDecayLR", "\"total_num_steps\": 1000, \"warmup_type\": 1"),
            "[WrongType] scheduler.params.warmup_type: expected a string, found 1"),
        bad(config("WarmupDecayLR", DECAY + ", \"warmup_max_lr\": -0.001"),
            "[NegativeValue] scheduler.params.warmup_max_lr: warmup_max_lr (-0.001) must be at least 0"),
        // ---- WarmupCosineLR
        bad(config("WarmupCosineLR", WARMUP),
            "[MissingKey] scheduler.params.total_num_steps: missing required key 'total_num_steps' (WarmupCosineLR has no default for it)"),
        bad(config("WarmupCosineLR", DECAY + ", \"cos_min_ratio\": -0.1"),
            "[NotImportable] scheduler.params.cos_min_ratio: cannot be imported from DeepSpeed: cos_min_ratio -0.1 below 0 makes"
                + " DeepSpeed clamp its cosine at 0 (max(0, …)) from the update where it crosses 0, which Anneal's cosine phase cannot"
                + " express; write 0, which gives the same curve until then and a decay to 0"),
        bad(config("WarmupCosineLR", "\"total_num_steps\": 1000, \"warmup_num_steps\": -3"),
            "[NonPositiveLength] scheduler.params.warmup_num_steps: warmup_num_steps (-3) must be at least 1"),
        bad("{\"optimizer\": {\"type\": \"AdamW\"}, \"scheduler\": {\"type\": \"WarmupCosineLR\", \"params\": {" + DECAY + "}}}",
            "[MissingKey] optimizer.params.lr: missing required key 'optimizer.params.lr' (WarmupCosineLR scales the optimizer's lr by its"
                + " ratios)"),
        // ---- keys every scheduler shares, and the scheduler block
        bad(config("WarmupLR", WARMUP + ", \"last_batch_iteration\": 100"),
            "[NotImportable] scheduler.params.last_batch_iteration: cannot be imported from DeepSpeed: last_batch_iteration 100 resumes the schedule mid-way (DeepSpeed then"
                + " leaves the optimizer's lr alone until the first step); Anneal reads a schedule from its start: remove it, and resume"
                + " from step 101 of the plan"),
        bad(config("WarmupLR", "\"warmup_num_step\": 100, \"warmup_type\": \"linear\""),
            "[UnknownKey] scheduler.params.warmup_num_step: unknown key 'warmup_num_step' for WarmupLR; did you mean `warmup_num_steps`?"
                + " (DeepSpeed fails on it with a TypeError)"),
        bad(config("WarmupLR", WARMUP + ", \"total_num_steps\": 1000"),
            "[UnknownKey] scheduler.params.total_num_steps: unknown key 'total_num_steps' for WarmupLR; it is a parameter of WarmupDecayLR"
                + " and WarmupCosineLR, not of WarmupLR (DeepSpeed fails on it with a TypeError)"),
        bad(config("WarmupCosine", DECAY),
            "[UnknownScheduler] scheduler.type: DeepSpeed does not recognize LR scheduler 'WarmupCosine' (its engine asserts the type is"
                + " one of its own or a torch.optim.lr_scheduler class); did you mean `WarmupCosineLR`?"),
        bad("{\"optimizer\": " + ADAMW + ", \"scheduler\": {\"type\": \"WarmupLR\", \"params\": {" + WARMUP + "}, \"param\": {}}}",
            "[UnknownKey] scheduler.param: unknown key 'param' in scheduler; did you mean `params`? (DeepSpeed reads only type and params,"
                + " so it would never apply)"),
        bad("{\"optimizer\": " + ADAMW + ", \"scheduler\": {\"type\": \"WarmupLR\"}}",
            "[MissingKey] scheduler.params: missing required key 'params'"),
        bad("{\"optimizer\": " + ADAMW + ", \"scheduler\": {\"type\": \"WarmupLR\", \"params\": []}}",
            "[WrongType] scheduler.params: expected an object, found a list"),
        bad("{\"optimizer\": " + ADAMW + ", \"scheduler\": \"WarmupLR\"}",
            "[WrongType] scheduler: expected an object, found the string \"WarmupLR\""),
        bad("{\"train_batch_size\": 8}",
            "[MissingKey] scheduler: missing required key 'scheduler' (and there is no optimizer.params.lr either: no learning rate to read)"),
        bad(config("WarmupOneCycle", ONE_CYCLE),
            "[UnknownScheduler] scheduler.type: DeepSpeed does not recognize LR scheduler 'WarmupOneCycle' (its engine asserts the type is"
                + " one of its own or a torch.optim.lr_scheduler class); the closest real type is OneCycle, whose first half already rises"
                + " from cycle_min_lr to cycle_max_lr; for a warm-up, then a one-cycle, then a decay, write the phases in Anneal JSON"
                + " (docs/parity/deepspeed.md, section Types DeepSpeed never had)"),
        // ---- torch.optim.lr_scheduler classes, which DeepSpeed's engine builds from torch
        bad(config("SequentialLR", "\"schedulers\": [], \"milestones\": []"),
            "[TorchSchedulerNotBuilt] scheduler.type: DeepSpeed builds torch.optim.lr_scheduler.SequentialLR(optimizer, **params), which"
                + " needs scheduler objects in schedulers; from a ds_config they are JSON objects, and the constructor fails on them"
                + " (AttributeError); build it in your code and pass lr_scheduler to deepspeed.initialize, or use the pytorch format"),
        bad(config("ReduceLROnPlateau", "\"patience\": 2"),
            "[TorchSchedulerNotBuilt] scheduler.type: DeepSpeed builds torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, **params), which"
                + " DeepSpeed's engine steps without the metric, catches the TypeError and passes train_batch_size() as the metric"
                + " instead, so the lr is cut every patience + 1 updates whatever the loss; Anneal does not import that: pass"
                + " lr_kwargs={'metrics': loss} to engine.step and read the scheduler with the pytorch format"),
        bad("{\"optimizer\": {\"type\": \"Lamb\", \"params\": {\"lr\": 0.001}}, \"scheduler\": {\"type\": \"StepLR\", \"params\":"
                + " {\"step_size\": 30}}}",
            "[NotImportable] optimizer.type: cannot be imported from DeepSpeed: Anneal builds torch's StepLR from a ds_config on Adam, AdamW"
                + " or SGD, not on Lamb; use one of those, or a DeepSpeed scheduler"),
        bad(config("StepLR", "\"step_size\": 30, \"gama\": 0.1"),
            "[UnknownKey] scheduler.params.gama: unknown key 'gama'; did you mean `gamma`?"),
        bad("{\"scheduler\": {\"type\": \"StepLR\", \"params\": {\"step_size\": 30}}}",
            "[MissingKey] optimizer: missing required key 'optimizer' (torch's StepLR is built on the optimizer DeepSpeed builds from it;"
                + " without the block the optimizer comes from your code, which Anneal cannot see)"),
        // ---- "auto", the transformers integration's placeholder
        bad("{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": \"auto\"}}, \"scheduler\": {\"type\": \"WarmupDecayLR\","
                + " \"params\": {\"total_num_steps\": \"auto\", \"warmup_max_lr\": \"auto\", \"cycle_min_lr\": \"auto\"}}}",
            "[AutoValue] optimizer.params.lr: lr is \"auto\", a placeholder the transformers Trainer replaces by"
                + " TrainingArguments.learning_rate; DeepSpeed itself fails on the string: write the value\n"
                + "[AutoValue] scheduler.params.total_num_steps: total_num_steps is \"auto\", a placeholder the transformers Trainer replaces"
                + " by the Trainer's number of updates (max_steps, or num_train_epochs × the updates per epoch); DeepSpeed itself fails on"
                + " the string: write the value\n"
                + "[AutoValue] scheduler.params.warmup_max_lr: warmup_max_lr is \"auto\", a placeholder the transformers Trainer replaces by"
                + " TrainingArguments.learning_rate; DeepSpeed itself fails on the string: write the value\n"
                + "[AutoValue] scheduler.params.cycle_min_lr: cycle_min_lr is \"auto\", a placeholder the transformers Trainer replaces only"
                + " for lr, betas, eps and weight_decay of the optimizer and warmup_min_lr, warmup_max_lr, warmup_num_steps and"
                + " total_num_steps of the scheduler, not for this key; DeepSpeed itself fails on the string: write the value"),
        bad(config("WarmupCosineLR", DECAY + ", \"warmup_min_ratio\": -0.5"),
            "[NotImportable] scheduler.params.warmup_min_ratio: cannot be imported from DeepSpeed: warmup_min_ratio -0.5 makes DeepSpeed"
                + " start the warm-up at a negative learning rate (it takes the ratio as it is), which steps up the loss and which Anneal's"
                + " plans refuse; write a ratio of at least 0"),
        // ---- the optimizer block
        bad("{\"optimizer\": {\"type\": \"AdamX\", \"params\": {\"lr\": 0.001}}, \"scheduler\": {\"type\": \"LRRangeTest\", \"params\": {}}}",
            "[UnknownType] optimizer.type: unknown optimizer type 'AdamX'; did you mean `Adam`? (DeepSpeed knows its own optimizers and"
                + " those of torch.optim)"),
        bad("{\"optimizer\": {\"params\": {\"lr\": 0.001}}, \"scheduler\": {\"type\": \"LRRangeTest\", \"params\": {}}}",
            "[MissingKey] optimizer.type: missing required key 'type'"),
        bad("{\"optimizer\": {\"type\": \"SGD\", \"params\": {\"lr\": -0.001}}, \"scheduler\": {\"type\": \"LRRangeTest\", \"params\": {}}}",
            "[OutOfRange] optimizer.params.lr: lr (-0.001) must lie in [0, ∞) (torch raises ValueError: Invalid learning rate)"),
        bad("{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.001, \"betas\": [0.9]}}, \"scheduler\": {\"type\": \"LRRangeTest\","
                + " \"params\": {}}}",
            "[WrongType] optimizer.params.betas: expected two numbers [β1, β2], found a list of 1"),
        bad("{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.001, \"betas\": [0.9, 1.0]}}, \"scheduler\": {\"type\":"
                + " \"LRRangeTest\", \"params\": {}}}",
            "[OutOfRange] optimizer.params.betas[1]: betas[1] (1) must lie in [0, 1) (torch raises ValueError: Invalid beta parameter)"),
        bad("{\"optimizer\": {\"type\": \"SGD\", \"params\": {\"lr\": 0.1, \"momentum\": -0.9}}, \"scheduler\": {\"type\": \"LRRangeTest\","
                + " \"params\": {}}}",
            "[OutOfRange] optimizer.params.momentum: momentum (-0.9) must lie in [0, ∞) (torch raises ValueError: Invalid momentum value)"),
        bad("{\"optimizer\": {\"type\": \"SGD\", \"params\": {\"lr\": 0.1, \"weight_decay\": -0.1}}, \"scheduler\": {\"type\":"
                + " \"LRRangeTest\", \"params\": {}}}",
            "[OutOfRange] optimizer.params.weight_decay: weight_decay (-0.1) must lie in [0, ∞) (torch raises ValueError: Invalid"
                + " weight_decay value)"),
        // ---- the file itself
        bad("{\"scheduler\": {\"type\": \"WarmupLR\",}}",
            "[InvalidJson] line 1, column 35: unexpected character ('}'): was expecting double-quote to start field name"),
        bad("[1, 2]", "[WrongType] expected a JSON object at the top, found a list"));
  }

  private static Arguments bad(String config, String expected) {
    return Arguments.of(expected.substring(1, expected.indexOf(' ')), config, expected);
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("badValues")
  void badValueIsReportedWithCodePathValueAndFix(String code, String config, String expected) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Formats.byName("deepspeed").read(config));

    assertEquals(expected, e.getMessage());
  }
}
