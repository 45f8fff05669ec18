package dcgan.model;

import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * The reference classifier that generated digits are scored with (TF-GAN's {@code mnist_score} and
 * {@code mnist_frechet_distance} use a pretrained MNIST classifier the same way): a small CNN from
 * images {@code (None, 28, 28, 1)} in [-1, 1] (or CIFAR-10's 32 x 32 x 3) to 10 logits, whose penultimate layer, the 128 ReLU
 * units after the first Dense, is the feature space of the Fréchet distance and of precision and
 * recall.
 */
public final class Classifier {

  /** Width of the feature layer. */
  public static final int FEATURES = 128;
  /** Index in {@link Sequential#layers()} of the layer whose output is the features. */
  public static final int FEATURE_LAYER = 8;

  private Classifier() {}

  /**
   * The classifier, unbuilt: two 3x3 convolutions (32 and 64 filters) with ReLU and 2x2 max
   * pooling, then Dense(128) + ReLU (the features), Dropout(0.5) and Dense(classes), as Keras's
   * "Simple MNIST convnet" example with a feature layer added.
   */
  public static Sequential makeClassifierModel(int classes) {
    return makeClassifierModel(classes, dcgan.data.ImageShape.MNIST);
  }

  /** The same layers on images of {@code image}'s shape (CIFAR-10's 32 x 32 x 3: 8 x 8 x 64 before the Dense). */
  public static Sequential makeClassifierModel(int classes, dcgan.data.ImageShape image) {
    return new Sequential("classifier", Shape.of(image.rows(), image.cols(), image.channels()), List.of(
        new Conv2D(32, 3, 1), // (None, 28, 28, 32)
        new ReLU(),
        new MaxPooling2D(2), // (None, 14, 14, 32)
        new Conv2D(64, 3, 1), // (None, 14, 14, 64)
        new ReLU(),
        new MaxPooling2D(2), // (None, 7, 7, 64)
        Reshape.flatten(), // (None, 3136)
        new Dense(FEATURES, true),
        new ReLU(), // (None, 128): the features
        new Dropout(0.5f),
        new Dense(classes, true))); // (None, classes): the logits
  }
}
