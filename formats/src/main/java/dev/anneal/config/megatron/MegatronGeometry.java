package dev.anneal.config.megatron;

import dev.anneal.config.Problems;
import dev.anneal.geometry.BatchSteps;
import dev.anneal.geometry.ConstantBatch;
import dev.anneal.geometry.MegatronBatchSteps;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Consumption;
import java.util.List;
import java.util.Optional;

/**
 * The run geometry of a launch with {@code --step-batch-size-schedule}, as Megatron-LM d98e8a6
 * builds it: the schedule read by {@code StepBatchsizeNumMicroBatchesCalculator} with its
 * thresholds in tokens over {@code --seq-length} (megatron/training always passes one), the
 * data-parallel size {@code world_size // (TP × PP × CP)} with the world size read from the
 * launcher ({@code torchrun --nproc_per_node N --nnodes M}), and the global batch Megatron falls
 * back to, {@code --micro-batch-size × data-parallel size}, by which it scales every {@code *-iters}
 * flag. Entries are checked as Megatron checks them: the parse and the order at start-up; the
 * first batch against micro-batch × data-parallel size before training; a later batch only at the
 * iteration that reaches it ({@link #checkReached}).
 *
 * @param flag where the schedule flag is written, for messages
 * @param written the schedule as written
 * @param steps the schedule in samples, sorted
 * @param microBatch {@code --micro-batch-size}
 * @param dataParallel the data-parallel size
 * @param sequenceLength {@code --seq-length} (or {@code --encoder-seq-length})
 * @param consumption the samples consumed before every iteration
 */
