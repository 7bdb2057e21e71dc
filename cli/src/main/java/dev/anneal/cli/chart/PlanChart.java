package dev.anneal.cli.chart;

import dev.anneal.config.SteppedValues;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** {@code anneal plot}: one panel per channel of a plan, stacked, over the same steps. */
public final class PlanChart {
  private PlanChart() {}

  /** The panels of every channel of {@code plan} over steps {@code 0 … steps-1} (no metric observed). */
  public static List<XYChart> panels(Plan plan, int steps) {
    return panels(plan, steps, StepAxis.updates());
  }

  /** As {@link #panels(Plan, int)}, over an x axis in {@code axis}'s unit. */
  public static List<XYChart> panels(Plan plan, int steps, StepAxis axis) {
    List<XYChart> panels = new ArrayList<>();
    for (Map.Entry<String, Schedule> channel : plan.channels().entrySet()) {
      Schedule schedule = channel.getValue();
      double[] values = values(schedule, steps);
      panels.add(ChannelPanel.of(channel.getKey(), meaning(channel.getKey()), values, PhaseSpan.of(schedule), schedule.declaredEnd(), axis));
    }
    return panels;
  }

  /** The values of {@code schedule} at steps {@code 0 … steps-1}, as a training loop meets them. */
  public static double[] values(Schedule schedule, int steps) {
    SteppedValues curve = SteppedValues.of(schedule);
    double[] values = new double[steps];
    for (int i = 0; i < steps; i++) {
      values[i] = curve.nextDouble();
    }
    return values;
  }

  /** What a channel's values are, for the y axis. */
  static String meaning(String channel) {
    return switch (channel) {
      case Plan.LR -> "learning rate";
      case Plan.MOMENTUM -> "momentum (Adam: beta1)";
      case Plan.WEIGHT_DECAY -> "weight decay";
      default -> channel;
    };
  }
}
