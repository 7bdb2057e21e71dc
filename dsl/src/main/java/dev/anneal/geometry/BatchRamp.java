package dev.anneal.geometry;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch that grows linearly, in increments, from {@code start} to {@code full} over the first
 * {@code rampSamples} samples, then stays at {@code full}: Megatron-LM's {@code
 * --rampup-batch-size START INCREMENT SAMPLES} as its {@code RampupBatchsizeNumMicroBatches}
 * computes it: with {@code k = (full - start) / increment} increments of {@code rampSamples / k}
 * samples each (a double), the batch after {@code c} samples is {@code start + increment *
 * int(c / (rampSamples / k))}, and {@code full} once {@code c > rampSamples}. A ramp stated in
 * tokens is converted to samples by the geometry (floor division by the sequence length).
 *
 * @param start the first batch
 * @param increment how much each increment adds; divides {@code full - start}
 * @param rampSamples samples over which the batch grows
 * @param full the batch after the ramp
 */
public record BatchRamp(long start, long increment, long rampSamples, long full) implements BatchSchedule {

  /** @throws InvalidScheduleException ({@code InvalidBatchSchedule}) for a ramp Megatron refuses */
  public BatchRamp {
    List<Violation> found = new ArrayList<>();
    String shown = start + " " + increment + " " + rampSamples + " (full " + full + ")";
    if (start < 1 || increment < 1 || rampSamples < 1) {
      found.add(RuleCode.invalidBatchSchedule("batch_ramp", "ramp " + shown, "has a value below 1", "start, increment and samples must be at least 1"));
    } else if (full < start || (full - start) % increment != 0) {
      found.add(RuleCode.invalidBatchSchedule("batch_ramp", "ramp " + shown,
          "does not reach the full batch in whole increments", "full - start must be a multiple of the increment, at least 0"));
    }
    InvalidScheduleException.throwIfErrors(found);
  }

  private double samplesPerIncrement() {
    long increments = (full - start) / increment;
    return increments == 0 ? Double.POSITIVE_INFINITY : rampSamples / (double) increments;
  }

  private long incrementsAt(long consumed) {
    return (long) (consumed / samplesPerIncrement());
  }

  @Override
  public long batchAt(long consumed) {
    if (consumed > rampSamples) {
      return full;
    }
    return Math.min(full, start + increment * incrementsAt(consumed));
  }

  @Override
  public long nextChange(long consumed) {
    if (consumed > rampSamples || start == full) {
      return Long.MAX_VALUE;
    }
    long next = incrementsAt(consumed) + 1;
    // The smallest count above consumed whose (double) quotient reaches the next increment.
    long at = Math.max(consumed + 1, (long) Math.ceil(next * samplesPerIncrement()));
    while (at - 1 > consumed && incrementsAt(at - 1) >= next) {
      at--;
    }
    while (incrementsAt(at) < next && at <= rampSamples) {
      at++;
    }
    return Math.min(at, rampSamples + 1);
  }

  @Override
  public long largest() {
    return full;
  }
}
