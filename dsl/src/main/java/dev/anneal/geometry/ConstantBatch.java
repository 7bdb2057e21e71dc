package dev.anneal.geometry;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;

/**
 * The same global batch for every update.
 *
 * @param batch samples per update, at least 1
 */
public record ConstantBatch(long batch) implements BatchSchedule {
  /** @throws InvalidScheduleException ({@code NotPositive}) if {@code batch < 1} */
  public ConstantBatch {
    if (batch < 1) {
      throw new InvalidScheduleException(RuleCode.notPositive("global_batch", "global_batch", batch));
    }
  }

  @Override
  public long batchAt(long consumed) {
    return batch;
  }

  @Override
  public long nextChange(long consumed) {
    return Long.MAX_VALUE;
  }

  @Override
  public long largest() {
    return batch;
  }
}
