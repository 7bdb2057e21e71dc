package dev.anneal.cli.chart;

import dev.anneal.geometry.Unit;
import dev.anneal.schedule.Phase;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;

/**
 * Writes the labels of a channel panel's phases and declared end where {@link LabelLayout} puts
 * them, measured on the laid-out chart: the chart is painted once off screen so that the plot's
 * real pixels (which depend on the y tick labels' width) place the labels, not an estimate. What
 * did not fit is named in the title.
 */
final class StepLabels {
  /** Rows of labels: the y range leaves room for two above the curve. */
  static final int ROWS = 2;
  /** The x tick spacing hint while measuring: below any plot height, see {@link #add}. */
  private static final int MEASURING_HINT = 50;

  private StepLabels() {}

  /**
   * Adds the labels to {@code chart}, whose axes and series are complete: x from 0 to the styler's
   * x maximum in {@code axis}'s unit, y up to {@code yHigh}; the labels of phases that start after
   * step {@code lastStep} are left out.
   */
  static void add(XYChart chart, List<PhaseSpan> phases, OptionalLong end, long lastStep, StepAxis axis, double yHigh) {
    BufferedImage scratch = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    // XChart 3.8 maps every y value to the plot's middle while the plot is less high than the x
    // axis's tick spacing hint (Axis.getScreenValue compares the y axis with the x hint): keep the
    // hint small while painting and measuring. The hint moves no part of the chart, only where x ticks fall.
    int xHint = chart.getStyler().getXAxisTickMarkSpacingHint();
    chart.getStyler().setXAxisTickMarkSpacingHint(Math.min(xHint, MEASURING_HINT));
    chart.paint(g, chart.getWidth(), chart.getHeight());
    FontRenderContext context = g.getFontRenderContext();
    g.dispose();
    double axisEnd = chart.getStyler().getXAxisMax();
    double left = chart.getScreenXFromChart(0);
    double right = chart.getScreenXFromChart(axisEnd);
    double top = chart.getScreenYFromChart(yHigh);
    chart.getStyler().setXAxisTickMarkSpacingHint(xHint);
    Font font = chart.getStyler().getAnnotationTextFont();
    double rowHeight = font.getLineMetrics("0", context).getHeight() + 2;

    List<LabelLayout.Label> labels = new ArrayList<>();
    if (end.isPresent()) {
      long step = end.getAsLong();
      labels.add(new LabelLayout.Label("declared end (step " + step + ")", "end", "declared end at step " + step,
          px(axis.at(step), left, right, axisEnd), right, LabelLayout.Side.BEFORE));
    }
    for (PhaseSpan phase : phases) {
      if (phase.start() > lastStep) {
        break;
      }
      // A phase that runs past the steps drawn may end past the geometry's reach: it reaches the axis's end.
      boolean beyond = phase.end() == Phase.OPEN || (axis.unit() != Unit.UPDATES && phase.end() > lastStep);
      double limit = beyond ? right : px(Math.min(axis.at(phase.end()), axisEnd), left, right, axisEnd);
      labels.add(new LabelLayout.Label(phase.label(), Integer.toString(phase.index()), phase.label(),
          px(axis.at(phase.start()), left, right, axisEnd), limit, LabelLayout.Side.AFTER));
    }
    LabelLayout.Layout layout = LabelLayout.of(labels, text -> width(text, font, context), left, right, ROWS);
    for (LabelLayout.Placed placed : layout.placed()) {
      // In pixels, not in the axes' values: the same XChart mapping would put them in the middle.
      double centreX = placed.left() + placed.width() / 2;
      double centreY = top + 2 + (placed.row() + 0.5) * rowHeight;
      chart.addAnnotation(new AnnotationText(placed.text(), centreX, chart.getHeight() - centreY, true));
    }
    if (!layout.key().isEmpty()) {
      chart.setTitle(chart.getTitle() + " (" + String.join("; ", layout.key()) + ")");
    }
  }

  private static double px(double step, double left, double right, double axisEnd) {
    return left + step / axisEnd * (right - left);
  }

  /** The width XChart's {@code AnnotationText} gives {@code text}: its outline's. */
  private static double width(String text, Font font, FontRenderContext context) {
    return new TextLayout(text, font, context).getOutline(null).getBounds2D().getWidth();
  }
}
