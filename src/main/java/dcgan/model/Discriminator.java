package dcgan.model;

import java.util.List;
import org.tensorflow.ndarray.Shape;

/** The tutorial's {@code make_discriminator_model()}: a CNN image classifier, one logit per image (positive: real). */
public final class Discriminator {

  /** The tutorial's dropout rate. */
  public static final float DROPOUT = 0.3f;

  private Discriminator() {}

  /** The discriminator, unbuilt: two strided convolutions with LeakyReLU and Dropout, then Dense(1). */
  public static Sequential makeDiscriminatorModel() {
    return makeDiscriminatorModel(1);
  }

  /** The same layers on images with {@code channels} channels (1 + 10 label channels in a conditional GAN). */
  public static Sequential makeDiscriminatorModel(int channels) {
    return makeDiscriminatorModel(28, 28, channels, false);
  }

  /**
   * The same layers on {@code rows x cols} images of {@code channels} channels, every kernel
   * spectrally normalized when {@code spectralNorm} (SN-GAN, Miyato et al. 2018).
   */
  public static Sequential makeDiscriminatorModel(int rows, int cols, int channels, boolean spectralNorm) {
    return new Sequential("discriminator", Shape.of(rows, cols, channels), List.of(
        new Conv2D(64, 5, 2, spectralNorm), // (None, 14, 14, 64)
        new LeakyReLU(),
        new Dropout(DROPOUT),
        new Conv2D(128, 5, 2, spectralNorm), // (None, 7, 7, 128)
        new LeakyReLU(),
        new Dropout(DROPOUT),
        Reshape.flatten(), // (None, 6272)
        new Dense(1, true, spectralNorm))); // (None, 1)
  }
}
