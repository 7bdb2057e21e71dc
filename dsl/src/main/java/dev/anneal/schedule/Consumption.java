package dev.anneal.schedule;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The samples a run has consumed before each update, as stretches of updates with the same global
 * batch: computed once from a batch schedule ({@code RunGeometry.consumption()}), so that the
 * samples before any update are found by a binary search over the stretches, never by walking the
 * updates. The last stretch goes on for ever (every batch schedule ends constant).
 *
 * @param stretches the stretches in order: the first starts at update 0 with 0 samples consumed,
 *     each next one where the one before it ends
 * @param sequenceLength tokens per sample, or 0 when unknown (then only {@link Clock#SAMPLES} works)
 */
public record Consumption(List<Stretch> stretches, long sequenceLength) {

  /**
   * Updates {@code firstUpdate, firstUpdate + 1, …} each consume {@code batch} samples, starting
   * with {@code samplesBefore} already consumed.
   *
   * @param firstUpdate the 0-based update the stretch starts with
   * @param samplesBefore samples consumed before that update
   * @param batch the global batch of every update of the stretch, at least 1
   */
  public record Stretch(long firstUpdate, long samplesBefore, long batch) {}

  private static final long UNKNOWN = 0;

  /**
   * @throws IllegalArgumentException if the stretches do not start at update 0 with 0 samples, do
   *     not follow on from one another, have a batch below 1, or the sequence length is negative
   */
  public Consumption {
    stretches = List.copyOf(Objects.requireNonNull(stretches, "stretches"));
    if (stretches.isEmpty() || stretches.get(0).firstUpdate() != 0 || stretches.get(0).samplesBefore() != 0 || sequenceLength < 0) {
      throw new IllegalArgumentException("a consumption starts at update 0 with 0 samples: " + stretches);
    }
    for (int i = 0; i < stretches.size(); i++) {
      Stretch stretch = stretches.get(i);
      if (stretch.batch() < 1) {
        throw new IllegalArgumentException("stretch " + i + " has a batch below 1: " + stretch);
      }
      if (i > 0) {
        Stretch before = stretches.get(i - 1);
        long updates = stretch.firstUpdate() - before.firstUpdate();
        if (updates < 1 || stretch.samplesBefore() != before.samplesBefore() + updates * before.batch()) {
          throw new IllegalArgumentException("stretch " + i + " does not follow on from stretch " + (i - 1) + ": " + stretches);
        }
      }
    }
  }

  /** The consumption of a constant global batch. */
  public static Consumption constant(long batch, long sequenceLength) {
    return new Consumption(List.of(new Stretch(0, 0, batch)), sequenceLength);
  }

  /** Whether {@link Clock#TOKENS} can be counted: the sequence length is known. */
  public boolean knowsTokens() {
    return sequenceLength != UNKNOWN;
  }

  /** The stretch update {@code step} falls in. */
  private Stretch stretchOf(long step) {
    int low = 0;
    int high = stretches.size() - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (stretches.get(middle).firstUpdate() <= step) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return stretches.get(low);
  }

  /** The global batch of update {@code step} (0-based). */
  public long batchOf(long step) {
    Schedule.requireStep(step);
    return stretchOf(step).batch();
  }

  /** Samples consumed before update {@code step} (0-based); {@link Long#MAX_VALUE} once past the 64-bit range. */
  public long samplesBefore(long step) {
    Schedule.requireStep(step);
    Stretch stretch = stretchOf(step);
    long updates = step - stretch.firstUpdate();
    if (updates > (Long.MAX_VALUE - stretch.samplesBefore()) / stretch.batch()) {
      return Long.MAX_VALUE;
    }
    return stretch.samplesBefore() + updates * stretch.batch();
  }

  /** What {@code clock} reads before update {@code step}: samples, or tokens; saturates at {@link Long#MAX_VALUE}. */
  public long position(Clock clock, long step) {
    long samples = samplesBefore(step);
    if (clock == Clock.SAMPLES) {
      return samples;
    }
    requireTokens();
    return samples > Long.MAX_VALUE / sequenceLength ? Long.MAX_VALUE : samples * sequenceLength;
  }

  /**
   * The number of updates after which {@code clock} reads at least {@code position}: the first
   * update count whose consumed samples (or tokens) reach it, as Megatron's {@code
   * update_train_iters} counts ({@link Long#MAX_VALUE} for a position never reached).
   */
  public long updatesToReach(Clock clock, long position) {
    if (position <= 0) {
      return 0;
    }
    if (position == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    long samples = position;
    if (clock == Clock.TOKENS) {
      requireTokens();
      samples = position / sequenceLength + (position % sequenceLength == 0 ? 0 : 1);
    }
    Stretch stretch = stretches.get(0);
    for (Stretch next : stretches) {
      if (next.samplesBefore() > samples) {
        break;
      }
      stretch = next;
    }
    long remaining = samples - stretch.samplesBefore();
    return stretch.firstUpdate() + remaining / stretch.batch() + (remaining % stretch.batch() == 0 ? 0 : 1);
  }

  private void requireTokens() {
    if (!knowsTokens()) {
      throw new InvalidScheduleException(RuleCode.unitNeedsGeometry("clock", "clock", "tokens", "tokens", "a sequence length in the run geometry",
          "give sequence_length"));
    }
  }

  @Override
  public String toString() {
    return "Consumption" + Arrays.toString(stretches.toArray()) + (knowsTokens() ? " × " + sequenceLength + " tokens" : "");
  }
}
