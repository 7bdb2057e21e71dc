package dev.anneal.config.deepspeed;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every argument of DeepSpeed's {@code add_tuning_arguments} (deepspeed/runtime/lr_schedules.py),
 * with its argparse type and default, and which of {@code get_config_from_args}'s {@code
 * override_*_params} functions copies it into the scheduler's params. The defaults are the command
 * line's, which differ from the constructors' in places (step sizes of 1000, not 2000; {@code
 * cycle_momentum} off; {@code warmup_max_lr} 0.001, not the optimizer's lr).
 */
enum TuningArgument {
  LR_SCHEDULE("lr_schedule", Kind.STRING, null, Group.SCHEDULE),
  LR_RANGE_TEST_MIN_LR("lr_range_test_min_lr", Kind.FLOAT, 0.001, Group.RANGE_TEST),
  LR_RANGE_TEST_STEP_RATE("lr_range_test_step_rate", Kind.FLOAT, 1.0, Group.RANGE_TEST),
  LR_RANGE_TEST_STEP_SIZE("lr_range_test_step_size", Kind.INT, 1000L, Group.RANGE_TEST),
  LR_RANGE_TEST_STAIRCASE("lr_range_test_staircase", Kind.BOOL, false, Group.RANGE_TEST),
  CYCLE_FIRST_STEP_SIZE("cycle_first_step_size", Kind.INT, 1000L, Group.ONE_CYCLE),
  CYCLE_FIRST_STAIR_COUNT("cycle_first_stair_count", Kind.INT, -1L, Group.ONE_CYCLE),
  CYCLE_SECOND_STEP_SIZE("cycle_second_step_size", Kind.INT, -1L, Group.ONE_CYCLE),
  CYCLE_SECOND_STAIR_COUNT("cycle_second_stair_count", Kind.INT, -1L, Group.ONE_CYCLE),
  DECAY_STEP_SIZE("decay_step_size", Kind.INT, 1000L, Group.ONE_CYCLE),
  CYCLE_MIN_LR("cycle_min_lr", Kind.FLOAT, 0.01, Group.ONE_CYCLE),
  CYCLE_MAX_LR("cycle_max_lr", Kind.FLOAT, 0.1, Group.ONE_CYCLE),
  DECAY_LR_RATE("decay_lr_rate", Kind.FLOAT, 0.0, Group.ONE_CYCLE),
  CYCLE_MOMENTUM("cycle_momentum", Kind.STORE_TRUE, false, Group.NONE),
  CYCLE_MIN_MOM("cycle_min_mom", Kind.FLOAT, 0.8, Group.ONE_CYCLE),
  CYCLE_MAX_MOM("cycle_max_mom", Kind.FLOAT, 0.9, Group.ONE_CYCLE),
  DECAY_MOM_RATE("decay_mom_rate", Kind.FLOAT, 0.0, Group.ONE_CYCLE),
  WARMUP_MIN_LR("warmup_min_lr", Kind.FLOAT, 0.0, Group.WARMUP),
  WARMUP_MAX_LR("warmup_max_lr", Kind.FLOAT, 0.001, Group.WARMUP),
  WARMUP_NUM_STEPS("warmup_num_steps", Kind.INT, 1000L, Group.WARMUP),
  WARMUP_TYPE("warmup_type", Kind.STRING, "log", Group.WARMUP),
  WARMUP_MIN_RATIO("warmup_min_ratio", Kind.FLOAT, 0.01, Group.NONE),
  COS_MIN_RATIO("cos_min_ratio", Kind.FLOAT, 0.01, Group.NONE);

  /** How argparse converts the value. */
  enum Kind {
    /** {@code type=str}. */
    STRING,
    /** {@code type=float}: Python's {@code float()}. */
    FLOAT,
    /** {@code type=int}: Python's {@code int()}, which refuses {@code 1000.0} and {@code 1e3}. */
    INT,
    /** {@code type=bool}: Python's {@code bool()} of the string, True for every non-empty one ({@code False} included). */
    BOOL,
    /** {@code action='store_true'}: no value; present means True. */
    STORE_TRUE
  }

  /** Which function of {@code get_config_from_args} copies the argument into params. */
  enum Group {
    /** {@code --lr_schedule} itself: the type. */
    SCHEDULE,
    /** {@code override_lr_range_test_params}, for LRRangeTest. */
    RANGE_TEST,
    /** {@code override_1cycle_params}, for OneCycle (cycle_momentum is not among them). */
    ONE_CYCLE,
    /** {@code override_warmupLR_params}, for every other schedule. */
    WARMUP,
    /** Defined, never copied: {@code cycle_momentum}, {@code warmup_min_ratio}, {@code cos_min_ratio}. */
    NONE
  }

  private final String name;
  private final Kind kind;
  private final Object defaultValue;
  private final Group group;

  TuningArgument(String name, Kind kind, Object defaultValue, Group group) {
    this.name = name;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.group = group;
  }

  /** The name without dashes, which is also the scheduler's keyword argument. */
  String key() {
    return name;
  }

  /** The flag, {@code --name}. */
  String flag() {
    return "--" + name;
  }

  Kind kind() {
    return kind;
  }

  /** The command line's default: a Double, Long, Boolean, String, or {@code null}. */
  Object defaultValue() {
    return defaultValue;
  }

  Group group() {
    return group;
  }

  static Optional<TuningArgument> byFlag(String flag) {
    return Arrays.stream(values()).filter(argument -> argument.flag().equals(flag)).findFirst();
  }

  /** The arguments whose flag starts with {@code prefix}: argparse accepts a unique prefix of a flag. */
  static List<TuningArgument> byPrefix(String prefix) {
    return Arrays.stream(values()).filter(argument -> argument.flag().startsWith(prefix)).toList();
  }

  static List<String> flags() {
    return Arrays.stream(values()).map(TuningArgument::flag).toList();
  }
}
