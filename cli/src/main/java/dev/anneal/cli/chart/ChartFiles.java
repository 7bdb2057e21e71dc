package dev.anneal.cli.chart;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;

/** Writes charts stacked top to bottom into one PNG or SVG file, chosen by the file's extension. */
public final class ChartFiles {
  /** The extensions {@link #write} understands. */
  public static final List<String> EXTENSIONS = List.of(".png", ".svg");

  private ChartFiles() {}

  /** Whether {@code file}'s name ends with one of {@link #EXTENSIONS} (any case). */
  public static boolean supported(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /**
   * Draws {@code panels}, each its own height, one below the other, into {@code file}. The commands
   * call it through {@code Outputs.write}, which hands it a temporary file beside the target (with
   * the target's extension) and renames that into place, so a failed drawing never tears a chart.
   *
   * @throws IllegalArgumentException if the extension is neither .png nor .svg (check {@link #supported} first)
   */
  public static void write(List<XYChart> panels, Path file) throws IOException {
    int width = panels.stream().mapToInt(XYChart::getWidth).max().orElse(ChartStyle.WIDTH);
    int height = panels.stream().mapToInt(XYChart::getHeight).sum();
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".png")) {
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      paint(panels, g);
      g.dispose();
      try (OutputStream out = Files.newOutputStream(file)) {
        ImageIO.write(image, "png", out);
      }
    } else if (name.endsWith(".svg")) {
      VectorGraphics2D g = new VectorGraphics2D();
      paint(panels, g);
      Document document = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height));
      try (OutputStream out = Files.newOutputStream(file)) {
        document.writeTo(out);
      }
    } else {
      throw new IllegalArgumentException(file + " is neither .png nor .svg");
    }
  }

  private static void paint(List<XYChart> panels, Graphics2D g) {
    int top = 0;
    for (XYChart panel : panels) {
      Graphics2D part = (Graphics2D) g.create(0, top, panel.getWidth(), panel.getHeight());
      panel.paint(part, panel.getWidth(), panel.getHeight());
      part.dispose();
      top += panel.getHeight();
    }
  }
}
