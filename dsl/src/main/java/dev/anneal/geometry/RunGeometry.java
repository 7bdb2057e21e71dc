package dev.anneal.geometry;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Consumption;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The shape of a training run that turns epochs, samples and tokens into optimizer updates: the
 * updates in an epoch (given, or derived from the data-set size, the per-process batch, {@code
 * drop_last}, the data-parallel size and gradient accumulation), the sequence length, and the
 * global batch of every update (a {@link BatchSchedule}, or the per-process batch times
 * accumulation times data-parallel size). Immutable; built with {@link #builder()}.
 *
 * <p>Rounding, each rule the framework's own ({@code docs/units.md}):
 * <ul>
 *   <li>loader batches per process: {@code ceil(N / b)}, or {@code floor(N / b)} with {@code
 *       drop_last} (PyTorch's {@code DataLoader}); on {@code W > 1} processes accelerate's {@code
 *       BatchSamplerShard}: {@code B / W} when W divides B, else {@code floor(B / W)} with {@code
 *       drop_last}, else {@code floor(B / W) + 1};
 *   <li>updates per epoch from {@code L} loader batches: {@code max(ceil(L / gas), 1)} (the
 *       Trainer, {@link PartialAccumulation#UPDATE}) or {@code floor(L / gas)} ({@link
 *       PartialAccumulation#DROPPED});
 *   <li>epochs to updates: {@code ceil(epochs * updates_per_epoch)} in double arithmetic (the
 *       Trainer's {@code max_steps});
 *   <li>samples to updates: the first update whose consumed samples reach the amount (Megatron's
 *       {@code update_train_iters}), so the last update may overshoot;
 *   <li>tokens to updates: the first update whose consumed tokens (samples × sequence length)
 *       reach the amount.
 * </ul>
 */
public final class RunGeometry {
  private final long givenUpdatesPerEpoch;
  private final long datasetSize;
  private final long batchSize;
  private final boolean dropLast;
  private final long accumulation;
  private final long dataParallel;
  private final long sequenceLength;
  private final BatchSchedule givenBatches;
  private final PartialAccumulation partial;

  private RunGeometry(Builder b) {
    this.givenUpdatesPerEpoch = b.updatesPerEpoch;
    this.datasetSize = b.datasetSize;
    this.batchSize = b.batchSize;
    this.dropLast = b.dropLast;
    this.accumulation = b.accumulation;
    this.dataParallel = b.dataParallel;
    this.sequenceLength = b.sequenceLength;
    this.givenBatches = b.batches;
    this.partial = b.partial;
  }

  /** A builder with nothing set: a geometry that converts updates only. */
  public static Builder builder() {
    return new Builder();
  }

  /** A geometry that knows only the updates in an epoch. */
  public static RunGeometry ofUpdatesPerEpoch(long updatesPerEpoch) {
    return builder().updatesPerEpoch(updatesPerEpoch).build();
  }

  /** A builder with this geometry's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.updatesPerEpoch = givenUpdatesPerEpoch;
    b.datasetSize = datasetSize;
    b.batchSize = batchSize;
    b.dropLast = dropLast;
    b.accumulation = accumulation;
    b.dataParallel = dataParallel;
    b.sequenceLength = sequenceLength;
    b.batches = givenBatches;
    b.partial = partial;
    return b;
  }

  /** Updates per epoch as given, or empty when derived or unknown. */
  public OptionalLong givenUpdatesPerEpoch() {
    return givenUpdatesPerEpoch > 0 ? OptionalLong.of(givenUpdatesPerEpoch) : OptionalLong.empty();
  }

  /** Examples in the data set, or empty. */
  public OptionalLong datasetSize() {
    return datasetSize > 0 ? OptionalLong.of(datasetSize) : OptionalLong.empty();
  }

  /** Samples per loader batch on one process (PyTorch's {@code batch_size}), or empty. */
  public OptionalLong batchSize() {
    return batchSize > 0 ? OptionalLong.of(batchSize) : OptionalLong.empty();
  }

  /** Whether the loader drops its last, incomplete batch; false if never set. */
  public boolean dropLast() {
    return dropLast;
  }

  /** Loader batches per update on each process; 1 if never set. */
  public long gradientAccumulation() {
    return accumulation;
  }

  /** Data-parallel processes; 1 if never set. */
  public long dataParallel() {
    return dataParallel;
  }

  /** Tokens per sample, or empty. */
  public OptionalLong sequenceLength() {
    return sequenceLength > 0 ? OptionalLong.of(sequenceLength) : OptionalLong.empty();
  }

  /** The batch schedule as given, or empty when it is the per-process batch's product (or unknown). */
  public Optional<BatchSchedule> givenBatchSchedule() {
    return Optional.ofNullable(givenBatches);
  }

  /** What an epoch's leftover loader batches become; {@link PartialAccumulation#UPDATE} if never set. */
  public PartialAccumulation partialAccumulation() {
    return partial;
  }

  /** Loader batches per process in one epoch, or empty without a data-set size. */
  public OptionalLong loaderBatches() {
    if (datasetSize == 0 || batchSize == 0) {
      return OptionalLong.empty();
    }
    long batches = dropLast ? datasetSize / batchSize : ceilDiv(datasetSize, batchSize);
    if (dataParallel > 1) {
      batches = batches % dataParallel == 0 || dropLast ? batches / dataParallel : batches / dataParallel + 1;
    }
    return OptionalLong.of(batches);
  }

  /** Updates in one epoch, given or derived from the data-set figures; empty if neither. */
  public OptionalLong updatesPerEpoch() {
    if (givenUpdatesPerEpoch > 0) {
      return OptionalLong.of(givenUpdatesPerEpoch);
    }
    OptionalLong loader = loaderBatches();
    if (loader.isEmpty()) {
      return loader;
    }
    long batches = loader.getAsLong();
    return OptionalLong.of(partial == PartialAccumulation.UPDATE ? Math.max(ceilDiv(batches, accumulation), 1) : batches / accumulation);
  }

  /**
   * The global batch of every update: the schedule given, else the per-process batch times
   * accumulation times data-parallel size; empty if neither is known.
   */
  public Optional<BatchSchedule> batchSchedule() {
    if (givenBatches != null) {
      return Optional.of(givenBatches);
    }
    return batchSize > 0 ? Optional.of(new ConstantBatch(batchSize * accumulation * dataParallel)) : Optional.empty();
  }

  /** A per-epoch {@link Cadence}. @throws InvalidScheduleException ({@code UnitNeedsGeometry}) without updates per epoch */
  public Cadence perEpoch(String path) {
    return Cadence.perEpoch(require(path, "cadence", "epoch", Unit.EPOCHS, updatesPerEpoch()));
  }

  /**
   * The samples consumed before every update, as stretches of one batch each: the batch schedule
   * walked once, a constant stretch at a time, for {@link Clocked} schedules to look up.
   *
   * @throws InvalidScheduleException ({@code UnitNeedsGeometry}) without a batch schedule
   */
  public Consumption consumption() {
    BatchSchedule batches = requireBatches("clock", 0);
    List<Consumption.Stretch> stretches = new ArrayList<>();
    long consumed = 0;
    long update = 0;
    while (true) {
      long batch = batches.batchAt(consumed);
      if (stretches.isEmpty() || stretches.get(stretches.size() - 1).batch() != batch) {
        stretches.add(new Consumption.Stretch(update, consumed, batch));
      }
      long next = batches.nextChange(consumed);
      if (next == Long.MAX_VALUE) {
        return new Consumption(stretches, sequenceLength);
      }
      long stretch = ceilDiv(next - consumed, batch);
      consumed = addExact(consumed, stretch, batch, next);
      update += stretch;
    }
  }

  /**
   * Samples consumed by the first {@code updates} updates.
   *
   * @throws InvalidScheduleException ({@code UnitNeedsGeometry}) without a batch schedule, ({@code
   *     LengthOverflow}) past {@link Long#MAX_VALUE} samples
   */
  public long samplesAfter(long updates) {
    BatchSchedule batches = requireBatches("updates", updates);
    long consumed = 0;
    long done = 0;
    while (done < updates) {
      long batch = batches.batchAt(consumed);
      long next = batches.nextChange(consumed);
      long stretch = next == Long.MAX_VALUE ? updates - done : Math.min(updates - done, ceilDiv(next - consumed, batch));
      consumed = addExact(consumed, stretch, batch, updates);
      done += stretch;
    }
    return consumed;
  }

  /**
   * The number of updates until the consumed samples reach {@code samples}: the first update whose
   * consumed samples are at least {@code samples}, as Megatron's {@code update_train_iters} counts.
   *
   * @throws InvalidScheduleException ({@code UnitNeedsGeometry}) without a batch schedule
   */
  public long updatesToReach(long samples) {
    BatchSchedule batches = requireBatches("samples", samples);
    long consumed = 0;
    long updates = 0;
    while (consumed < samples) {
      long batch = batches.batchAt(consumed);
      long target = Math.min(batches.nextChange(consumed), samples);
      long stretch = ceilDiv(target - consumed, batch);
      consumed = addExact(consumed, stretch, batch, samples);
      updates += stretch;
    }
    return updates;
  }

  /**
   * {@code length} in updates from the start of the run, by the rounding rules of this class's
   * description; {@link #updates(Length, long, String)} from any update.
   *
   * @param path where the length was written, for diagnostics
   * @throws InvalidScheduleException ({@code UnitNeedsGeometry}) if the geometry lacks what the
   *     unit needs, ({@code LengthOverflow}) past the 64-bit step range
   */
  public long updates(Length length, String path) {
    return updates(length, 0, path);
  }

  /**
   * The updates a phase of {@code length} lasts when it starts after update {@code start}: it ends
   * at the first update whose position (epochs, samples or tokens consumed since the run began)
   * reaches the phase's start position plus {@code length}. Boundaries are cumulative, so rounding
   * never accumulates from phase to phase, and with a batch schedule a phase in samples counts the
   * batches it actually meets.
   *
   * @param start the updates before the phase
   * @param path where the length was written, for diagnostics
   * @throws InvalidScheduleException ({@code UnitNeedsGeometry}) if the geometry lacks what the
   *     unit needs, ({@code LengthOverflow}) past the 64-bit step range
   */
  public long updates(Length length, long start, String path) {
    return switch (length.unit()) {
      case UPDATES -> length.count();
      case EPOCHS -> {
        long perEpoch = require(path, "steps", length, Unit.EPOCHS, updatesPerEpoch());
        // The Trainer's max_steps = ceil(num_train_epochs * num_update_steps_per_epoch), in doubles.
        double updates = Math.ceil(length.amount().doubleValue() * perEpoch);
        if (updates >= Long.MAX_VALUE - start) {
          throw new InvalidScheduleException(RuleCode.lengthOverflow(path, (long) updates, Long.MAX_VALUE - 1 - start));
        }
        yield (long) updates;
      }
      case SAMPLES -> {
        requireBatchesAt(path, length);
        yield afterStart(start, length.count());
      }
      case TOKENS -> {
        long seq = require(path, "steps", length, Unit.TOKENS, sequenceLength());
        requireBatchesAt(path, length);
        yield afterStart(start, length.amount().divide(BigDecimal.valueOf(seq), 0, RoundingMode.CEILING).longValueExact());
      }
    };
  }

  /** Updates from {@code start} until {@code samples} more samples are consumed. */
  private long afterStart(long start, long samples) {
    long before = samplesAfter(start);
    return updatesToReach(addExact(before, 1, samples, samples)) - start;
  }

  /**
   * {@code length} counted in {@code clock}'s unit, for a schedule {@link Clocked} in samples or
   * tokens: samples and tokens convert exactly through the sequence length; tokens that are not a
   * whole number of samples, and lengths in updates or epochs (whose samples depend on where the
   * batch schedule stands), are refused.
   *
   * @param path where the length was written, for diagnostics
   * @param field the key it was written under, e.g. {@code steps}
   * @throws InvalidScheduleException ({@code LengthOffClock}) as above, ({@code UnitNeedsGeometry})
   *     without the sequence length a conversion needs, ({@code LengthOverflow}) past the 64-bit range
   */
  public long inClock(Length length, Clock clock, String path, String field) {
    Unit unit = length.unit();
    if (unit == Unit.UPDATES || unit == Unit.EPOCHS) {
      throw new InvalidScheduleException(RuleCode.lengthOffClock(path, field, length, clock.jsonName(),
          "the schedule counts the " + clock.jsonName() + " consumed, and an update consumes more of them as the batch grows",
          "give it in samples or tokens, or as a bare count of " + clock.jsonName()));
    }
    long count = length.count();
    if (unit.jsonName().equals(clock.jsonName())) {
      return count;
    }
    long seq = require(path, field, length, Unit.TOKENS, sequenceLength());
    if (clock == Clock.TOKENS) {
      if (count > Long.MAX_VALUE / seq) {
        throw new InvalidScheduleException(RuleCode.lengthOverflow(path, count, Long.MAX_VALUE / seq));
      }
      return count * seq;
    }
    if (count % seq != 0) {
      throw new InvalidScheduleException(RuleCode.lengthOffClock(path, field, length, clock.jsonName(),
          count + " tokens are " + count / seq + " samples and " + count % seq + " tokens at sequence_length " + seq,
          "give a multiple of " + seq + " tokens, the length in samples, or clock the schedule in tokens"));
    }
    return count / seq;
  }

  /**
   * How much of {@code unit} the first {@code updates} updates make: epochs as a fraction, samples
   * and tokens consumed. For messages and {@code explain}.
   *
   * @throws InvalidScheduleException ({@code UnitNeedsGeometry}) if the geometry cannot say
   */
  public BigDecimal amountIn(Unit unit, long updates) {
    Length asked = Length.updates(Math.max(updates, 1));
    return switch (unit) {
      case UPDATES -> BigDecimal.valueOf(updates);
      case EPOCHS -> BigDecimal.valueOf(updates).divide(BigDecimal.valueOf(require("", "steps", asked, Unit.EPOCHS, updatesPerEpoch())),
          6, RoundingMode.HALF_EVEN).stripTrailingZeros();
      case SAMPLES -> BigDecimal.valueOf(samplesAfter(updates));
      case TOKENS -> BigDecimal.valueOf(samplesAfter(updates)).multiply(BigDecimal.valueOf(require("", "steps", asked, Unit.TOKENS, sequenceLength())));
    };
  }

  private long require(String path, String field, Object value, Unit unit, OptionalLong figure) {
    if (figure.isPresent()) {
      return figure.getAsLong();
    }
    throw new InvalidScheduleException(switch (unit) {
      case EPOCHS -> RuleCode.unitNeedsGeometry(path, field, value, "epochs", "the updates per epoch in the run geometry",
          "give updates_per_epoch, or dataset_size with batch_size");
      case TOKENS -> RuleCode.unitNeedsGeometry(path, field, value, "tokens", "a sequence length in the run geometry", "give sequence_length");
      default -> RuleCode.unitNeedsGeometry(path, field, value, unit.jsonName(), "a global batch in the run geometry",
          "give batch_size, global_batch, batch_steps or batch_ramp");
    });
  }

  private void requireBatchesAt(String path, Length length) {
    if (batchSchedule().isEmpty()) {
      throw new InvalidScheduleException(RuleCode.unitNeedsGeometry(path, "steps", length, length.unit().jsonName(), "a global batch in the run geometry",
          "give batch_size, global_batch, batch_steps or batch_ramp"));
    }
  }

  private BatchSchedule requireBatches(String field, long value) {
    return batchSchedule().orElseThrow(() -> new InvalidScheduleException(RuleCode.unitNeedsGeometry(field, field, value, "samples",
        "a global batch in the run geometry", "give batch_size, global_batch, batch_steps or batch_ramp")));
  }

  /** {@code consumed + stretch * batch}, refused past {@link Long#MAX_VALUE} samples. */
  private static long addExact(long consumed, long stretch, long batch, long asked) {
    try {
      return Math.addExact(consumed, Math.multiplyExact(stretch, batch));
    } catch (ArithmeticException overflow) {
      throw new InvalidScheduleException(RuleCode.lengthOverflow("steps", asked, Long.MAX_VALUE));
    }
  }

  static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RunGeometry that && givenUpdatesPerEpoch == that.givenUpdatesPerEpoch && datasetSize == that.datasetSize
        && batchSize == that.batchSize && dropLast == that.dropLast && accumulation == that.accumulation
        && dataParallel == that.dataParallel && sequenceLength == that.sequenceLength
        && Objects.equals(givenBatches, that.givenBatches) && partial == that.partial;
  }

  @Override
  public int hashCode() {
    return Objects.hash(givenUpdatesPerEpoch, datasetSize, batchSize, dropLast, accumulation, dataParallel, sequenceLength, givenBatches, partial);
  }

  @Override
  public String toString() {
    return "RunGeometry[updatesPerEpoch=" + updatesPerEpoch() + ", batchSchedule=" + batchSchedule() + ", sequenceLength=" + sequenceLength()
        + ", accumulation=" + accumulation + ", dataParallel=" + dataParallel + "]";
  }

  /**
   * Collects a geometry's figures. Setters refuse a bad value at once, naming it; {@link #build()}
   * checks the figures together. Immutable it is not: build, then share the {@link RunGeometry}.
   */
  public static final class Builder {
    private long updatesPerEpoch;
    private long datasetSize;
    private long batchSize;
    private boolean dropLast;
    private long accumulation = 1;
    private long dataParallel = 1;
    private long sequenceLength;
    private BatchSchedule batches;
    private PartialAccumulation partial = PartialAccumulation.UPDATE;

    private Builder() {}

    /** Updates in one epoch, overriding any derived from the data set; unknown if never called. */
    public Builder updatesPerEpoch(long updates) {
      this.updatesPerEpoch = positive("updates_per_epoch", updates);
      return this;
    }

    /** Examples in the (map-style) training data set; unknown if never called. */
    public Builder datasetSize(long examples) {
      this.datasetSize = positive("dataset_size", examples);
      return this;
    }

    /** Samples per loader batch on one process; unknown if never called. */
    public Builder batchSize(long samples) {
      this.batchSize = positive("batch_size", samples);
      return this;
    }

    /** Whether the loader drops its last, incomplete batch; false if never called. */
    public Builder dropLast(boolean drop) {
      this.dropLast = drop;
      return this;
    }

    /** Loader batches per update; 1 if never called. */
    public Builder gradientAccumulation(long batches) {
      this.accumulation = positive("gradient_accumulation", batches);
      return this;
    }

    /** Data-parallel processes (world size over tensor, pipeline and context parallel sizes); 1 if never called. */
    public Builder dataParallel(long processes) {
      this.dataParallel = positive("data_parallel", processes);
      return this;
    }

    /** Tokens per sample; unknown if never called (then tokens cannot be converted). */
    public Builder sequenceLength(long tokens) {
      this.sequenceLength = positive("sequence_length", tokens);
      return this;
    }

    /** The global batch of every update; if never called, batch size × accumulation × data-parallel size. */
    public Builder batchSchedule(BatchSchedule schedule) {
      this.batches = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /** What leftover loader batches at an epoch's end become; {@link PartialAccumulation#UPDATE} if never called. */
    public Builder partialAccumulation(PartialAccumulation rule) {
      this.partial = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /**
     * The geometry.
     *
     * @throws InvalidScheduleException if a data-set size comes without a batch size, an epoch would
     *     have no update, or a batch of a step schedule is not a whole number of micro-batches
     *     (batch size × data-parallel size) or decreases, as Megatron refuses
     */
    public RunGeometry build() {
      List<Violation> found = new ArrayList<>();
      if (datasetSize > 0 && batchSize == 0) {
        found.add(RuleCode.conditionNotMet("dataset_size", datasetSize, "dataset_size", "batch_size", "batch_size is not given"));
      }
      RunGeometry geometry = new RunGeometry(this);
      if (updatesPerEpoch == 0 && geometry.loaderBatches().isPresent() && geometry.updatesPerEpoch().getAsLong() == 0) {
        found.add(RuleCode.conditionNotMet("gradient_accumulation", accumulation, "an epoch",
            "at least one update", geometry.loaderBatches().getAsLong() + " loader batches with gradient_accumulation " + accumulation + " make none"));
      }
      if (batches instanceof BatchSteps steps && batchSize > 0) {
        long micro = batchSize * dataParallel;
        long previous = 0;
        for (BatchSteps.Entry entry : steps.entries()) {
          if (entry.batch() % micro != 0 || entry.batch() < micro) {
            found.add(RuleCode.invalidBatchSchedule("batch_steps", "entry '" + entry + "'",
                "has a batch that is not a whole number of micro-batches of " + micro + " (batch_size " + batchSize + " × data_parallel " + dataParallel + ")",
                "use multiples of " + micro));
          }
          if (entry.batch() < previous) {
            found.add(RuleCode.invalidBatchSchedule("batch_steps", "entry '" + entry + "'",
                "has a smaller batch than the entry before (" + previous + ")", "the number of micro-batches must not decrease"));
          }
          previous = entry.batch();
        }
      }
      InvalidScheduleException.throwIfErrors(found);
      return geometry;
    }

    private static long positive(String field, long value) {
      if (value < 1) {
        throw new InvalidScheduleException(RuleCode.notPositive(field, field, value));
      }
      return value;
    }
  }
}
