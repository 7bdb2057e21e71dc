/**
 * The schedule model: the sealed {@link dev.anneal.schedule.Shape} and its records, phases,
 * {@link dev.anneal.schedule.Sequence}, {@link dev.anneal.schedule.Plan}, reactive state, and
 * the rules of schedules and plans, all immutable and pure; {@link dev.anneal.schedule.Stepped}
 * and {@link dev.anneal.schedule.Clocked} wrap a schedule counted in epochs, or in samples or
 * tokens consumed ({@link dev.anneal.schedule.Consumption}, which the geometry computes). {@link
 * dev.anneal.schedule.ShapeVisitor} is the one way to dispatch over shapes.
 *
 * <p><b>Depends on:</b> {@code dev.anneal.rules} and the JDK only: no Jackson, no commons-text,
 * no format.
 */
package dev.anneal.schedule;
