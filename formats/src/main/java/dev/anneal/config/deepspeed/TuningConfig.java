package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.Problems;
import dev.anneal.rules.Values;

/**
 * The scheduler block {@code get_config_from_args} (deepspeed/runtime/lr_schedules.py) builds from
 * the tuning arguments: {@code type} is {@code --lr_schedule}; {@code params} holds what the type's
 * {@code override_*_params} copies, every such argument included, given or not. A default of the
 * command line that equals the constructor's is left out of the block (the {@code deepspeed}
 * reader then reports it as it reports an absent key); one that differs is written, with a warning
 * where it changes the curve. Arguments the chosen type's function does not copy are named as
 * ignored.
 */
final class TuningConfig {
  private TuningConfig() {}

  /** The scheduler block, or {@code null} after reporting why {@code get_config_from_args} builds none or the constructor fails. */
  static ObjectNode of(TuningCommandLine line, Problems problems) {
    if (!line.has(TuningArgument.LR_SCHEDULE)) {
      problems.add(ConfigCode.missingKey(TuningArgument.LR_SCHEDULE.flag(), "--lr_schedule (get_config_from_args returns no scheduler:"
          + " '--lr_schedule not specified on command line')"));
      return null;
    }
    String type = (String) line.value(TuningArgument.LR_SCHEDULE);
    String typePath = line.path(TuningArgument.LR_SCHEDULE);
    SchedulerType known = SchedulerType.byName(type);
    if (known == null) {
      problems.add(DeepSpeedCode.unknownScheduler(typePath, type, "; get_config_from_args returns no scheduler ('" + type
          + " is not supported LR schedule')" + DidYouMean.hint(type, SchedulerType.typeNames())));
      return null;
    }
    TuningArgument.Group group = switch (known) {
      case LR_RANGE_TEST -> TuningArgument.Group.RANGE_TEST;
      case ONE_CYCLE -> TuningArgument.Group.ONE_CYCLE;
      default -> TuningArgument.Group.WARMUP;
    };
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    switch (known) {
      case LR_RANGE_TEST -> rangeTest(line, params, problems);
      case ONE_CYCLE -> oneCycle(line, params, problems);
      case WARMUP_LR -> warmup(line, params, problems);
      case WARMUP_DECAY_LR -> problems.add(ConfigCode.notImportable(typePath, type, "DeepSpeed", "get_config_from_args gives"
          + " WarmupDecayLR only the warm-up arguments, and its constructor fails without total_num_steps (TypeError: missing a"
          + " required positional argument); write the scheduler in a ds_config with --format deepspeed"));
      case WARMUP_COSINE_LR -> problems.add(ConfigCode.notImportable(typePath, type, "DeepSpeed", "get_config_from_args gives"
          + " WarmupCosineLR warmup_min_lr and warmup_max_lr, which its constructor does not take (TypeError: unexpected keyword"
          + " argument), and never passes --warmup_min_ratio or --cos_min_ratio; write the scheduler in a ds_config with --format"
          + " deepspeed"));
    }
    for (TuningArgument argument : line.givenArguments()) {
      if (argument.group() != group && argument.group() != TuningArgument.Group.SCHEDULE) {
        problems.add(ConfigCode.ignoredArgument(line.path(argument), line.value(argument), argument.flag(), argument.group()
            == TuningArgument.Group.NONE ? "get_config_from_args, which never copies it into a scheduler" : "--lr_schedule " + type));
      }
    }
    ObjectNode scheduler = JsonNodeFactory.instance.objectNode();
    scheduler.put("type", type);
    scheduler.set("params", params);
    return scheduler;
  }

  private static void rangeTest(TuningCommandLine line, ObjectNode params, Problems problems) {
    copy(line, params, TuningArgument.LR_RANGE_TEST_MIN_LR, TuningArgument.LR_RANGE_TEST_STEP_RATE, TuningArgument.LR_RANGE_TEST_STAIRCASE);
    differing(line, params, problems, TuningArgument.LR_RANGE_TEST_STEP_SIZE, "LRRangeTest's own default is 2000 updates per step");
  }

