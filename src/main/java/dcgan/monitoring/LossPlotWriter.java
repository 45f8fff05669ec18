package dcgan.monitoring;

import dcgan.files.AtomicFiles;
import dcgan.training.TrainingListener;
import java.awt.AWTError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Keeps every step's losses and, after every epoch, writes {@code losses.csv} and the XChart plot
 * {@code images/losses.png}, both atomically, the plot with a sample-quality panel once an epoch
 * was evaluated. A resumed run picks up the earlier steps from the existing {@code losses.csv} and
 * the earlier scores from {@code metrics.csv}.
 *
 * <p>A plot is not worth a training run: where Java cannot draw at all (a JRE without the system
 * libraries its font rendering links to, such as {@code libharfbuzz.so.0}), it warns once and
 * keeps writing {@code losses.csv} only.
 */
public final class LossPlotWriter implements TrainingListener {

  /** Size of {@code losses.png}. */
  public static final int WIDTH = 1000, HEIGHT = 760;

  private final Path csv;
  private final Path png;
  private final Consumer<String> warn;
  private final Path metricsCsv;
  private final Drawer draw;
  private LossHistory history = new LossHistory();
  private QualityHistory quality = new QualityHistory();
  private int stepsPerEpoch = 1;
  private boolean canDraw = true;

  /**
   * @param csv {@code losses.csv}
   * @param png {@code images/losses.png}
   * @param warn where the warning goes if the plot cannot be drawn
   */
  public LossPlotWriter(Path csv, Path png, Consumer<String> warn) {
    this(csv, png, warn, chartDrawer());
  }

  /** Draws the plot from the histories. */
  @FunctionalInterface
  interface Drawer {
    BufferedImage draw(LossHistory losses, QualityHistory quality, int stepsPerEpoch);
  }

  /** As above, drawing with {@code draw} instead of XChart. */
  LossPlotWriter(Path csv, Path png, Consumer<String> warn, Drawer draw) {
    this.csv = csv;
    this.png = png;
    this.warn = warn;
    this.draw = draw;
    this.metricsCsv = csv.resolveSibling("metrics.csv");
  }

  private static Drawer chartDrawer() {
    LossChart[] chart = {null}; // made at the first epoch: constructing it already needs fonts
    return (history, quality, stepsPerEpoch) -> {
      if (chart[0] == null) {
        chart[0] = new LossChart(WIDTH, HEIGHT);
      }
      chart[0].update(history, stepsPerEpoch);
      chart[0].updateQuality(quality);
      return chart[0].render();
    };
  }

  @Override
  public void onTrainBegin(TrainBegin event) {
    stepsPerEpoch = event.stepsPerEpoch();
    try {
      history = event.stepsDone() > 0 ? LossHistory.readCsv(csv, event.stepsDone()) : new LossHistory();
    } catch (IOException e) {
      history = new LossHistory();
    }
    quality = MetricsCsvWriter.resumedHistory(metricsCsv, event.stepsDone());
  }

  @Override
  public void onStepEnd(StepEnd event) {
    history.add(event.epoch(), event.globalStep(), event.metrics());
  }

  @Override
  public void onEpochEnd(EpochEnd event) {
    event.quality().ifPresent(scores -> quality.add(event.epoch(), event.state().globalStep(), scores));
    try {
      history.writeCsv(csv);
      BufferedImage image = drawOrWarn();
      if (image == null) {
        return;
      }
      AtomicFiles.write(png, tmp -> {
        if (!ImageIO.write(image, "png", tmp.toFile())) {
          throw new IOException("no PNG writer");
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csv + " or " + png, e);
    }
  }

  private BufferedImage drawOrWarn() {
    if (!canDraw) {
      return null;
    }
    try {
      return draw.draw(history, quality, stepsPerEpoch);
    } catch (LinkageError | AWTError e) {
      canDraw = false;
      warn.accept("warning: cannot draw " + png + " (" + e.getMessage() + "): this Java cannot render text, usually"
          + " because a system library of its font rendering is missing (Debian: apt-get install libharfbuzz0b"
          + " libfontconfig1). Training goes on; losses.csv is still written every epoch.");
      return null;
    }
  }
}
