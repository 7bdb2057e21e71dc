package dev.anneal.config.transformers;

import static dev.anneal.config.KnownSetting.modelled;
import static dev.anneal.config.KnownSetting.noEffect;
import static dev.anneal.config.KnownSetting.refused;

import dev.anneal.config.KnownSetting;
import dev.anneal.config.KnownSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Every field of transformers' {@code TrainingArguments} (4.5x and 5, as {@code to_dict()} writes
 * them), in upstream's order, with what Anneal does with it: the scheduler fields are modelled, and
 * {@code num_train_epochs} with the data figures of {@link TrainerLaunch} (which also read the batch
 * fields; without those figures the batch fields are notes); {@code deepspeed} is refused where it
 * would decide the schedule; every other field is an {@code IgnoredSetting} note with the reason it
 * does not change the schedule. A key that is not a field of the version read is an {@code UnknownField} warning: a dump
 * saved by another version carries its own fields, and Trainer never reads any of them. The audit
 * page {@code docs/audit/transformers-arguments.md} is checked against the transformers 4 table.
 */
public final class TrainingArgumentsFields {
  static final String NUM_TRAIN_EPOCHS = "num_train_epochs";
  static final String DEEPSPEED = "deepspeed";

  private static final String OPTIMIZER = "an optimizer setting: the learning-rate schedule does not depend on it";
  private static final String TRAIN_OPTIMIZER =
      "read into the config's optimizer, which anneal train applies as upstream does (docs/train.md); the schedule does not depend on it";
  private static final String BATCH = "the batch size changes the samples per update, not the schedule, which counts optimizer updates";
  private static final String EVALUATION = "evaluation does not change the schedule";
  private static final String LOGGING = "logging does not change the schedule";
  private static final String SAVING = "checkpointing does not change the schedule";
  private static final String HUB = "pushing to the Hub does not change the schedule";
  private static final String DEVICE = "the device and the distributed setup do not change the schedule";
  private static final String DATA = "data loading does not change the schedule";
  private static final String PRECISION = "mixed precision does not change the schedule";
  private static final String OVERFLOW = "on a gradient overflow Trainer skips the update and the scheduler step together, so the curve"
      + " is the same, counted in applied updates";
  private static final String MODEL = "how the model runs does not change the schedule";
  private static final String RUN = "it does not change the schedule";
  private static final String EPOCHS = "where max_steps is not set, Trainer counts num_training_steps from the epochs and the data:"
      + " Anneal counts them alike from dataset_length and world_size, its keys for len(train_dataset) and the number of processes,"
      + " and refuses the epochs without them where the schedule needs the total; where max_steps is set it overrides the epochs (a note)";
  private static final String DEEPSPEED_WHY = "a DeepSpeed config whose scheduler block Trainer runs instead of lr_scheduler_type:"
      + " refused when the config given inline has one (read it with --format deepspeed), a note when it has none, a warning when it"
      + " is a file path";

  /** The table of transformers 4, in the order {@code TrainingArguments} declares its fields. */
  public static final KnownSettings TABLE = KnownSettings.of(table());

  /**
   * The table of transformers 5 ({@code training_args.py} on main at {@code 00349ae8}), in the order
   * {@code TrainingArguments} declares its fields: the fields regrouped, {@code warmup_steps} a float,
   * {@code warmup_ratio} deprecated, some fields removed (e.g. {@code overwrite_output_dir}, {@code
   * per_gpu_train_batch_size}, {@code evaluation_strategy}) and some added (e.g. {@code project},
   * {@code train_sampling_strategy}).
   */
  public static final KnownSettings V5_TABLE = KnownSettings.of(v5Table());

  private TrainingArgumentsFields() {}

  /** The table of {@code version}. */
  static KnownSettings of(TransformersVersion version) {
    return switch (version) {
      case V4 -> TABLE;
      case V5 -> V5_TABLE;
    };
  }

