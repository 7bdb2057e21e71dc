package dev.anneal.annotation;

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
 * made (its Javadoc there gives the default). Batch-size schedules are not expressible here:
 * build such a schedule with the builder or Anneal JSON.
 *
 * <pre>{@code
 * @TrainingSchedule(
 *     geometry = @Geometry(batchSize = 512, sequenceLength = 2048),
 *     phases = {
 *         @PhaseSpec(shape = LINEAR, steps = "375_000_000", unit = Unit.TOKENS, from = "0", to = "6e-4"),
 *         @PhaseSpec(shape = COSINE, steps = "260_000_000_000", unit = Unit.TOKENS, to = "6e-5")})
 * interface Gpt3LearningRate {}
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
}
