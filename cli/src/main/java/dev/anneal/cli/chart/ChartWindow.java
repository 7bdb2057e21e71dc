package dev.anneal.cli.chart;

import java.awt.GridLayout;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.knowm.xchart.XChartPanel;
import org.knowm.xchart.XYChart;

/** The panels in a desktop window; the command waits until the user closes it. */
public final class ChartWindow {
  private ChartWindow() {}

  /** Shows {@code panels} one above the other and returns once the window is closed. */
  public static void showAndWait(String title, List<XYChart> panels) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    try {
      SwingUtilities.invokeAndWait(() -> {
        JFrame frame = new JFrame(title);
        frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        frame.getContentPane().setLayout(new GridLayout(panels.size(), 1));
        for (XYChart panel : panels) {
          frame.getContentPane().add(new XChartPanel<>(panel));
        }
        frame.addWindowListener(new WindowAdapter() {
          @Override
          public void windowClosed(WindowEvent e) {
            closed.countDown();
          }
        });
        frame.pack();
        frame.setLocationRelativeTo(null);
        frame.setVisible(true);
      });
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot open a window: " + e.getCause(), e.getCause());
    }
    closed.await();
  }
}
