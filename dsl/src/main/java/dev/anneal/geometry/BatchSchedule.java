package dev.anneal.geometry;

/**
 * The global batch, in samples, of each update as a function of the samples consumed before it:
 * the batch of update {@code i + 1} is {@code batchAt(samples consumed by updates 1..i)}, as
 * Megatron-LM's {@code update_num_microbatches(consumed_samples)} decides it before each iteration.
 */
public sealed interface BatchSchedule permits ConstantBatch, BatchSteps, BatchRamp {

  /** The global batch of the update that starts with {@code consumed} samples already consumed. */
  long batchAt(long consumed);

  /**
   * The smallest consumed-sample count above {@code consumed} at which {@link #batchAt} may differ
   * from its value at {@code consumed}; {@link Long#MAX_VALUE} if it never changes again. Lets the
   * geometry walk a run a constant stretch at a time instead of an update at a time.
   */
  long nextChange(long consumed);

  /** The largest batch the schedule reaches. */
  long largest();
}
