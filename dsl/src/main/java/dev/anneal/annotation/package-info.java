/**
 * Annotations that declare schedules in source, checked by the Anneal annotation processor at
 * compile time with the same rules the fluent builder runs, and generated as allocation-free
 * classes.
 *
 * <ul>
 *   <li>{@link dev.anneal.annotation.TrainingSchedule} on a class: a fixed schedule, its phases in
 *       order; on a record: a schedule whose lengths and values are expressions over the record's
 *       components ({@code "total - warmup"}, {@code "peak * minRatio"}) and the functions {@code
 *       min}, {@code max}, {@code round}, {@code floor}, {@code ceil}, {@code sqrt}, {@code pow}.
 *   <li>{@link dev.anneal.annotation.TrainingPlan}: several channels (learning rate, momentum,
 *       weight decay) declared the same way, sharing phase lengths.
 *   <li>{@link dev.anneal.annotation.Geometry}: the run geometry, as constants, that phases with a
 *       {@link dev.anneal.annotation.PhaseSpec#unit()} of epochs, samples or tokens resolve against.
 *   <li>{@link dev.anneal.annotation.CheckedConfig}: a config resource of the project (Anneal
 *       JSON, {@code ds_config.json}, …) read and checked during the build.
 * </ul>
 *
 * <p>The processor reports warnings as compiler warnings and notes (upstream's own quirks) as
 * compiler notes, so a {@code -Werror} build of a faithful config passes. Both can be suppressed by
 * code with {@code @SuppressWarnings("anneal:<CodeId>")} (for example {@code
 * "anneal:JumpBetweenPhases"}) on the annotated type or an enclosing one, or all of them with
 * {@code @SuppressWarnings("anneal")}. Errors cannot be suppressed.
 *
 * <p>The support code that generated classes call lives in {@code dev.anneal.internal}: an ABI
 * between the processor and the library, not API.
 */
package dev.anneal.annotation;
