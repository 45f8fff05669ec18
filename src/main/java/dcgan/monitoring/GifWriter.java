package dcgan.monitoring;

import dcgan.training.TrainingListener;
import dcgan.training.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** After training, animates the epoch grids into {@code dcgan.gif}, as the tutorial's last cell does. */
public final class GifWriter implements TrainingListener {

  private final Path images;
  private final Path gif;

  /**
   * @param images the folder of {@code image_at_epoch_*.png}
   * @param gif {@code dcgan.gif}
   */
  public GifWriter(Path images, Path gif) {
    this.images = images;
    this.gif = gif;
  }

  @Override
  public void onTrainEnd(TrainingResult result) {
    try {
      AnimatedGif.write(AnimatedGif.epochImages(images), gif);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + gif, e);
    }
  }
}
