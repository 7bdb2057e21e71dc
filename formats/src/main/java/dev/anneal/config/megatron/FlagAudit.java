package dev.anneal.config.megatron;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Anneal does with every flag of the four Megatron-LM argument groups that can touch the
 * schedule ({@link UpstreamFlags#AUDITED_GROUPS}: learning rate and weight decay, regularization,
 * training, checkpointing), read from {@code megatron/training/arguments.py} at {@link
 * UpstreamFlags#COMMIT}. Each flag is {@linkplain Disposition#MODELLED modelled exactly}, {@linkplain
 * Disposition#REFUSED refused} with what Megatron would do, or {@linkplain Disposition#IGNORED
 * ignored} with the reason it does not change the schedule, reported as {@code [IgnoredSetting]}.
 * The page {@code docs/audit/megatron-flags.md} is this table; a test keeps the two equal and checks
 * that every flag of those groups is here.
 */
final class FlagAudit {
  /** What Anneal does with a flag. */
  enum Disposition {
    /** Read and reproduced exactly ({@link MegatronFlag}). */
    MODELLED,
    /** An error saying what Megatron would do. */
    REFUSED,
    /** Accepted; a note on standard error gives the reason it does not change the schedule. */
    IGNORED,
    /**
     * Read into the config's optimizer ({@link MegatronOptimizer}), which {@code anneal train} builds
     * as Megatron does; it does not change the schedule, and it is honoured, so no note is printed.
     */
    OPTIMIZER,
    /**
     * Read into the run geometry of a batch-size schedule ({@link MegatronGeometry}): honoured, so
     * no note, when {@code --step-batch-size-schedule} is given; without one it does not change the
     * schedule and is named in a note with this entry's reason.
     */
    GEOMETRY
  }

  /**
   * One flag's decision.
   *
   * @param flag the flag as written
   * @param disposition what Anneal does with it
   * @param reason why: for {@link Disposition#IGNORED}, the note's text after {@code ignored: }
   */
  record Entry(String flag, Disposition disposition, String reason) {}

  private static final String OPTIMIZER =
      "a setting of the optimizer's update rule; the scheduler gives every optimizer the same learning rate and weight decay";
  private static final String TRAIN_OPTIMIZER =
      "read into the config's optimizer, which anneal train builds as Megatron does (docs/train.md); the schedule does not depend on it";
  private static final String WHICH_PARAMETERS = "chooses which parameters get weight decay, not its value";
  private static final String SPEED = "a memory or speed setting; the schedule is the same";
  private static final String HEALTH = "a health check of the run; the schedule is the same";
  private static final String EXIT = "ends the run early; the values up to there are the same";
  private static final String RESUME_POLICY =
      "decides, only when resuming, whether these flags or the checkpoint's scheduler state win; the curve is the one these flags define"
          + " (anneal resume-check STATE CONFIG applies it to a checkpoint's state)";
  private static final String SAVE = "how and when checkpoints are written; the schedule is the same";
  private static final String LOAD =
      "decides what a run restores from a checkpoint (the scheduler's step among it); the curve is that of a run from iteration 0";

  private static final Map<String, Entry> TABLE = table();

  private FlagAudit() {}

  /** The decision on {@code flag}, if it is a flag of an audited group. */
  static Optional<Entry> of(String flag) {
    return Optional.ofNullable(TABLE.get(flag));
  }

  /** Every decision, in the order of the table (group by group). */
  static List<Entry> entries() {
    return List.copyOf(TABLE.values());
  }

  private static Map<String, Entry> table() {
    Map<String, Entry> t = new LinkedHashMap<>();
    // ---- learning rate and weight decay ----
    modelled(t, "--lr", "--min-lr", "--lr-decay-style", "--lr-wsd-decay-style", "--lr-decay-iters", "--lr-decay-samples",
        "--lr-wsd-decay-iters", "--lr-wsd-decay-samples", "--lr-warmup-fraction", "--lr-warmup-iters", "--lr-warmup-samples",
        "--lr-warmup-init", "--start-weight-decay", "--end-weight-decay", "--weight-decay-incr-style");
    refused(t, "Megatron asserts '--warmup argument is no longer valid'; use --lr-warmup-iters", "--warmup");
    ignored(t, RESUME_POLICY, "--override-opt_param-scheduler", "--override-opt-param-scheduler",
        "--use-checkpoint-opt_param-scheduler", "--use-checkpoint-opt-param-scheduler");
    ignored(t, "the embedding and output layers follow the same schedule with this peak instead of --lr; the curve is that of the other parameters",
        "--decoupled-lr");
    ignored(t, "the embedding and output layers follow the same schedule with this floor instead of --min-lr; the curve is that of the other parameters",
        "--decoupled-min-lr");
    ignored(t, "freezes the parameters; the scheduler still sets the same learning rate and weight decay", "--freeze-all-layers");
    // ---- regularization ----
    modelled(t, "--weight-decay");
    ignored(t, WHICH_PARAMETERS, "--apply-wd-to-qk-layernorm", "--no-weight-decay-cond-type");
    ignored(t, "clips the gradients, not the learning rate", "--clip-grad");
    optimizer(t, "--adam-beta1", "--adam-beta2", "--adam-eps", "--sgd-momentum");
    ignored(t, OPTIMIZER, "--muon-momentum", "--muon-no-split-qkv",
        "--muon-nesterov", "--muon-scale-mode", "--muon-fp32-matmul-prec", "--muon-coefficient-type", "--muon-num-ns-steps",
        "--muon-tp-mode", "--muon-use-syrk", "--muon-extra-scale-factor", "--muon-scalar-optimizer", "--lion-beta1", "--lion-beta2");
    // ---- training ----
    modelled(t, "--global-batch-size", "--train-iters", "--train-samples");
    geometry(t, "read into the run geometry: the global batch of each iteration, by which Megatron's scheduler advances",
        "--step-batch-size-schedule");
    refused(t, "Megatron skips those iterations without an update and without a scheduler step, so every later iteration"
        + " uses the learning rate of an earlier one; not modelled yet", "--iterations-to-skip");
    refused(t, "Megatron asserts '--batch-size argument is no longer valid'; use --micro-batch-size", "--batch-size");
    ignored(t, "deprecated at Megatron-LM " + UpstreamFlags.COMMIT + ", which parses it but never passes it to the batch-size"
        + " calculator and prints nothing about it: the global batch stays the same throughout, as the curve here has it",
        "--rampup-batch-size");
    geometry(t, "splits each global batch into micro-batches; the scheduler advances by the whole global batch", "--micro-batch-size");
    ignored(t, "changes the batch only when --global-batch-size is not a multiple of --micro-batch-size times the data-parallel"
        + " size, which a launch script does not say; the curve assumes it is", "--decrease-batch-size-if-needed");
    ignored(t, "skips the iterations listed in that file (no update and no scheduler step), which Anneal does not read;"
        + " the curve assumes none is listed", "--result-rejected-tracker-filename");
    ignored(t, SPEED, "--empty-unused-memory-level", "--train-sync-interval", "--manual-gc", "--manual-gc-interval", "--no-manual-gc-eval",
        "--disable-manual-gc-eval", "--recompute-activations", "--checkpoint-activations", "--tp-comm-overlap-cfg",
        "--no-masked-softmax-fusion", "--no-bias-gelu-fusion", "--no-bias-swiglu-fusion", "--no-bias-dropout-fusion", "--no-rope-fusion",
        "--use-flash-attn", "--optimizer-cpu-offload", "--optimizer-cuda-graph", "--optimizer-offload-fraction",
        "--use-torch-optimizer-for-cpu-offload", "--overlap-cpu-optimizer-d2h-h2d", "--no-pin-cpu-grads", "--no-pin-cpu-params",
        "--no-persist-layer-norm", "--no-gradient-accumulation-fusion");
    ignored(t, HEALTH, "--check-weight-hash-across-dp-replicas-interval", "--gpu-sniff-test-interval",
        "--no-check-for-nan-in-loss-and-grad", "--check-for-large-grads");
    ignored(t, EXIT, "--exit-interval", "--exit-duration-in-mins", "--exit-signal-handler", "--exit-signal",
        "--exit-signal-handler-for-dataloader", "--exit-signal-handler-for-training");
    optimizer(t, "--optimizer");
    ignored(t, "assigns parameters to the optimizer's groups; the curve is that of the default groups", "--dump-param-to-param-group-map");
    ignored(t, "a setting of the model, not of the schedule", "--rope-type");
    ignored(t, "how the data is read, not the schedule", "--dataloader-type");
    ignored(t, "deprecated; Megatron ignores it too", "--use-mcore-models");
    // ---- checkpointing ----
    ignored(t, SAVE, "--save", "--save-interval", "--persistent-save-interval", "--save-params-interval", "--save-activations-interval",
        "--save-tokens-per-expert-interval", "--save-wgrads-interval", "--save-dgrads-interval", "--save-retain-interval",
        "--non-persistent-save-interval", "--non-persistent-ckpt-type", "--non-persistent-global-ckpt-dir",
        "--non-persistent-local-ckpt-dir", "--non-persistent-local-ckpt-algo", "--ckpt-format", "--ckpt-convert-format",
        "--ckpt-convert-save", "--ckpt-convert-update-legacy-dist-opt-format", "--no-ckpt-fully-parallel-save", "--async-save",
        "--async-strategy", "--use-persistent-ckpt-worker", "--async-ckpt-cpu-priority", "--async-ckpt-io-priority",
        "--async-ckpt-use-cpu-shm", "--ckpt-fully-parallel-save-process-group", "--ckpt-assume-constant-structure",
        "--ckpt-pg-tensors-cache-path", "--ckpt-pg-tensors-cache-create", "--dist-ckpt-save-pre-mcore-014",
        "--dist-ckpt-optim-fully-reshardable", "--distrib-optim-fully-reshardable-mem-efficient", "--no-save-tokenizer-assets",
        "--disable-save-tokenizer-assets", "--replication", "--replication-jump", "--replication-factor", "--verify-integrity",
        "--no-save-optim", "--no-save-rng", "--use-dist-ckpt", "--dist-ckpt-format", "--dist-ckpt-workers", "--ckpt-fully-parallel-save",
        "--ckpt-drop-redundant-extra-state");
    ignored(t, LOAD, "--load", "--load-main-params-from-ckpt", "--finetune", "--pretrained-checkpoint", "--ckpt-step",
        "--exit-on-missing-checkpoint", "--auto-detect-ckpt-format", "--ckpt-fully-parallel-load", "--ckpt-fully-parallel-load-exchange-algo",
        "--ckpt-fully-parallel-load-per-rank-objects", "--ckpt-fully-parallel-load-process-group",
        "--no-ckpt-load-validate-sharding-integrity", "--disable-ckpt-load-validate-sharding-integrity", "--no-strict-fsdp-dtensor-load",
        "--disable-strict-fsdp-dtensor-load", "--dist-ckpt-strictness", "--no-load-optim", "--no-load-rng", "--override-ckpt-iteration");
    ignored(t, "reads the model's shape, parallelism and tokenizer from the checkpoint, no schedule flag", "--use-checkpoint-args",
        "--use-mp-args-from-checkpoint-args", "--no-use-tokenizer-model-from-checkpoint-args",
        "--disable-use-tokenizer-model-from-checkpoint-args");
    return Collections.unmodifiableMap(t);
  }

  private static void modelled(Map<String, Entry> table, String... flags) {
    for (String flag : flags) {
      add(table, new Entry(flag, Disposition.MODELLED, "reproduced exactly"));
    }
  }

  private static void refused(Map<String, Entry> table, String reason, String... flags) {
    for (String flag : flags) {
      add(table, new Entry(flag, Disposition.REFUSED, reason));
    }
  }

  private static void ignored(Map<String, Entry> table, String reason, String... flags) {
    for (String flag : flags) {
      add(table, new Entry(flag, Disposition.IGNORED, reason));
    }
  }

  private static void optimizer(Map<String, Entry> table, String... flags) {
    for (String flag : flags) {
      add(table, new Entry(flag, Disposition.OPTIMIZER, TRAIN_OPTIMIZER));
    }
  }

  private static void geometry(Map<String, Entry> table, String reason, String... flags) {
    for (String flag : flags) {
      add(table, new Entry(flag, Disposition.GEOMETRY, reason));
    }
  }

  private static void add(Map<String, Entry> table, Entry entry) {
    if (table.putIfAbsent(entry.flag(), entry) != null) {
      throw new IllegalStateException(entry.flag() + " is in the audit twice");
    }
  }
}
