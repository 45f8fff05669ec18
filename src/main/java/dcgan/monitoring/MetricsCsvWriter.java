package dcgan.monitoring;

import dcgan.training.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes {@code metrics.csv} (see {@link QualityHistory}) after every evaluated epoch, atomically.
 * A resumed run keeps the rows up to its checkpoint.
 */
public final class MetricsCsvWriter implements TrainingListener {

  private final Path csv;
  private QualityHistory history = new QualityHistory();

  /** @param csv {@code metrics.csv} */
  public MetricsCsvWriter(Path csv) {
    this.csv = csv;
  }

  @Override
  public void onTrainBegin(TrainBegin event) {
    history = resumedHistory(csv, event.stepsDone());
  }

  @Override
  public void onEpochEnd(EpochEnd event) {
    event.quality().ifPresent(scores -> {
      history.add(event.epoch(), event.state().globalStep(), scores);
      try {
        history.writeCsv(csv);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + csv, e);
      }
    });
  }

  /** The rows of {@code csv} up to {@code stepsDone} when resuming, else none. */
  static QualityHistory resumedHistory(Path csv, long stepsDone) {
    try {
      return stepsDone > 0 ? QualityHistory.readCsv(csv, stepsDone) : new QualityHistory();
    } catch (IOException e) {
      return new QualityHistory();
    }
  }
}
