/**
 * Charts drawn with XChart: a plan's channels with phase labels, training curves, the LR range
 * test; written as PNG or SVG through {@code ChartFiles}, or as text. Layout decisions are pure
 * functions with their own tests: {@code Ticks.spacing} (round ticks), {@code LabelLayout} (phase
 * labels that never touch), {@link dev.anneal.schedule.ShapeNames} (what a phase is called, shared with {@code explain}); {@code AxisTicks} and
 * {@code StepLabels} hand them to XChart. docs/gallery.md shows the result.
 *
 * <p><b>Depends on:</b> XChart, VectorGraphics2D, the model; nothing of DJL.
 */
package dev.anneal.cli.chart;