  private static List<KnownSetting> table() {
    List<KnownSetting> all = new ArrayList<>();
    none(all, RUN, "output_dir", "overwrite_output_dir", "do_train", "do_eval", "do_predict");
    none(all, EVALUATION, "eval_strategy", "prediction_loss_only");
    none(all, BATCH, "per_device_train_batch_size");
    none(all, EVALUATION, "per_device_eval_batch_size");
    none(all, BATCH, "per_gpu_train_batch_size");
    none(all, EVALUATION, "per_gpu_eval_batch_size");
    none(all, BATCH, "gradient_accumulation_steps");
    none(all, EVALUATION, "eval_accumulation_steps", "eval_delay");
    none(all, DEVICE, "torch_empty_cache_steps");
    all.add(modelled("learning_rate", "the peak learning rate every schedule function scales"));
    optimizer(all, "weight_decay", "adam_beta1", "adam_beta2", "adam_epsilon");
    none(all, "clipping scales the gradients, not the learning rate", "max_grad_norm");
    all.add(modelled(NUM_TRAIN_EPOCHS, EPOCHS));
    all.add(modelled(TrainingArgumentsReader.MAX_STEPS, "num_training_steps of the schedule function"));
    all.add(modelled(TrainingArgumentsReader.TYPE, "the schedule function get_scheduler calls"));
    all.add(modelled(TrainingArgumentsReader.KWARGS, "the schedule function's own keyword arguments"));
    all.add(modelled(TrainingArgumentsReader.WARMUP_RATIO, "num_warmup_steps = ceil(max_steps · warmup_ratio) when warmup_steps is 0"));
    all.add(modelled(TrainingArgumentsReader.WARMUP_STEPS, "num_warmup_steps"));
    none(all, LOGGING, "log_level", "log_level_replica", "log_on_each_node", "logging_dir", "logging_strategy", "logging_first_step",
        "logging_steps", "logging_nan_inf_filter");
    none(all, SAVING, "save_strategy", "save_steps", "save_total_limit", "save_safetensors", "save_on_each_node", "save_only_model",
        "restore_callback_states_from_checkpoint");
    none(all, DEVICE, "no_cuda", "use_cpu", "use_mps_device");
    none(all, "the random seed does not change the schedule", "seed", "data_seed");
    none(all, EVALUATION, "jit_mode_eval");
    none(all, MODEL, "use_ipex");
    none(all, PRECISION, "bf16");
    none(all, OVERFLOW, "fp16");
    none(all, PRECISION, "fp16_opt_level", "half_precision_backend");
    none(all, EVALUATION, "bf16_full_eval", "fp16_full_eval");
    none(all, PRECISION, "tf32");
    none(all, DEVICE, "local_rank", "ddp_backend", "tpu_num_cores");
    none(all, LOGGING, "tpu_metrics_debug", "debug");
    none(all, BATCH, "dataloader_drop_last");
    none(all, EVALUATION, "eval_steps");
    none(all, DATA, "dataloader_num_workers", "dataloader_prefetch_factor");
    none(all, MODEL, "past_index");
    none(all, LOGGING, "run_name", "disable_tqdm");
    none(all, DATA, "remove_unused_columns", "label_names");
    none(all, EVALUATION, "load_best_model_at_end", "metric_for_best_model", "greater_is_better");
    none(all, "skipping the data already seen on a resume does not change the schedule, which resumes at the checkpoint's step",
        "ignore_data_skip");
    none(all, DEVICE, "fsdp", "fsdp_min_num_params", "fsdp_config", "tp_size", "fsdp_transformer_layer_cls_to_wrap",
        "accelerator_config");
    all.add(refused(DEEPSPEED, DEEPSPEED_WHY));
    none(all, "label smoothing changes the loss, not the schedule", "label_smoothing_factor");
    optimizer(all, "optim");
    none(all, OPTIMIZER, "optim_args", "adafactor");
    none(all, DATA, "group_by_length", "length_column_name");
    none(all, LOGGING, "report_to");
    none(all, DEVICE, "ddp_find_unused_parameters", "ddp_bucket_cap_mb", "ddp_broadcast_buffers");
    none(all, DATA, "dataloader_pin_memory", "dataloader_persistent_workers");
    none(all, LOGGING, "skip_memory_metrics");
    none(all, EVALUATION, "use_legacy_prediction_loop");
    none(all, HUB, "push_to_hub");
    none(all, "Trainer does not read it (scripts pass it to train(), which resumes the scheduler at the checkpoint's step)",
        "resume_from_checkpoint");
    none(all, HUB, "hub_model_id", "hub_strategy", "hub_token", "hub_private_repo", "hub_always_push");
    none(all, MODEL, "gradient_checkpointing", "gradient_checkpointing_kwargs");
    none(all, EVALUATION, "include_inputs_for_metrics", "include_for_metrics", "eval_do_concat_batches");
    none(all, PRECISION, "fp16_backend");
    none(all, EVALUATION, "evaluation_strategy");
    none(all, HUB, "push_to_hub_model_id", "push_to_hub_organization", "push_to_hub_token");
    none(all, DEVICE, "mp_parameters");
    none(all, BATCH, "auto_find_batch_size");
    none(all, "the random seed does not change the schedule", "full_determinism");
    none(all, MODEL, "torchdynamo");
    none(all, RUN, "ray_scope");
    none(all, DEVICE, "ddp_timeout");
    none(all, MODEL, "torch_compile", "torch_compile_backend", "torch_compile_mode");
    none(all, BATCH, "dispatch_batches", "split_batches");
    none(all, LOGGING, "include_tokens_per_second", "include_num_input_tokens_seen");
    none(all, MODEL, "neftune_noise_alpha");
    none(all, OPTIMIZER, "optim_target_modules");
    none(all, EVALUATION, "batch_eval_metrics", "eval_on_start");
    none(all, MODEL, "use_liger_kernel");
    none(all, EVALUATION, "eval_use_gather_object");
    none(all, "averaging tokens across devices changes the loss, not the schedule", "average_tokens_across_devices");
    return all;
  }

