package dev.anneal.cli.chart;

import dev.anneal.runtime.RangeTestResult;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** {@code anneal find-lr}'s chart: loss against learning rate (log scale), the suggestions marked. */
public final class RangeTestChart {
  private RangeTestChart() {}

  public static XYChart of(RangeTestResult result, String title) {
    List<RangeTestResult.Point> points = result.points();
    double[] lr = points.stream().mapToDouble(RangeTestResult.Point::lr).toArray();
    double[] loss = points.stream().mapToDouble(RangeTestResult.Point::loss).toArray();
    double[] smoothed = points.stream().mapToDouble(RangeTestResult.Point::smoothedLoss).toArray();
    XYChart chart = ChartStyle.chart(title, "learning rate (log scale)", "loss", 450);
    chart.getStyler().setXAxisLogarithmic(true);
    // XChart hands a log axis's formatting function other values than the ticks: use a pattern
    // (1E-7 … 1E1), one tick per decade.
    chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
    chart.getStyler().setXAxisDecimalPattern("0E0");
    // Below the plot: the suggestions' labels run along the top of the plot, wherever their learning rates fall.
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < loss.length; i++) {
      if (Double.isFinite(loss[i])) {
        low = Math.min(low, Math.min(loss[i], smoothed[i]));
        high = Math.max(high, Math.max(loss[i], smoothed[i]));
      }
    }
    // A diverging loss can be orders of magnitude above the rest: cap the axis at 4 × the start.
    double cap = Math.min(high, 4 * smoothed[0]);
    chart.getStyler().setYAxisMin(Math.max(0, low - 0.05 * (cap - low)));
    chart.getStyler().setYAxisMax(cap + 0.25 * (cap - low));
    XYSeries raw = chart.addSeries("loss of each batch", lr, finite(loss, cap * 10));
    raw.setMarker(SeriesMarkers.NONE);
    raw.setLineColor(ChartStyle.FAINT);
    raw.setLineStyle(ChartStyle.THIN);
    XYSeries smooth = chart.addSeries("smoothed loss", lr, finite(smoothed, cap * 10));
    smooth.setMarker(SeriesMarkers.NONE);
    smooth.setLineColor(ChartStyle.CURVE);
    smooth.setLineStyle(ChartStyle.SOLID);
    double top = cap + 0.15 * (cap - low);
    mark(chart, result.steepest(), "steepest " + Ticks.label(result.steepest()), top);
    mark(chart, result.cycleMaxLr(), "lowest loss " + Ticks.label(result.cycleMaxLr()), top - 0.1 * (cap - low));
    mark(chart, result.minimumOverTen(), "lowest / 10 " + Ticks.label(result.minimumOverTen()), top - 0.2 * (cap - low));
    return chart;
  }

  private static void mark(XYChart chart, double lr, String text, double y) {
    chart.addAnnotation(new AnnotationLine(lr, true, false));
    chart.addAnnotation(new AnnotationText(text, lr, y, false));
  }

  /** Values with anything not finite replaced by {@code ceiling}, so a diverged point still draws. */
  private static double[] finite(double[] values, double ceiling) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      if (!Double.isFinite(out[i]) || out[i] > ceiling) {
        out[i] = ceiling;
      }
    }
    return out;
  }
}
