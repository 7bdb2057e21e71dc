package dev.anneal.config.deepspeed;

import static dev.anneal.config.KnownSetting.modelled;
import static dev.anneal.config.KnownSetting.noEffect;
import static dev.anneal.config.KnownSetting.optimizer;
import static dev.anneal.config.KnownSetting.refused;

import dev.anneal.config.KnownSetting;
import dev.anneal.config.KnownSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * What Anneal does with each key of a ds_config (DeepSpeed 0.16, {@code deepspeed/runtime/config.py}
 * and the optimizers it builds): the top-level sections, the keys of the {@code optimizer} block and
 * of its {@code params}, and the {@code params} of each scheduler type. The audit page {@code
 * docs/audit/deepspeed-keys.md} is checked against these tables.
 *
 * <p>DeepSpeed reads the top level key by key ({@code get_scalar_param}) and ignores any other key;
 * it passes the optimizer's {@code params} to the optimizer's constructor, which fails with a
 * {@code TypeError} on a keyword it does not take, and the scheduler's {@code params} to the
 * scheduler's constructor, likewise.
 */
public final class DeepSpeedKeys {
  private static final String BATCH = "the scheduler steps once per optimizer update, whatever the batch size";
  private static final String COMMUNICATION = "gradient communication does not change the schedule";
  private static final String MONITORING = "logging and monitoring do not change the schedule";
  private static final String PARALLELISM = "parallelism does not change the schedule";
  private static final String COMPRESSION = "compression does not change the schedule";
  private static final String OVERFLOW = "on a loss-scale overflow DeepSpeed skips the update and the scheduler step together,"
      + " so the curve is the same, counted in applied updates";

  /** The top-level sections of a ds_config, in the order of DeepSpeed's config reference. */
  public static final KnownSettings TOP_LEVEL = KnownSettings.of(List.of(
      modelled("optimizer", "its params.lr is the base the schedulers warm up to or scale; its type decides whether OneCycle cycles β1"),
      modelled("scheduler", "the schedule: type and params"),
      noEffect("train_batch_size", BATCH),
      noEffect("train_micro_batch_size_per_gpu", BATCH),
      noEffect("gradient_accumulation_steps", BATCH),
      noEffect("dataloader_drop_last", BATCH),
      noEffect("elasticity", "elastic training changes the batch size, not the schedule, which counts optimizer updates"),
      noEffect("fp16", OVERFLOW),
      noEffect("amp", OVERFLOW),
      noEffect("bf16", "bfloat16 training does not change the schedule"),
      noEffect("bfloat16", "bfloat16 training does not change the schedule"),
      noEffect("zero_optimization", "ZeRO partitioning does not change the schedule"),
      noEffect("zero_allow_untested_optimizer", "the optimizer DeepSpeed accepts under ZeRO does not change the schedule"),
      noEffect("zero_force_ds_cpu_optimizer", "the optimizer DeepSpeed accepts under ZeRO does not change the schedule"),
      noEffect("gradient_clipping", "clipping scales the gradients, not the learning rate"),
      noEffect("prescale_gradients", COMMUNICATION),
      noEffect("gradient_predivide_factor", COMMUNICATION),
      noEffect("sparse_gradients", COMMUNICATION),
      noEffect("communication_data_type", COMMUNICATION),
      noEffect("seq_parallel_communication_data_type", COMMUNICATION),
      noEffect("disable_allgather", COMMUNICATION),
      noEffect("steps_per_print", MONITORING),
      noEffect("wall_clock_breakdown", MONITORING),
      noEffect("memory_breakdown", MONITORING),
      noEffect("dump_state", MONITORING),
      noEffect("flops_profiler", MONITORING),
      noEffect("tensorboard", MONITORING),
      noEffect("wandb", MONITORING),
      noEffect("csv_monitor", MONITORING),
      noEffect("comet", MONITORING),
      noEffect("comms_logger", MONITORING),
      noEffect("timers", MONITORING),
      noEffect("activation_checkpointing", "activation checkpointing does not change the schedule"),
      noEffect("pipeline", PARALLELISM),
      noEffect("tensor_parallel", PARALLELISM),
      noEffect("use_data_before_expert_parallelism", PARALLELISM),
      noEffect("hybrid_engine", "the hybrid engine does not change the schedule"),
      noEffect("checkpoint", "checkpoint storage does not change the schedule"),
      noEffect("nebula", "checkpoint storage does not change the schedule"),
      noEffect("aio", "asynchronous I/O for offloading does not change the schedule"),
      noEffect("data_types", "data types do not change the schedule"),
      noEffect("sparse_attention", "attention sparsity does not change the schedule"),
      noEffect("progressive_layer_drop", "progressive layer drop schedules the layers kept, not the learning rate"),
      noEffect("curriculum_learning", "curriculum learning schedules the data, not the learning rate"),
      noEffect("data_efficiency", "data sampling and routing schedule the data, not the learning rate (DeepSpeed refuses random-LTD's"
          + " layer-token lr schedule itself)"),
      noEffect("compression_training", COMPRESSION),
      noEffect("quantize_training", COMPRESSION),
      noEffect("weight_quantization", COMPRESSION),
      noEffect("eigenvalue", "eigenvalue estimation does not change the schedule"),
      noEffect("autotuning", "autotuning tries batch sizes and ZeRO settings, not schedules"),
      noEffect("graph_harvesting", "CUDA graph capture does not change the schedule")));

  /** The keys of the {@code optimizer} block DeepSpeed reads ({@code get_optimizer_name}, {@code get_optimizer_params}, legacy fusion). */
  public static final KnownSettings OPTIMIZER_BLOCK = KnownSettings.of(List.of(
      modelled("type", "whether the optimizer has betas, so whether OneCycle cycles β1"),
      modelled("params", "the optimizer's keyword arguments (below)"),
      noEffect("legacy_fusion", "fused kernels do not change the schedule")));

