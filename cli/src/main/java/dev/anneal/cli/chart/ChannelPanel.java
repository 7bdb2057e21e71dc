package dev.anneal.cli.chart;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.List;
import java.util.OptionalLong;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One channel of a plan drawn over steps {@code 0 … n-1}: the curve, a dashed line at every phase
 * boundary with the phase's shape written at its start, and the declared end in red.
 */
final class ChannelPanel {
  /** Roughly the pixels of a chart outside its plot area (axis labels, titles, margins), for placing labels. */
  private static final int MARGIN_PX = 140;
  private static final FontRenderContext TEXT = new FontRenderContext(null, true, true);

  private ChannelPanel() {}

  /**
   * @param title the panel's title
   * @param yTitle the y axis title
   * @param values the value at each step
   * @param phases the phases to mark (none for a curve without phases)
   * @param declaredEnd the declared end, marked when it lies within the steps drawn
   */
  static XYChart of(String title, String yTitle, double[] values, List<PhaseSpan> phases, OptionalLong declaredEnd) {
    XYChart chart = ChartStyle.chart(title, "step (updates applied)", yTitle, ChartStyle.PANEL_HEIGHT);
    Range y = Range.of(values);
    double xMax = Math.max(values.length - 1, 1);
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(xMax);
    chart.getStyler().setYAxisMin(y.low());
    chart.getStyler().setYAxisMax(y.high());
    chart.getStyler().setyAxisTickLabelsFormattingFunction(Ticks.forRange(y.low(), y.high()));
    Sampled sampled = Sampled.of(values, 1500);
    XYSeries curve = chart.addSeries(title, sampled.steps(), sampled.values());
    curve.setMarker(SeriesMarkers.NONE);
    curve.setLineColor(ChartStyle.CURVE);
    curve.setLineStyle(ChartStyle.SOLID);
    curve.setShowInLegend(false);
    ChartStyle.roundXTicks(chart, values[0]);
    markPhases(chart, phases, xMax, y);
    if (declaredEnd.isPresent() && declaredEnd.getAsLong() <= xMax) {
      long end = declaredEnd.getAsLong();
      XYSeries line = chart.addSeries("declared end (step " + end + ")", new double[] {end, end}, new double[] {y.low(), y.high()});
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(ChartStyle.END);
      line.setLineStyle(ChartStyle.DASHED);
    } else {
      chart.getStyler().setLegendVisible(false);
    }
    return chart;
  }

  /** Boundaries as dashed lines; each phase's shape written just right of its start, on a second row where it would overlap. */
  private static void markPhases(XYChart chart, List<PhaseSpan> phases, double xMax, Range y) {
    Font font = chart.getStyler().getAnnotationTextFont();
    double stepsPerPixel = xMax / (ChartStyle.WIDTH - MARGIN_PX);
    double[] rowEnds = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (PhaseSpan phase : phases) {
      if (phase.start() > xMax) {
        break;
      }
      if (phase.start() > 0) {
        chart.addAnnotation(new AnnotationLine(phase.start(), true, false));
      }
      String text = phase.index() + ": " + phase.label();
      double width = font.getStringBounds(text, TEXT).getWidth() * stepsPerPixel;
      double left = phase.start() + 6 * stepsPerPixel;
      int row = left >= rowEnds[0] ? 0 : 1;
      rowEnds[row] = left + width + 12 * stepsPerPixel;
      double rowY = y.high() - (row == 0 ? 0.07 : 0.16) * (y.high() - y.low());
      chart.addAnnotation(new AnnotationText(text, left + width / 2, rowY, false));
    }
  }

  /** The y range drawn: the values' range with room above for the phase labels. */
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
      return new Range(low, max + 0.25 * span);
    }
  }
}
