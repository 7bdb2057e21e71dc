package dev.anneal.cli.chart;

import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code anneal plot --replan}: each channel's re-planned curve drawn as {@code plot} draws a plan
 * (solid, its phases marked), the plan before the re-plan dashed beneath it, and a marker at the
 * re-plan step, where the two meet.
 */
public final class ReplanChart {
  /** Buckets of the dashed curve: about 2 × 60 points over a 1000-pixel panel, segments of some 7 pixels. */
  private static final int DASHED_BUCKETS = 60;

  private ReplanChart() {}

  /**
   * The panels of every channel of {@code replanned} over steps {@code 0 … steps-1}, each with the
   * same channel of {@code old} and a marker at {@code at}.
   */
  public static List<XYChart> panels(Plan old, Plan replanned, long at, int steps, StepAxis axis) {
    List<XYChart> panels = new ArrayList<>();
    for (Map.Entry<String, Schedule> channel : replanned.channels().entrySet()) {
      Schedule schedule = channel.getValue();
      double[] values = PlanChart.values(schedule, steps);
      double[] before = PlanChart.values(old.channel(channel.getKey()), steps);
      XYChart chart = ChannelPanel.of(channel.getKey() + " (solid: re-planned at step " + at + "; dashed: before)",
          PlanChart.meaning(channel.getKey()), values, PhaseSpan.of(schedule), schedule.declaredEnd(), axis);
      // Few points: XChart strokes each segment on its own, so a dash shows only on segments longer than it.
      Sampled sampled = Sampled.of(before, DASHED_BUCKETS);
      double[] xs = sampled.steps().clone();
      for (int i = 0; i < xs.length; i++) {
        xs[i] = axis.at((long) xs[i]);
      }
      XYSeries dashed = chart.addSeries("before the re-plan", xs, sampled.values());
      dashed.setMarker(SeriesMarkers.NONE);
      dashed.setLineColor(ChartStyle.SECOND);
      dashed.setLineStyle(ChartStyle.DASHED);
      dashed.setShowInLegend(false);
      if (at < steps) {
        // A solid line across the panel: markers are off in the common style, and a line reads at any size.
        double x = axis.at(at);
        double low = chart.getStyler().getYAxisMin();
        double high = chart.getStyler().getYAxisMax();
        XYSeries marker = chart.addSeries("re-planned at step " + at, new double[] {x, x}, new double[] {low, high});
        marker.setMarker(SeriesMarkers.NONE);
        marker.setLineColor(ChartStyle.REPLAN);
        marker.setLineStyle(ChartStyle.THIN);
        marker.setShowInLegend(false);
      }
      panels.add(chart);
    }
    return panels;
  }
}
