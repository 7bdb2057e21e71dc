package dev.anneal.config.deepspeed;

import dev.anneal.config.UpstreamName;
import java.util.ArrayList;
import java.util.List;

/**
 * The five schedulers of DeepSpeed's {@code deepspeed/runtime/lr_schedules.py}, by the name a
 * ds_config gives as {@code scheduler.type}, with their constructor's keyword arguments in
 * constructor order ({@code scheduler.params} may hold exactly these).
 */
enum SchedulerType implements UpstreamName {
  LR_RANGE_TEST("LRRangeTest", "lr_range_test_min_lr", "lr_range_test_step_size", "lr_range_test_step_rate", "lr_range_test_staircase"),
  ONE_CYCLE("OneCycle", "cycle_min_lr", "cycle_max_lr", "decay_lr_rate", "cycle_first_step_size", "cycle_second_step_size",
      "cycle_first_stair_count", "cycle_second_stair_count", "decay_step_size", "cycle_momentum", "cycle_min_mom", "cycle_max_mom",
      "decay_mom_rate"),
  WARMUP_LR("WarmupLR", "warmup_min_lr", "warmup_max_lr", "warmup_num_steps", "warmup_type"),
  WARMUP_DECAY_LR("WarmupDecayLR", "total_num_steps", "warmup_min_lr", "warmup_max_lr", "warmup_num_steps", "warmup_type"),
  WARMUP_COSINE_LR("WarmupCosineLR", "total_num_steps", "warmup_min_ratio", "warmup_num_steps", "cos_min_ratio", "warmup_type");

  /** Every constructor takes it; Anneal accepts only its default, -1 (a schedule read from its start). */
  static final String LAST_BATCH_ITERATION = "last_batch_iteration";

  /**
   * Names of {@code torch.optim.lr_scheduler} classes, which DeepSpeed builds from torch when the
   * type is not one of its own.
   */
  static final List<String> TORCH_SCHEDULERS = List.of("LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
      "ExponentialLR", "SequentialLR", "CosineAnnealingLR", "ChainedScheduler", "ReduceLROnPlateau", "CyclicLR",
      "CosineAnnealingWarmRestarts", "OneCycleLR", "PolynomialLR");

  private final String typeName;
  private final List<String> parameters;

  SchedulerType(String typeName, String... parameters) {
    this.typeName = typeName;
    this.parameters = List.of(parameters);
  }

  /** The name as {@code scheduler.type} gives it, e.g. {@code WarmupLR}. */
  @Override
  public String upstreamName() {
    return typeName;
  }

  /** The keyword arguments, in constructor order, without {@link #LAST_BATCH_ITERATION}. */
  List<String> parameters() {
    return parameters;
  }

  /** The type named {@code name} exactly (DeepSpeed looks it up by attribute name), or {@code null}. */
  static SchedulerType byName(String name) {
    return UpstreamName.find(SchedulerType.class, name).orElse(null);
  }

  static List<String> typeNames() {
    return UpstreamName.names(SchedulerType.class);
  }

  /** The types other than this one that take {@code parameter}. */
  List<String> othersTaking(String parameter) {
    List<String> others = new ArrayList<>();
    for (SchedulerType type : values()) {
      if (type != this && type.parameters.contains(parameter)) {
        others.add(type.typeName);
      }
    }
    return others;
  }
}
