/**
 * Charts drawn with XChart: a plan's channels with phase labels, training curves, the LR range
 * test; written as PNG or SVG through {@code ChartFiles}, or as text.
 *
 * <p><b>Depends on:</b> XChart, VectorGraphics2D, the model; nothing of DJL.
 */
package dev.anneal.cli.chart;
