/**
 * The geometry of a training run and the units people state schedules in: {@link
 * dev.anneal.geometry.RunGeometry} (updates per epoch or the data-set figures, gradient
 * accumulation, data-parallel size, sequence length, a {@link dev.anneal.geometry.BatchSchedule}),
 * {@link dev.anneal.geometry.Length} (an amount of updates, epochs, samples or tokens) and the
 * exact conversions between them, each rounding rule named after the framework it follows
 * ({@code docs/units.md}). Resolution happens once, when a schedule is built; the model itself
 * counts updates only.
 *
 * <p><b>Depends on:</b> {@code dev.anneal.schedule} (for {@link dev.anneal.schedule.Cadence} and the
 * {@link dev.anneal.schedule.Consumption} that {@link dev.anneal.schedule.Clocked} schedules read),
 * {@code dev.anneal.rules} and the JDK only.
 */
package dev.anneal.geometry;
