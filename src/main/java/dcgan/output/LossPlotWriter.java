package dcgan.output;

import dcgan.training.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Keeps every step's losses and, after every epoch, writes {@code losses.csv} and the XChart plot
 * {@code images/losses.png}, both atomically. A resumed run picks up the earlier steps from the
 * existing {@code losses.csv}.
 */
public final class LossPlotWriter implements TrainingListener {

  /** Size of {@code losses.png}. */
  public static final int WIDTH = 1000, HEIGHT = 760;

  private final Path csv;
  private final Path png;
  private final LossChart chart = new LossChart(WIDTH, HEIGHT);
  private LossHistory history = new LossHistory();
  private int stepsPerEpoch = 1;

  /**
   * @param csv {@code losses.csv}
   * @param png {@code images/losses.png}
   */
  public LossPlotWriter(Path csv, Path png) {
    this.csv = csv;
    this.png = png;
  }

  @Override
  public void onTrainBegin(TrainBegin event) {
    stepsPerEpoch = event.stepsPerEpoch();
    try {
      history = event.stepsDone() > 0 ? LossHistory.readCsv(csv, event.stepsDone()) : new LossHistory();
    } catch (IOException e) {
      history = new LossHistory();
    }
  }

  @Override
  public void onStepEnd(StepEnd event) {
    history.add(event.epoch(), event.globalStep(), event.metrics());
  }

  @Override
  public void onEpochEnd(EpochEnd event) {
    try {
      history.writeCsv(csv);
      chart.update(history, stepsPerEpoch);
      var image = chart.render();
      AtomicFiles.write(png, tmp -> {
        if (!ImageIO.write(image, "png", tmp.toFile())) {
          throw new IOException("no PNG writer");
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csv + " or " + png, e);
    }
  }
}
