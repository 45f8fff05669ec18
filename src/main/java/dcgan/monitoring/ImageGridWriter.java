package dcgan.monitoring;

import dcgan.training.SampleImages;
import dcgan.training.TrainingListener;
import dcgan.training.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves the tutorial's grid after every epoch, {@code images/image_at_epoch_NNNN.png}, and once more
 * after training, as the tutorial's {@code train} ends with a last {@code generate_and_save_images}.
 */
public final class ImageGridWriter implements TrainingListener {

  private final Path folder;

  /** @param folder where the PNGs go, e.g. {@code images/} */
  public ImageGridWriter(Path folder) {
    this.folder = folder;
  }

  @Override
  public void onEpochEnd(EpochEnd event) {
    save(event.epoch(), event.samples());
  }

  @Override
  public void onTrainEnd(TrainingResult result) {
    save(result.lastEpoch(), result.finalImages());
  }

  /** The grid of {@code epoch}. */
  public Path file(int epoch) {
    return folder.resolve(ImageGrid.fileName(epoch));
  }

  private void save(int epoch, SampleImages images) {
    try {
      ImageGrid.save(file(epoch), images.pixels(), images.count(), images.side(), images.channels());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file(epoch), e);
    }
  }
}
