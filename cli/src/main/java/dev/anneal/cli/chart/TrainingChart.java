package dev.anneal.cli.chart;

import dev.anneal.cli.train.RunLog;
import dev.anneal.schedule.Schedule;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code anneal train}'s chart: the learning rate every update applied, with the phases of the
 * plan's {@code lr} channel, above the loss of every update and its moving average (log scale).
 */
public final class TrainingChart {
  /** The weight of the newest loss in the moving average drawn over the losses. */
  static final double AVERAGE_WEIGHT = 0.05;

  private TrainingChart() {}

  public static List<XYChart> panels(RunLog log, Schedule lr, String title) {
    int n = log.updates();
    double[] rates = new double[n];
    double[] losses = new double[n];
    for (int i = 0; i < n; i++) {
      rates[i] = log.lr(i);
      losses[i] = log.loss(i);
    }
    XYChart lrPanel = ChannelPanel.of(title + ": learning rate applied", "learning rate", rates, PhaseSpan.of(lr), lr.declaredEnd());
    return List.of(lrPanel, lossPanel(losses));
  }

  private static XYChart lossPanel(double[] losses) {
    // Log scale: a loss that falls by orders of magnitude stays readable after its first epochs.
    XYChart chart = ChartStyle.chart("training loss", "step (updates applied)", "loss (log scale)", ChartStyle.PANEL_HEIGHT);
    chart.getStyler().setYAxisLogarithmic(true);
    // XChart hands a log axis's formatting function other values than the ticks: use a pattern.
    chart.getStyler().setyAxisTickLabelsFormattingFunction(null);
    chart.getStyler().setYAxisDecimalPattern("0.####");
    Sampled raw = Sampled.of(losses, 1500);
    XYSeries batches = chart.addSeries("loss of each batch", raw.steps(), raw.values());
    batches.setMarker(SeriesMarkers.NONE);
    batches.setLineColor(ChartStyle.FAINT);
    batches.setLineStyle(ChartStyle.THIN);
    Sampled average = Sampled.of(movingAverage(losses), 1500);
    XYSeries smooth = chart.addSeries("moving average", average.steps(), average.values());
    smooth.setMarker(SeriesMarkers.NONE);
    smooth.setLineColor(ChartStyle.SECOND);
    smooth.setLineStyle(ChartStyle.SOLID);
    AxisTicks.onX(chart, Math.max(losses.length - 1, 1), losses[0]);
    return chart;
  }

  /** A bias-corrected exponential moving average (as fastai and {@code find-lr} smooth losses). */
  static double[] movingAverage(double[] values) {
    double[] out = new double[values.length];
    double average = 0;
    double beta = 1 - AVERAGE_WEIGHT;
    for (int i = 0; i < values.length; i++) {
      average = beta * average + AVERAGE_WEIGHT * values[i];
      out[i] = average / (1 - Math.pow(beta, i + 1));
    }
    return out;
  }
}