  private static List<KnownSetting> v5Table() {
    List<KnownSetting> all = new ArrayList<>();
    none(all, RUN, "output_dir");
    none(all, BATCH, "per_device_train_batch_size");
    all.add(modelled(NUM_TRAIN_EPOCHS, EPOCHS));
    all.add(modelled(TrainingArgumentsReader.MAX_STEPS, "num_training_steps of the schedule function"));
    all.add(modelled("learning_rate", "the peak learning rate every schedule function scales"));
    all.add(modelled(TrainingArgumentsReader.TYPE, "the schedule function get_scheduler calls"));
    all.add(modelled(TrainingArgumentsReader.KWARGS, "the schedule function's own keyword arguments (an object, or a JSON string of one)"));
    all.add(modelled(TrainingArgumentsReader.WARMUP_STEPS,
        "num_warmup_steps: int(warmup_steps) from 1 on, ceil(max_steps · warmup_steps) below 1"));
    optimizer(all, "optim");
    none(all, OPTIMIZER, "optim_args");
    optimizer(all, "weight_decay", "adam_beta1", "adam_beta2", "adam_epsilon");
    none(all, OPTIMIZER, "optim_target_modules");
    none(all, BATCH, "gradient_accumulation_steps");
    none(all, "averaging tokens across devices changes the loss, not the schedule", "average_tokens_across_devices");
    none(all, "clipping scales the gradients, not the learning rate", "max_grad_norm");
    none(all, "label smoothing changes the loss, not the schedule", "label_smoothing_factor");
    none(all, PRECISION, "bf16");
    none(all, OVERFLOW, "fp16");
    none(all, EVALUATION, "bf16_full_eval", "fp16_full_eval");
    none(all, PRECISION, "tf32");
    none(all, MODEL, "gradient_checkpointing", "gradient_checkpointing_kwargs", "torch_compile", "torch_compile_backend",
        "torch_compile_mode", "use_liger_kernel", "liger_kernel_config", "use_cache", "neftune_noise_alpha");
    none(all, DEVICE, "torch_empty_cache_steps");
    none(all, BATCH, "auto_find_batch_size");
    none(all, LOGGING, "logging_strategy", "logging_steps", "logging_first_step", "log_on_each_node", "logging_nan_inf_filter",
        "include_num_input_tokens_seen", "log_level", "log_level_replica", "disable_tqdm", "report_to", "run_name", "project",
        "trackio_space_id");
    none(all, EVALUATION, "eval_strategy", "eval_steps", "eval_delay", "per_device_eval_batch_size", "prediction_loss_only",
        "eval_on_start", "eval_do_concat_batches", "eval_use_gather_object", "eval_accumulation_steps", "include_for_metrics",
        "batch_eval_metrics");
    none(all, SAVING, "save_only_model", "save_strategy", "save_steps", "save_on_each_node", "save_total_limit",
        "enable_jit_checkpoint");
    none(all, HUB, "push_to_hub", "hub_token", "hub_private_repo", "hub_model_id", "hub_strategy", "hub_always_push",
        "hub_revision");
    none(all, EVALUATION, "load_best_model_at_end", "metric_for_best_model", "greater_is_better");
    none(all, "skipping the data already seen on a resume does not change the schedule, which resumes at the checkpoint's step",
        "ignore_data_skip");
    none(all, SAVING, "restore_callback_states_from_checkpoint");
    none(all, "the random seed does not change the schedule", "full_determinism", "seed", "data_seed");
    none(all, DEVICE, "use_cpu", "accelerator_config", "parallelism_config");
    none(all, BATCH, "dataloader_drop_last");
    none(all, DATA, "dataloader_num_workers", "dataloader_pin_memory", "dataloader_persistent_workers", "dataloader_prefetch_factor",
        "remove_unused_columns", "label_names", "train_sampling_strategy", "length_column_name");
    none(all, DEVICE, "ddp_find_unused_parameters", "ddp_bucket_cap_mb", "ddp_broadcast_buffers", "ddp_backend", "ddp_timeout",
        "fsdp", "fsdp_config");
    all.add(refused(DEEPSPEED, DEEPSPEED_WHY));
    none(all, LOGGING, "debug", "skip_memory_metrics");
    none(all, RUN, "do_train", "do_eval", "do_predict");
    none(all, "Trainer does not read it (scripts pass it to train(), which resumes the scheduler at the checkpoint's step)",
        "resume_from_checkpoint");
    all.add(modelled(TrainingArgumentsReader.WARMUP_RATIO,
        "deprecated: when not null, __post_init__ copies it into warmup_steps, which it replaces"));
    none(all, LOGGING, "logging_dir");
    none(all, DEVICE, "local_rank");
    return all;
  }

  private static void optimizer(List<KnownSetting> all, String... keys) {
    for (String key : keys) {
      all.add(KnownSetting.optimizer(key, TRAIN_OPTIMIZER));
    }
  }

  private static void none(List<KnownSetting> all, String why, String... keys) {
    for (String key : keys) {
      all.add(noEffect(key, why));
    }
  }
}
