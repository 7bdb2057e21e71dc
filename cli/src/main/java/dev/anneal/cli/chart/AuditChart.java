package dev.anneal.cli.chart;

import java.util.List;
import java.util.OptionalLong;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code anneal audit --plot}: a logged learning rate drawn over the config's exact curve, with the
 * first step where they part marked in red.
 */
public final class AuditChart {
  /** Up to this many logged points each get a marker; a denser log is drawn as a line. */
  static final int MARKED_POINTS = 120;

  private AuditChart() {}

  /**
   * @param title the chart's title
   * @param configValues the config's value at steps {@code 0 … n-1}, NaN past the end of a schedule that refuses to go on (not drawn)
   * @param steps the logged steps, in the curve's steps (updates already applied)
   * @param logged the learning rate logged at each of {@code steps}
   * @param parting the first step where they part, if any
   */
  public static List<XYChart> panels(String title, double[] configValues, double[] steps, double[] logged, OptionalLong parting) {
    double[] curve = defined(configValues);
    XYChart chart = ChartStyle.chart(title, "step (updates applied)", "learning rate", ChartStyle.PANEL_HEIGHT + 100);
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (double[] values : List.of(curve, logged)) {
      for (double value : values) {
        if (Double.isFinite(value)) {
          low = Math.min(low, value);
          high = Math.max(high, value);
        }
      }
    }
    double span = high > low ? high - low : Math.max(Math.abs(high), 1e-12);
    low = low >= 0 ? Math.max(0, low - 0.05 * span) : low - 0.05 * span;
    high = high + 0.2 * span;
    chart.getStyler().setyAxisTickLabelsFormattingFunction(Ticks.forRange(low, high));
    Sampled sampled = Sampled.of(curve, 1500);
    XYSeries exact = chart.addSeries("the config's curve", sampled.steps(), sampled.values());
    exact.setMarker(SeriesMarkers.NONE);
    exact.setLineColor(ChartStyle.CURVE);
    exact.setLineStyle(ChartStyle.SOLID);
    XYSeries log = chart.addSeries("the log", steps, logged);
    log.setLineColor(ChartStyle.SECOND);
    log.setLineStyle(ChartStyle.THIN);
    if (steps.length <= MARKED_POINTS) {
      log.setMarker(SeriesMarkers.CIRCLE);
      log.setMarkerColor(ChartStyle.SECOND);
      chart.getStyler().setMarkerSize(5);
    } else {
      log.setMarker(SeriesMarkers.NONE);
    }
    if (parting.isPresent()) {
      long step = parting.getAsLong();
      XYSeries line = chart.addSeries("first parting (step " + step + ")", new double[] {step, step}, new double[] {low, high});
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(ChartStyle.END);
      line.setLineStyle(ChartStyle.DASHED);
    }
    double xMax = Math.max(Math.max(curve.length - 1, steps.length == 0 ? 0 : steps[steps.length - 1]), 1);
    AxisTicks.onX(chart, xMax, low);
    AxisTicks.onY(chart, low, high, (ChartStyle.PANEL_HEIGHT + 100 - 110) * 0.92);
    chart.getStyler().setLegendVisible(true);
    return List.of(chart);
  }

  /** The values up to the first NaN: a schedule that refuses steps past its end refuses every later one. */
  private static double[] defined(double[] values) {
    int n = 0;
    while (n < values.length && !Double.isNaN(values[n])) {
      n++;
    }
    return java.util.Arrays.copyOf(values, Math.max(n, 1));
  }
}
