package dcgan.monitoring;

import dcgan.training.TrainingListener;
import java.awt.BorderLayout;
import java.awt.GraphicsEnvironment;
import java.awt.GridLayout;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import javax.swing.ImageIcon;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import org.knowm.xchart.XChartPanel;
import org.knowm.xchart.XYChart;

/**
 * {@code --show}: a Swing window with the loss charts and the newest image grid, redrawn after
 * every epoch. Without a display it says so once and training carries on.
 */
public final class LiveWindow implements TrainingListener {

  private final PrintStream out;
  private final LossHistory history = new LossHistory();
  private final QualityHistory quality = new QualityHistory();
  private final LossChart chart = new LossChart(760, 520);
  private JFrame frame;
  private JLabel grid;
  private XChartPanel<XYChart> lossPanel;
  private XChartPanel<XYChart> outputPanel;
  private XChartPanel<XYChart> qualityPanel;
  private int stepsPerEpoch = 1;

  public LiveWindow(PrintStream out) {
    this.out = out;
  }

  /** Whether a window can be shown here. */
  public static boolean displayAvailable() {
    return !GraphicsEnvironment.isHeadless();
  }

  @Override
  public void onTrainBegin(TrainBegin event) {
    stepsPerEpoch = event.stepsPerEpoch();
    if (!displayAvailable()) {
      out.println("note: no display (DISPLAY is not set or java.awt.headless=true): --show is ignored");
      return;
    }
    chart.update(history, stepsPerEpoch);
    chart.updateQuality(quality);
    runOnEventThread(() -> {
      frame = new JFrame("DCGAN training");
      lossPanel = new XChartPanel<>(chart.losses());
      outputPanel = new XChartPanel<>(chart.outputs());
      qualityPanel = new XChartPanel<>(chart.quality());
      JPanel charts = new JPanel(new GridLayout(3, 1));
      charts.add(lossPanel);
      charts.add(outputPanel);
      charts.add(qualityPanel);
      grid = new JLabel("the first grid appears after epoch 1", SwingConstants.CENTER);
      int side = ImageGrid.figurePixels(event.config().gridImages()) + 20;
      grid.setPreferredSize(new java.awt.Dimension(side, side));
      frame.getContentPane().add(charts, BorderLayout.CENTER);
      frame.getContentPane().add(grid, BorderLayout.EAST);
      frame.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
      frame.pack();
      frame.setVisible(true);
    });
  }

  @Override
  public void onStepEnd(StepEnd event) {
    if (frame != null) {
      history.add(event.epoch(), event.globalStep(), event.metrics());
    }
  }

  @Override
  public void onEpochEnd(EpochEnd event) {
    if (frame == null) {
      return;
    }
    BufferedImage image = ImageGrid.render(event.samples().pixels(), event.samples().count(), event.samples().side(),
        event.samples().channels());
    event.quality().ifPresent(scores -> quality.add(event.epoch(), event.state().globalStep(), scores));
    String title = "DCGAN training: epoch " + event.epoch();
    runOnEventThread(() -> {
      chart.update(history, stepsPerEpoch);
      chart.updateQuality(quality);
      grid.setText(null);
      grid.setIcon(new ImageIcon(image));
      frame.setTitle(title);
      lossPanel.revalidate();
      lossPanel.repaint();
      outputPanel.revalidate();
      outputPanel.repaint();
      qualityPanel.revalidate();
      qualityPanel.repaint();
    });
  }

  @Override
  public void onTrainEnd(dcgan.training.TrainingResult result) {
    if (frame != null) {
      runOnEventThread(() -> frame.setTitle("DCGAN training: done after epoch " + result.lastEpoch()));
      out.println("Training finished: close the window to exit.");
    }
  }

  /** Runs on Swing's thread and waits, so that the training thread never races the painting. */
  private static void runOnEventThread(Runnable action) {
    try {
      SwingUtilities.invokeAndWait(action);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new IllegalStateException("the live window failed", e.getCause());
    }
  }
}
