package dev.anneal.geometry;

/**
 * What a training loop does with the loader batches left at the end of an epoch when gradient
 * accumulation does not divide them.
 */
public enum PartialAccumulation {
  /**
   * They make one more, partial, update: the transformers Trainer's {@code
   * num_update_steps_per_epoch = max(L // gas + int(L % gas > 0), 1)}.
   */
  UPDATE,
  /**
   * They are dropped: a plain loop that steps when {@code (i + 1) % gas == 0}, giving {@code L // gas}
   * updates per epoch.
   */
  DROPPED
}
