package dcgan.model;

import dcgan.data.ImageShape;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/** The tutorial's {@code make_generator_model()}: noise {@code (None, noise_dim)} to images {@code (None, 28, 28, 1)} in [-1, 1]. */
public final class Generator {

  /** The tutorial's {@code noise_dim}. */
  public static final int NOISE_DIM = 100;

  private Generator() {}

  /**
   * The generator, unbuilt: Dense to 7x7x256, then transposed convolutions up to 28x28x1, with
   * BatchNormalization and LeakyReLU between them and tanh at the end.
   *
   * @param inputDim the input vector's length: {@code noise_dim}, plus 10 for a one-hot label in a conditional GAN
   */
  public static Sequential makeGeneratorModel(int inputDim) {
    return makeGeneratorModel(inputDim, ImageShape.MNIST);
  }

  /**
   * The same layers for images of {@code image}'s shape: the Dense sized {@code (rows/4) x (cols/4)
   * x 256}, the last transposed convolution with the image's channels.
   *
   * @throws IllegalArgumentException if a side is not a multiple of 4 (the layers double the base twice)
   */
  public static Sequential makeGeneratorModel(int inputDim, ImageShape image) {
    if (image.rows() % 4 != 0 || image.cols() % 4 != 0) {
      throw new IllegalArgumentException("the tutorial's generator doubles its base twice, so image sides must be multiples of 4"
          + " (28, 32, 64, ...), not " + image.rows() + "x" + image.cols());
    }
    int rows = image.rows() / 4, cols = image.cols() / 4;
    return new Sequential("generator", Shape.of(inputDim), List.of(
        new Dense(rows * cols * 256, false),
        new BatchNormalization(),
        new LeakyReLU(),
        new Reshape(rows, cols, 256), // (None, 7, 7, 256)
        new Conv2DTranspose(128, 5, 1, false), // (None, 7, 7, 128)
        new BatchNormalization(),
        new LeakyReLU(),
        new Conv2DTranspose(64, 5, 2, false), // (None, 14, 14, 64)
        new BatchNormalization(),
        new LeakyReLU(),
        new Conv2DTranspose(image.channels(), 5, 2, true))); // (None, 28, 28, 1)
  }
}
