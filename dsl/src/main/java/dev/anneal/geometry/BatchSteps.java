package dev.anneal.geometry;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch that steps up at sample thresholds: the batch of the update that starts with {@code c}
 * samples consumed is that of the last entry whose threshold is at most {@code c}, so a switch
 * comes at the first update whose consumed samples reach a threshold (Megatron-LM's {@code
 * StepBatchsizeNumMicroBatchesCalculator}). {@link MegatronBatchSteps} reads Megatron's flag.
 *
 * @param entries the steps, thresholds strictly increasing from 0
 */
public record BatchSteps(List<Entry> entries) implements BatchSchedule {

  /**
   * One step of the schedule.
   *
   * @param threshold consumed samples from which {@code batch} applies
   * @param batch global batch in samples
   */
  public record Entry(long threshold, long batch) {
    @Override
    public String toString() {
      return threshold + ":" + batch;
    }
  }

  /**
   * @throws InvalidScheduleException ({@code InvalidBatchSchedule}) if there are no entries, the
   *     first threshold is not 0, thresholds do not strictly increase, or a batch is below 1
   */
  public BatchSteps {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    InvalidScheduleException.throwIfErrors(check("batch_steps", entries));
  }

  /** The rules Megatron's calculator asserts, as violations at {@code path}. */
  static List<Violation> check(String path, List<Entry> entries) {
    List<Violation> found = new ArrayList<>();
    if (entries.isEmpty()) {
      found.add(RuleCode.invalidBatchSchedule(path, "(empty)", "has no entry", "write at least \"0:BATCH\""));
      return found;
    }
    if (entries.get(0).threshold() != 0) {
      found.add(RuleCode.invalidBatchSchedule(path, "entry '" + entries.get(0) + "'",
          "is the first after sorting, at " + entries.get(0).threshold() + " samples", "the first entry must have threshold 0"));
    }
    for (int i = 1; i < entries.size(); i++) {
      if (entries.get(i).threshold() <= entries.get(i - 1).threshold()) {
        found.add(RuleCode.invalidBatchSchedule(path, "entry '" + entries.get(i) + "'",
            "has the same threshold in samples as '" + entries.get(i - 1) + "'", "thresholds must be strictly increasing"));
      }
    }
    for (Entry entry : entries) {
      if (entry.batch() < 1) {
        found.add(RuleCode.invalidBatchSchedule(path, "entry '" + entry + "'", "has a batch of " + entry.batch(), "a batch must be at least 1"));
      }
    }
    return found;
  }

  @Override
  public long batchAt(long consumed) {
    long batch = entries.get(0).batch();
    for (Entry entry : entries) {
      if (entry.threshold() > consumed) {
        break;
      }
      batch = entry.batch();
    }
    return batch;
  }

  @Override
  public long nextChange(long consumed) {
    for (Entry entry : entries) {
      if (entry.threshold() > consumed) {
        return entry.threshold();
      }
    }
    return Long.MAX_VALUE;
  }

  @Override
  public long largest() {
    return entries.stream().mapToLong(Entry::batch).max().orElseThrow();
  }
}