record MegatronGeometry(
    String flag, String written, BatchSteps steps, long microBatch, long dataParallel, long sequenceLength, Consumption consumption) {

  static final String SCHEDULE = "--step-batch-size-schedule";
  static final String MICRO_BATCH = "--micro-batch-size";
  static final String SEQ_LENGTH = "--seq-length";
  static final String ENCODER_SEQ_LENGTH = "--encoder-seq-length";
  static final String DECREASE = "--decrease-batch-size-if-needed";
  static final List<String> PARALLEL = List.of("--tensor-model-parallel-size", "--pipeline-model-parallel-size", "--context-parallel-size");
  /** torchrun's flags for the processes per node (either spelling) and the nodes. */
  static final List<String> LAUNCHER = List.of("--nproc_per_node", "--nproc-per-node", "--nnodes");

  /** The flags of Megatron's parser the geometry reads: with a schedule they shape the curve. */
  static final List<String> READ = List.of(SCHEDULE, MICRO_BATCH, SEQ_LENGTH, ENCODER_SEQ_LENGTH,
      "--tensor-model-parallel-size", "--pipeline-model-parallel-size", "--context-parallel-size");

  /** The global batch Megatron falls back to without {@code --global-batch-size}: micro-batch × data-parallel size. */
  long base() {
    return microBatch * dataParallel;
  }

  /** Whether {@code flags} hold a batch schedule. */
  static boolean present(Flags flags) {
    return flags.other(SCHEDULE).isPresent();
  }

  /** The geometry of {@code flags}' batch schedule; empty without one, or on a problem (reported). */
  static Optional<MegatronGeometry> read(Flags flags, Problems problems) {
    Optional<Flags.Other> schedule = flags.other(SCHEDULE);
    if (schedule.isEmpty()) {
      return Optional.empty();
    }
    String at = Flags.path(SCHEDULE, schedule.get().word());
    if (schedule.get().values().isEmpty()) {
      problems.add(MegatronCode.megatronFlagNeedsValue(at, SCHEDULE));
      return Optional.empty();
    }
    String written = schedule.get().values().get(0);
    int before = problems.all().size();
    if (flags.given(MegatronFlag.GLOBAL_BATCH_SIZE)) {
      problems.add(MegatronCode.megatronFlagConflict(flags.where(MegatronFlag.GLOBAL_BATCH_SIZE), flags.written(MegatronFlag.GLOBAL_BATCH_SIZE),
          MegatronFlag.GLOBAL_BATCH_SIZE.flag(), SCHEDULE,
          "Megatron raises 'Cannot specify both --step-batch-size-schedule and --global-batch-size'", "keep one of them"));
    }
    flags.other(DECREASE).ifPresent(decrease -> problems.add(MegatronCode.megatronFlagConflict(Flags.path(DECREASE, decrease.word()), null,
        DECREASE, SCHEDULE,
        "Megatron raises 'Step batch size schedules do not support decrease_batch_size_if_needed'",
        "remove " + DECREASE)));
    long sequence = sequenceLength(flags, problems);
    long micro = positive(flags, MICRO_BATCH, problems);
    long modelParallel = 1;
    for (String parallel : PARALLEL) {
      modelParallel *= positive(flags, parallel, problems);
    }
    long world = worldSize(flags, problems);
    BatchSteps steps = null;
    if (sequence > 0) {
      Optional<MegatronBatchSteps.UpstreamRefusal> refusal = MegatronBatchSteps.upstreamRefusal(written, sequence);
      if (refusal.isPresent()) {
        // Megatron stops at the first problem, with its own exception: that is the message.
        problems.add(MegatronCode.megatronBatchScheduleRefused(at, SCHEDULE, written, "is read at start-up", refusal.get().error(), refusal.get().fix()));
      } else {
        try {
          steps = MegatronBatchSteps.parse(at, written, sequence);
        } catch (InvalidScheduleException e) {
          e.violations().forEach(problems::add); // a schedule Megatron reads but Anneal's model refuses: said as the model says it
        }
      }
    }
    if (world > 0 && modelParallel > 0 && world % modelParallel != 0) {
      problems.add(MegatronCode.megatronFlagRange(LAUNCHER.get(0), world, "the world size", Long.toString(world),
          "is not divisible by tensor × pipeline × context parallel sizes (" + modelParallel + "), and Megatron asserts"
              + " 'world size (" + world + ") is not divisible by total_model_size'",
          "launch a multiple of " + modelParallel + " processes"));
    }
    if (problems.all().size() > before || steps == null || world <= 0 || micro <= 0 || modelParallel <= 0) {
      return Optional.empty();
    }
    long dataParallel = world / modelParallel;
    RunGeometry geometry = runGeometry(steps, dataParallel, sequence);
    return Optional.of(new MegatronGeometry(at, written, steps, micro, dataParallel, sequence, geometry.consumption()));
  }

  /**
   * The geometry of a launch with a constant batch: {@code --global-batch-size} samples per
   * iteration and, where given, {@code --seq-length} (or {@code --encoder-seq-length}) tokens per
   * sample, which convert iterations to samples and tokens for {@code plot --x} and {@code
   * explain}; empty without a valid {@code --global-batch-size} (Megatron's fallback, micro-batch ×
   * data-parallel size, needs the world size). Problems with either flag are the reader's to report.
   */
  static Optional<RunGeometry> constant(Flags flags) {
    if (!flags.valid(MegatronFlag.GLOBAL_BATCH_SIZE) || flags.integer(MegatronFlag.GLOBAL_BATCH_SIZE, 0) < 1) {
      return Optional.empty();
    }
    RunGeometry.Builder geometry = RunGeometry.builder().batchSchedule(new ConstantBatch(flags.integer(MegatronFlag.GLOBAL_BATCH_SIZE, 0)));
    for (String name : List.of(SEQ_LENGTH, ENCODER_SEQ_LENGTH)) {
      Optional<Long> tokens = flags.other(name).filter(other -> !other.values().isEmpty()).map(other -> other.values().get(0))
          .filter(PythonNumbers::isInt).map(PythonNumbers::parseLong).filter(value -> value != null && value >= 1);
      if (tokens.isPresent()) {
        geometry.sequenceLength(tokens.get());
        break;
      }
    }
    return Optional.of(geometry.build());
  }

  /** The run geometry of the launch: its batch-size schedule, data-parallel size and sequence length. */
  RunGeometry runGeometry() {
    return runGeometry(steps, dataParallel, sequenceLength);
  }

  private static RunGeometry runGeometry(BatchSteps steps, long dataParallel, long sequence) {
    return RunGeometry.builder().sequenceLength(sequence).dataParallel(dataParallel).batchSchedule(steps).build();
  }

  /** {@code --seq-length}, else {@code --encoder-seq-length}; 0 if neither (reported: Megatron asserts one). */
  private static long sequenceLength(Flags flags, Problems problems) {
    if (flags.other(SEQ_LENGTH).isPresent()) {
      return positive(flags, SEQ_LENGTH, problems);
    }
    if (flags.other(ENCODER_SEQ_LENGTH).isPresent()) {
      return positive(flags, ENCODER_SEQ_LENGTH, problems);
    }
    problems.add(MegatronCode.megatronMissingFlag(SEQ_LENGTH, SEQ_LENGTH,
        "Megatron's validate_args asserts args.encoder_seq_length is not None when --seq-length is absent (AssertionError), and"
            + " --step-batch-size-schedule reads its thresholds as tokens over it",
        "`--seq-length N` as the launch script sets it"));
    return 0;
  }

  /** A positive integer flag of Megatron's parser, 1 (its default) if absent, 0 if bad (reported). */
  private static long positive(Flags flags, String name, Problems problems) {
    Optional<Flags.Other> other = flags.other(name);
    if (other.isEmpty()) {
      return 1;
    }
    String at = Flags.path(name, other.get().word());
    if (other.get().values().isEmpty()) {
      problems.add(MegatronCode.megatronFlagNeedsValue(at, name));
      return 0;
    }
    String text = other.get().values().get(0);
    Long value = PythonNumbers.isInt(text) ? PythonNumbers.parseLong(text) : null;
    if (value == null || value < 1) {
      problems.add(MegatronCode.megatronFlagRange(at, text, name, text, "must be a whole number of at least 1 with --step-batch-size-schedule",
          "write the value the launch script gives Megatron"));
      return 0;
    }
    return value;
  }

  /** {@code --nproc_per_node × --nnodes} from torchrun; 0 if absent or bad (reported). */
  private static long worldSize(Flags flags, Problems problems) {
    Optional<Flags.Other> perNode = flags.unknown(LAUNCHER.get(0)).or(() -> flags.unknown(LAUNCHER.get(1)));
    if (perNode.isEmpty()) {
      problems.add(MegatronCode.megatronMissingFlag(LAUNCHER.get(0), "the world size (torchrun's --nproc_per_node and --nnodes)",
          "with --step-batch-size-schedule Megatron's global batch falls back to --micro-batch-size × the data-parallel size (the number"
              + " of GPUs over --tensor-model-parallel-size × --pipeline-model-parallel-size × --context-parallel-size), which scales every"
              + " *-iters flag and must divide every batch",
          "the launch line, e.g. `torchrun --nproc_per_node 8 --nnodes 16 pretrain_gpt.py …`"));
      return 0;
    }
    long processes = launcherCount(perNode.get(), problems);
    Optional<Flags.Other> nodes = flags.unknown(LAUNCHER.get(2));
    long count = nodes.isEmpty() ? 1 : launcherCount(nodes.get(), problems);
    return processes > 0 && count > 0 ? processes * count : 0;
  }

  private static long launcherCount(Flags.Other other, Problems problems) {
    String at = Flags.path(other.name(), other.word());
    String text = other.values().isEmpty() ? "" : other.values().get(0);
    Long value = PythonNumbers.isInt(text) ? PythonNumbers.parseLong(text) : null;
    if (value == null || value < 1) {
      problems.add(MegatronCode.megatronFlagRange(at, text, other.name(), text,
          "must be a fixed whole number of at least 1 to know the data-parallel size of --step-batch-size-schedule",
          "write the number the job runs with (an elastic range such as 1:4 has no single value)"));
      return 0;
    }
    return value;
  }

  /**
   * Megatron's checks of the batches the first {@code trainIters} iterations use: the first batch
   * must make at least one micro-batch (checked before training), and at each switch the number of
   * micro-batches must not decrease and the batch must be a multiple of micro-batch × data-parallel
   * size ({@code update_num_microbatches}, without and then with the consistency check).
   */
  void checkReached(long trainIters, Problems problems) {
    long micro = base();
    long previous = 0;
    for (Consumption.Stretch stretch : consumption.stretches()) {
      if (stretch.firstUpdate() >= trainIters) {
        return;
      }
      long batch = stretch.batch();
      long iteration = stretch.firstUpdate() + 1;
      String reached = "reaches a global batch of " + batch + " at iteration " + iteration + " (after " + stretch.samplesBefore() + " samples)";
      if (stretch.firstUpdate() == 0 && batch / micro < 1) {
        refuse(problems, "starts with a global batch of " + batch,
            "AssertionError: current global batch size (" + batch + ") is too small for micro_batch_size (" + microBatch
                + ") * data_parallel_size (" + dataParallel + ") = " + micro,
            "start with a batch of at least " + micro + ", or launch fewer GPUs");
        return;
      }
      if (stretch.firstUpdate() > 0 && batch / micro < previous) {
        refuse(problems, reached, "AssertionError: Number of microbatches should not decrease; going from " + previous + " to " + batch / micro,
            "keep every batch at least as large as the one before it");
        return;
      }
      if (batch % micro != 0) {
        refuse(problems, reached, "AssertionError: current global batch size (" + batch + ") is not divisible by micro_batch_size ("
            + microBatch + ") * data_parallel_size (" + dataParallel + ")", "use multiples of " + micro);
        return;
      }
      previous = batch / micro;
    }
  }

  private void refuse(Problems problems, String problem, String error, String fix) {
    problems.add(MegatronCode.megatronBatchScheduleRefused(flag, SCHEDULE, written, problem, error, fix));
  }

  /** Iterations until the consumed samples reach {@code samples}, as {@code update_train_iters} counts them. */
  long iterationsToReach(long samples) {
    return consumption.updatesToReach(Clock.SAMPLES, samples);
  }
}
