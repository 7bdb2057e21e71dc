package dev.anneal.cli.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** The one look of every chart the command draws: white, large type, readable tick labels. */
final class ChartStyle {
  static final int WIDTH = 1000;
  static final int PANEL_HEIGHT = 300;
  static final Color CURVE = new Color(0x1f77b4);
  static final Color SECOND = new Color(0xff7f0e);
  static final Color FAINT = new Color(0xaec7e8);
  static final Color BOUNDARY = new Color(0x7f7f7f);
  static final Color END = new Color(0xd62728);
  /** The step a plan was re-planned at ({@code plot --replan}). */
  static final Color REPLAN = new Color(0x2ca02c);
  static final BasicStroke SOLID = new BasicStroke(2f);
  static final BasicStroke THIN = new BasicStroke(1f);
  static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  private ChartStyle() {}

  /** An empty chart with the common style: titles, fonts, and {@link Ticks} on both axes. */
  static XYChart chart(String title, String xTitle, String yTitle, int height) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    XYStyler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderColor(Color.LIGHT_GRAY);
    styler.setPlotGridLinesColor(new Color(0xe5e5e5));
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    styler.setLegendPosition(Styler.LegendPosition.InsideNE);
    styler.setLegendBorderColor(Color.LIGHT_GRAY);
    styler.setAnnotationLineColor(BOUNDARY);
    styler.setAnnotationLineStroke(DASHED);
    styler.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.ITALIC, 13));
    styler.setAnnotationTextFontColor(new Color(0x404040));
    styler.setMarkerSize(0);
    styler.setXAxisDecimalPattern("0"); // steps: whole numbers, never 2.0E4
    styler.setyAxisTickLabelsFormattingFunction(Ticks::label);
    return chart;
  }
}