  /** The keys of the {@code scheduler} block DeepSpeed reads ({@code get_scheduler_name}, {@code get_scheduler_params}). */
  public static final KnownSettings SCHEDULER_BLOCK = KnownSettings.of(List.of(
      modelled("type", "the scheduler class: one of DeepSpeed's five, or a torch.optim.lr_scheduler class, which DeepSpeed builds from torch"),
      modelled("params", "the scheduler's keyword arguments (below)")));

  private static final String OPTIMIZER = "an optimizer setting: the learning-rate schedule does not depend on it";
  private static final String KERNEL = "chooses how torch computes the optimizer's update, not the update; the schedule does not depend on it";
  private static final String TRAIN_OPTIMIZER =
      "read into the config's optimizer, which anneal train applies as upstream does (docs/train.md); the schedule does not depend on it";

  /**
   * The keyword arguments of every optimizer DeepSpeed builds (its own and those of {@code
   * torch.optim}), merged: a key here is known to at least one of them.
   */
  public static final KnownSettings OPTIMIZER_PARAMS = KnownSettings.of(List.of(
      modelled("lr", "the optimizer's learning rate: the peak of WarmupLR by default, the scale of WarmupCosineLR, the constant"
          + " without a scheduler"),
      optimizer("betas", TRAIN_OPTIMIZER),
      optimizer("momentum", TRAIN_OPTIMIZER),
      optimizer("weight_decay", TRAIN_OPTIMIZER),
      refused("lr_decay", "torch's Adagrad divides the learning rate by 1 + (t - 1) · lr_decay inside the optimizer, a decay the"
          + " ds_config's schedule does not show: Anneal refuses any value but 0"),
      optimizer("eps", TRAIN_OPTIMIZER),
      optimizer("bias_correction", TRAIN_OPTIMIZER),
      optimizer("amsgrad", TRAIN_OPTIMIZER),
      optimizer("adam_w_mode", TRAIN_OPTIMIZER),
      noEffect("adamw_mode", OPTIMIZER),
      optimizer("torch_adam", TRAIN_OPTIMIZER),
      noEffect("fp32_optimizer_states", OPTIMIZER),
      noEffect("set_grad_none", KERNEL),
      noEffect("eps_inside_sqrt", OPTIMIZER),
      noEffect("max_grad_norm", OPTIMIZER),
      noEffect("max_coeff", OPTIMIZER),
      noEffect("min_coeff", OPTIMIZER),
      noEffect("freeze_step", OPTIMIZER),
      noEffect("cuda_aware", OPTIMIZER),
      noEffect("comm_backend_name", OPTIMIZER),
      noEffect("var_freeze_step", OPTIMIZER),
      noEffect("var_update_scaler", OPTIMIZER),
      noEffect("local_step_scaler", OPTIMIZER),
      noEffect("local_step_clipper", OPTIMIZER),
      noEffect("coeff_beta", OPTIMIZER),
      noEffect("factor_max", OPTIMIZER),
      noEffect("factor_min", OPTIMIZER),
      noEffect("factor_threshold", OPTIMIZER),
      optimizer("dampening", TRAIN_OPTIMIZER),
      optimizer("nesterov", TRAIN_OPTIMIZER),
      noEffect("maximize", OPTIMIZER),
      noEffect("foreach", KERNEL),
      noEffect("capturable", KERNEL),
      noEffect("differentiable", KERNEL),
      noEffect("fused", KERNEL),
      noEffect("initial_accumulator_value", OPTIMIZER),
      noEffect("rho", OPTIMIZER),
      noEffect("alpha", OPTIMIZER),
      noEffect("centered", OPTIMIZER),
      noEffect("lambd", OPTIMIZER),
      noEffect("t0", OPTIMIZER),
      noEffect("etas", OPTIMIZER),
      noEffect("step_sizes", OPTIMIZER),
      noEffect("momentum_decay", OPTIMIZER),
      noEffect("decoupled_weight_decay", OPTIMIZER),
      noEffect("max_iter", OPTIMIZER),
      noEffect("max_eval", OPTIMIZER),
      noEffect("tolerance_grad", OPTIMIZER),
      noEffect("tolerance_change", OPTIMIZER),
      noEffect("history_size", OPTIMIZER),
      noEffect("line_search_fn", OPTIMIZER),
      noEffect("beta2_decay", OPTIMIZER),
      noEffect("d", OPTIMIZER),
      noEffect("ns_steps", OPTIMIZER),
      noEffect("impl", OPTIMIZER),
      noEffect("decoupled_wd", OPTIMIZER)));

  private DeepSpeedKeys() {}

  /**
   * The {@code params} of {@code type}: each a keyword argument of its constructor, all modelled;
   * {@code last_batch_iteration} is refused unless it is -1.
   */
  public static KnownSettings schedulerParams(String typeName) {
    SchedulerType type = SchedulerType.byName(typeName);
    if (type == null) {
      throw new IllegalArgumentException("no DeepSpeed scheduler type " + typeName);
    }
    List<KnownSetting> settings = new ArrayList<>();
    for (String parameter : type.parameters()) {
      settings.add(modelled(parameter, "a keyword argument of " + type.upstreamName() + ", as its constructor takes it"));
    }
    settings.add(refused(SchedulerType.LAST_BATCH_ITERATION,
        "resumes the schedule mid-way; Anneal reads a schedule from its start, so only -1 (the default) is accepted"));
    return KnownSettings.of(settings);
  }

  /** The scheduler type names, in DeepSpeed's order. */
  public static List<String> schedulerTypes() {
    return SchedulerType.typeNames();
  }
}
