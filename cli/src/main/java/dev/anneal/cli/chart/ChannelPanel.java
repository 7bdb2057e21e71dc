package dev.anneal.cli.chart;

import java.util.List;
import java.util.OptionalLong;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One channel of a plan drawn over steps {@code 0 … n-1} (on an axis of updates, or of the epochs,
 * samples or tokens they consume: {@link StepAxis}): the curve, a dashed line at every phase
 * boundary, the declared end in red, and their labels laid out by {@link StepLabels}.
 */
final class ChannelPanel {
  /** The plot's height as XChart lays out ticks: the panel's, less the title and the x axis, times its 0.92 content share. */
  private static final double Y_PIXELS = (ChartStyle.PANEL_HEIGHT - 110) * 0.92;

  private ChannelPanel() {}

  /**
   * @param title the panel's title
   * @param yTitle the y axis title
   * @param values the value at each step
   * @param phases the phases to mark (none for a curve without phases)
   * @param declaredEnd the declared end, marked when it lies within the steps drawn
   */
  static XYChart of(String title, String yTitle, double[] values, List<PhaseSpan> phases, OptionalLong declaredEnd) {
    return of(title, yTitle, values, phases, declaredEnd, StepAxis.updates());
  }

  /** As {@link #of(String, String, double[], List, OptionalLong)}, the x axis counting {@code axis}'s unit. */
  static XYChart of(String title, String yTitle, double[] values, List<PhaseSpan> phases, OptionalLong declaredEnd, StepAxis axis) {
    XYChart chart = ChartStyle.chart(title, axis.title(), yTitle, ChartStyle.PANEL_HEIGHT);
    chart.getStyler().setLegendVisible(false);
    Range y = Range.of(values);
    long lastStep = Math.max(values.length - 1, 1);
    double xMax = axis.at(lastStep);
    chart.getStyler().setyAxisTickLabelsFormattingFunction(Ticks.forRange(y.low(), y.high()));
    chart.getStyler().setxAxisTickLabelsFormattingFunction(axis.tickLabels());
    Sampled sampled = Sampled.of(values, 1500);
    double[] xs = sampled.steps().clone();
    for (int i = 0; i < xs.length; i++) {
      xs[i] = axis.at((long) xs[i]);
    }
    XYSeries curve = chart.addSeries(title, xs, sampled.values());
    curve.setMarker(SeriesMarkers.NONE);
    curve.setLineColor(ChartStyle.CURVE);
    curve.setLineStyle(ChartStyle.SOLID);
    curve.setShowInLegend(false);
    AxisTicks.onX(chart, xMax, values[0], axis.smallestSpacing());
    AxisTicks.onY(chart, y.low(), y.high(), Y_PIXELS);
    for (PhaseSpan phase : phases) {
      if (phase.start() > 0 && phase.start() <= lastStep) {
        chart.addAnnotation(new AnnotationLine(axis.at(phase.start()), true, false));
      }
    }
    OptionalLong end = declaredEnd.isPresent() && declaredEnd.getAsLong() <= lastStep ? declaredEnd : OptionalLong.empty();
    if (end.isPresent()) {
      double at = axis.at(end.getAsLong());
      XYSeries line = chart.addSeries("declared end (step " + end.getAsLong() + ")", new double[] {at, at}, new double[] {y.low(), y.high()});
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(ChartStyle.END);
      line.setLineStyle(ChartStyle.DASHED);
      line.setShowInLegend(false);
    }
    StepLabels.add(chart, phases, end, lastStep, axis, y.high());
    return chart;
  }

  /** The y range drawn: the values' range with room above for two rows of labels. */
  private record Range(double low, double high) {
    static Range of(double[] values) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double value : values) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      double span = max - min;
      if (span == 0) {
        span = max == 0 ? 1 : Math.abs(max) * 0.2;
      }
      double low = min - 0.05 * span;
      if (min >= 0 && low < 0) {
        low = 0;
      }
      return new Range(low, max + 0.3 * span);
    }
  }
}