  private static void oneCycle(TuningCommandLine line, ObjectNode params, Problems problems) {
    differing(line, params, problems, TuningArgument.CYCLE_MIN_LR, "a ds_config's OneCycle requires it");
    differing(line, params, problems, TuningArgument.CYCLE_MAX_LR, "a ds_config's OneCycle requires it");
    differing(line, params, problems, TuningArgument.CYCLE_FIRST_STEP_SIZE, "OneCycle's own default is 2000");
    if (!line.writes(TuningArgument.CYCLE_SECOND_STEP_SIZE)) {
      problems.add(ConfigCode.missingKey(TuningArgument.CYCLE_SECOND_STEP_SIZE.flag(), "--cycle_second_step_size (its command-line default"
          + " is -1, and OneCycle raises ValueError: cycle_second_step_size must be non-negative, got -1.0)"));
    } else {
      copy(line, params, TuningArgument.CYCLE_SECOND_STEP_SIZE);
    }
    copy(line, params, TuningArgument.CYCLE_FIRST_STAIR_COUNT, TuningArgument.DECAY_LR_RATE);
    if (!line.has(TuningArgument.CYCLE_SECOND_STAIR_COUNT) && line.has(TuningArgument.CYCLE_FIRST_STAIR_COUNT)
        && (Long) line.value(TuningArgument.CYCLE_FIRST_STAIR_COUNT) > 0) {
      // The constructor would copy the first stair count; the command line passes -1 (no stairs) instead.
      differing(line, params, problems, TuningArgument.CYCLE_SECOND_STAIR_COUNT, "a ds_config's OneCycle uses the first stair count: the"
          + " second half has no stairs");
    } else {
      copy(line, params, TuningArgument.CYCLE_SECOND_STAIR_COUNT);
    }
    boolean decays = nonZero(line, TuningArgument.DECAY_LR_RATE);
    if (decays) {
      differing(line, params, problems, TuningArgument.DECAY_STEP_SIZE, "OneCycle's own default is 0, no decay");
    } else {
      copy(line, params, TuningArgument.DECAY_STEP_SIZE);
    }
    // override_1cycle_params never copies --cycle_momentum: OneCycle keeps its own default, true, and cycles β1 if the
    // optimizer has betas. The optimizer is the training script's: the plan holds the lr, which does not depend on it.
    params.put("cycle_momentum", false);
    problems.add(DeepSpeedCode.momentumUnknownFromArgs(line.path(TuningArgument.LR_SCHEDULE),
        ((Number) line.value(TuningArgument.CYCLE_MAX_MOM)).doubleValue(), ((Number) line.value(TuningArgument.CYCLE_MIN_MOM)).doubleValue()));
  }

  private static void warmup(TuningCommandLine line, ObjectNode params, Problems problems) {
    copy(line, params, TuningArgument.WARMUP_MIN_LR, TuningArgument.WARMUP_NUM_STEPS, TuningArgument.WARMUP_TYPE);
    differing(line, params, problems, TuningArgument.WARMUP_MAX_LR, "WarmupLR's own default is the optimizer's lr");
  }

  private static boolean nonZero(TuningCommandLine line, TuningArgument argument) {
    return line.has(argument) && ((Number) line.value(argument)).doubleValue() != 0;
  }

  /** Writes each argument that is given; an absent one has the constructor's own default, which the reader applies. */
  private static void copy(TuningCommandLine line, ObjectNode params, TuningArgument... arguments) {
    for (TuningArgument argument : arguments) {
      if (line.has(argument)) {
        put(params, argument, line.value(argument));
      }
    }
  }

  /** Writes the argument, given or not; absent, its command-line default differs from the constructor's: a warning says so. */
  private static void differing(TuningCommandLine line, ObjectNode params, Problems problems, TuningArgument argument, String why) {
    if (!line.writes(argument)) {
      problems.add(DeepSpeedCode.argsDefaultDiffers(argument.flag(), argument.flag(), shown(argument.defaultValue()), why));
    }
    put(params, argument, line.value(argument));
  }

  private static String shown(Object value) {
    return value instanceof String text ? text : Values.show(value);
  }

  private static void put(ObjectNode params, TuningArgument argument, Object value) {
    if (value instanceof Double number) {
      params.put(argument.key(), number);
    } else if (value instanceof Long number) {
      params.put(argument.key(), number);
    } else if (value instanceof Boolean flag) {
      params.put(argument.key(), flag);
    } else {
      params.put(argument.key(), (String) value);
    }
  }
}
