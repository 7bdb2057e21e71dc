package dev.anneal.annotation;

import dev.anneal.geometry.BatchRamp;
import dev.anneal.geometry.MegatronBatchSteps;
import dev.anneal.geometry.RunGeometry;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The run geometry that turns a {@link PhaseSpec#unit()} of epochs, samples or tokens into
 * optimizer updates, as constants: the processor builds the {@link RunGeometry} these attributes
 * describe at compile time and resolves every length of a fixed schedule with it (a record's, the
 * generated class when it is built from a config), by {@link RunGeometry}'s rounding rules,
 * exactly as {@code Schedules…build(geometry)} and Anneal JSON's {@code "geometry"} do.
 * Each attribute is one {@link RunGeometry.Builder} call; an attribute left out is a call not
 * made (its Javadoc there gives the default).
 *
 * <p>The global batch of every update is, at most one of: {@link #globalBatch()} (constant),
 * {@link #batchSteps()} (Megatron-LM's {@code --step-batch-size-schedule}, read by {@link
 * MegatronBatchSteps#parse} exactly as Anneal JSON's {@code "batch_steps"}), or the linear ramp
 * {@link #rampStart()}, {@link #rampIncrement()}, {@link #rampFull()} with {@link #rampSamples()}
 * or {@link #rampTokens()} (a {@link BatchRamp}, Anneal JSON's {@code "batch_ramp"} keys); with
 * none, {@code batchSize × gradientAccumulation × dataParallel}. A schedule whose batch changes is
 * best written on a clock ({@link TrainingSchedule#clock()}): its lengths then count the samples
 * or tokens consumed, as Megatron-LM's scheduler does. A bad schedule is a compile-time error on
 * the attribute ({@code InvalidBatchSchedule}).
 *
 * <pre>{@code
 * @TrainingSchedule(
 *     geometry = @Geometry(batchSize = 512, sequenceLength = 2048),
 *     phases = {
 *         @PhaseSpec(shape = LINEAR, steps = "375_000_000", unit = Unit.TOKENS, from = "0", to = "6e-4"),
 *         @PhaseSpec(shape = COSINE, steps = "260_000_000_000", unit = Unit.TOKENS, to = "6e-5")})
 * interface Gpt3LearningRate {}
 *
 * @TrainingSchedule(
 *     clock = Clock.TOKENS,
 *     geometry = @Geometry(sequenceLength = 2048, batchSteps = "0:32 4B:1024 12B:1536"),
 *     phases = {
 *         @PhaseSpec(shape = LINEAR, steps = "375_000_000", unit = Unit.TOKENS, from = "0", to = "6e-4"),
 *         @PhaseSpec(shape = COSINE, steps = "260_000_000_000", unit = Unit.TOKENS, to = "6e-5")})
 * interface Gpt3WithBatchRamp {}
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Geometry {
  /** Updates in one epoch ({@link RunGeometry.Builder#updatesPerEpoch}). */
  long updatesPerEpoch() default 0;

  /** Examples in the training data set ({@link RunGeometry.Builder#datasetSize}). */
  long datasetSize() default 0;

  /** Samples per loader batch on one process ({@link RunGeometry.Builder#batchSize}). */
  long batchSize() default 0;

  /** Whether the loader drops its last, incomplete batch ({@link RunGeometry.Builder#dropLast}). */
  boolean dropLast() default false;

  /** Loader batches per update ({@link RunGeometry.Builder#gradientAccumulation}). */
  long gradientAccumulation() default 1;

  /** Data-parallel processes ({@link RunGeometry.Builder#dataParallel}). */
  long dataParallel() default 1;

  /** Tokens per sample ({@link RunGeometry.Builder#sequenceLength}). */
  long sequenceLength() default 0;

  /** The same global batch, in samples, for every update ({@code ConstantBatch}); Anneal JSON's {@code global_batch}. */
  long globalBatch() default 0;

  /**
   * Megatron-LM's step batch-size schedule, e.g. {@code "0:32 2.4B:640 12B:3200"}: entries {@code
   * THRESHOLD:BATCH} whose thresholds are tokens when {@link #sequenceLength()} is given (divided by
   * it, floor), else samples; Anneal JSON's {@code batch_steps} ({@link MegatronBatchSteps#parse}).
   */
  String batchSteps() default "";

  /** The ramp's first batch ({@link BatchRamp#start()}); Anneal JSON's {@code batch_ramp.start}. */
  long rampStart() default 0;

  /** What each increment of the ramp adds ({@link BatchRamp#increment()}); {@code batch_ramp.increment}. */
  long rampIncrement() default 0;

  /** The batch after the ramp ({@link BatchRamp#full()}); {@code batch_ramp.full}. */
  long rampFull() default 0;

  /** Samples over which the batch ramps ({@link BatchRamp#rampSamples()}); {@code batch_ramp.samples}. */
  long rampSamples() default 0;

  /** Tokens over which the batch ramps, floor-divided by {@link #sequenceLength()} into samples; {@code batch_ramp.tokens}. */
  long rampTokens() default 0;
}
