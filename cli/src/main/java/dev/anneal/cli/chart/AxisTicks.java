package dev.anneal.cli.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Makes XChart draw its linear axes' ticks at the round spacing {@link Ticks#spacing} chose.
 *
 * <p>XChart 3.8 takes no tick positions. It picks a spacing itself: {@code span / pixels × hint},
 * rounded to 1 (from 0.75 to 1.5), 2 (to 3.5) or 5 (to 7.5) times a power of ten, where {@code
 * hint} is the styler's tick spacing hint. {@link #hint} asks for the geometric middle of the range
 * that gives the spacing chosen, so the choice holds while the plot's real size is within a third
 * of the estimate. And when the distinct values of all series are equally spaced (within 0.0001,
 * which every small learning rate is), XChart puts a tick at every value; one hidden point far
 * outside the drawn range breaks that spacing and is never drawn (no marker, no line, no legend).
 */
final class AxisTicks {
  /** The plot's width as XChart lays out ticks: the chart's, less the y axis and the margins, times its 0.92 content share. */
  static final double X_PIXELS = (ChartStyle.WIDTH - 150) * 0.92;
  /** Most x intervals: the ticks at least about 110 pixels apart, so "100000" and its neighbours read apart. */
  static final int X_INTERVALS = 7;
  /** Most y intervals on a panel about 190 pixels high. */
  static final int Y_INTERVALS = 6;

  private AxisTicks() {}

  /** The pixels of one tick interval for XChart's hint, so that it chooses {@code spacing} (see the class comment). */
  static int hint(double spacing, double span, double pixels) {
    double leading = new BigDecimal(spacing).round(new MathContext(1)).unscaledValue().doubleValue();
    double middle = leading == 1 ? 1.06 : leading == 2 ? 2.29 : 5.12;
    return (int) Math.round(pixels / span * spacing * middle / leading);
  }

  /**
   * The end of an axis that data reach at {@code max}: the next tick when it is within 5% of the
   * span, so that 0 … 39 ends on a labelled 40; otherwise {@code max} itself.
   */
  static double end(double max, double spacing) {
    double next = Math.ceil(max / spacing - 1e-9) * spacing;
    return next - max <= 0.05 * max ? next : max;
  }

  /** The x axis from 0 to {@code max} steps with round ticks; {@code y} is any value on the y axis. */
  static void onX(XYChart chart, double max, double y) {
    onX(chart, max, y, 1);
  }

  /** As {@link #onX(XYChart, double, double)}, ticks at least {@code smallest} apart (0 for fractional epochs). */
  static void onX(XYChart chart, double max, double y, double smallest) {
    double spacing = Ticks.spacing(0, max, X_INTERVALS, smallest);
    double end = end(max, spacing);
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(end);
    chart.getStyler().setXAxisTickMarkSpacingHint(hint(spacing, end, X_PIXELS));
    hidden(chart, 2 * end + 1, y);
  }

  /** The y axis from {@code low} to {@code high} with round ticks, {@code pixels} high as XChart lays out ticks. */
  static void onY(XYChart chart, double low, double high, double pixels) {
    double spacing = Ticks.spacing(low, high, Y_INTERVALS, 0);
    chart.getStyler().setYAxisMin(low);
    chart.getStyler().setYAxisMax(high);
    chart.getStyler().setYAxisTickMarkSpacingHint(hint(spacing, high - low, pixels));
    hidden(chart, 0, high + Math.abs(high) + Math.abs(low) + 1);
  }

  private static void hidden(XYChart chart, double x, double y) {
    XYSeries point = chart.addSeries(" ".repeat(chart.getSeriesMap().size() + 1), new double[] {x}, new double[] {y});
    point.setMarker(SeriesMarkers.NONE);
    point.setShowInLegend(false);
  }
}
