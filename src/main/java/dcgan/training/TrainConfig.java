package dcgan.training;

import dcgan.data.ImageShape;
import dcgan.model.Networks;
import dcgan.model.Precision;

/**
 * The hyperparameters of a training run, with the tutorial's values as defaults.
 *
 * @param epochs {@code EPOCHS} (50)
 * @param batchSize {@code BATCH_SIZE} (256)
 * @param bufferSize {@code BUFFER_SIZE} of the shuffle (60000)
 * @param noiseDim {@code noise_dim} (100)
 * @param numExamples {@code num_examples_to_generate} (16), a square number
 * @param learningRate Adam's learning rate for both networks (1e-4)
 * @param seed seeds weights, shuffling, noise and dropout
 * @param threads TensorFlow intra-op threads; results are bitwise reproducible for the same value
 * @param precision the train step's dtype policy: float32 (the tutorial's), or mixed_bfloat16 (opt-in)
 * @param conditional whether both networks also take the class label (a conditional GAN; opt-in)
 * @param adamBeta1 Adam's beta_1 for both networks (Keras's 0.9; the DCGAN paper's 0.5)
 * @param adamBeta2 Adam's beta_2 for both networks (Keras's 0.999; WGAN-GP's 0.9)
 * @param objective the losses, regularisers and update schedule ({@link Objective#TUTORIAL} by default)
 * @param image the shape of the training images (MNIST's 28 x 28 x 1 by default), square
 * @param networks the networks' layers ({@link Networks#TUTORIAL} by default: the tutorial's)
 * @param classes the number of labels a conditional GAN draws (10 for MNIST; an image folder's subfolders)
 */
public record TrainConfig(int epochs, int batchSize, int bufferSize, int noiseDim, int numExamples,
    float learningRate, long seed, int threads, Precision precision, boolean conditional, float adamBeta1,
    float adamBeta2, Objective objective, ImageShape image, Networks networks, int classes) {

  public static final int EPOCHS = 50;
  public static final int BATCH_SIZE = 256;
  public static final int BUFFER_SIZE = 60000;
  public static final int NUM_EXAMPLES = 16;
  public static final long SEED = 42;
  /** The most classes a conditional GAN takes: labels are held as uint8 in the graph. */
  public static final int MAX_CLASSES = 256;

  /** A float32 run. */
  public TrainConfig(int epochs, int batchSize, int bufferSize, int noiseDim, int numExamples, float learningRate,
      long seed, int threads) {
    this(epochs, batchSize, bufferSize, noiseDim, numExamples, learningRate, seed, threads, Precision.FLOAT32);
  }

  /** An unconditional run: the tutorial's GAN. */
  public TrainConfig(int epochs, int batchSize, int bufferSize, int noiseDim, int numExamples, float learningRate,
      long seed, int threads, Precision precision) {
    this(epochs, batchSize, bufferSize, noiseDim, numExamples, learningRate, seed, threads, precision, false);
  }

  /** With Keras's Adam beta_1. */
  public TrainConfig(int epochs, int batchSize, int bufferSize, int noiseDim, int numExamples, float learningRate,
      long seed, int threads, Precision precision, boolean conditional) {
    this(epochs, batchSize, bufferSize, noiseDim, numExamples, learningRate, seed, threads, precision, conditional, Adam.BETA_1);
  }

  /** The tutorial's losses and Keras's beta_2. */
  public TrainConfig(int epochs, int batchSize, int bufferSize, int noiseDim, int numExamples, float learningRate,
      long seed, int threads, Precision precision, boolean conditional, float adamBeta1) {
    this(epochs, batchSize, bufferSize, noiseDim, numExamples, learningRate, seed, threads, precision, conditional, adamBeta1,
        Adam.BETA_2, Objective.TUTORIAL);
  }

  /** MNIST's images. */
  public TrainConfig(int epochs, int batchSize, int bufferSize, int noiseDim, int numExamples, float learningRate,
      long seed, int threads, Precision precision, boolean conditional, float adamBeta1, float adamBeta2, Objective objective) {
    this(epochs, batchSize, bufferSize, noiseDim, numExamples, learningRate, seed, threads, precision, conditional, adamBeta1,
        adamBeta2, objective, ImageShape.MNIST, Networks.TUTORIAL, dcgan.model.Conditioning.CLASSES);
  }

  /** This config with {@code objective}. */
  public TrainConfig withObjective(Objective objective) {
    return new TrainConfig(epochs, batchSize, bufferSize, noiseDim, numExamples, learningRate, seed, threads, precision,
        conditional, adamBeta1, adamBeta2, objective, image, networks, classes);
  }

  /** This config for images of {@code shape}. */
  public TrainConfig withImage(ImageShape shape) {
    return new TrainConfig(epochs, batchSize, bufferSize, noiseDim, numExamples, learningRate, seed, threads, precision,
        conditional, adamBeta1, adamBeta2, objective, shape, networks, classes);
  }

  /** This config with {@code layers} as its networks. */
  public TrainConfig withNetworks(Networks layers) {
    return new TrainConfig(epochs, batchSize, bufferSize, noiseDim, numExamples, learningRate, seed, threads, precision,
        conditional, adamBeta1, adamBeta2, objective, image, layers, classes);
  }

  /** This config for a conditional GAN of {@code count} classes. */
  public TrainConfig withClasses(int count) {
    return new TrainConfig(epochs, batchSize, bufferSize, noiseDim, numExamples, learningRate, seed, threads, precision,
        conditional, adamBeta1, adamBeta2, objective, image, networks, count);
  }

  /** The classes the networks take a label of: {@link #classes()} in conditional mode, 0 (no label) otherwise. */
  public int labelClasses() {
    return conditional ? classes : 0;
  }

  /** The classes in each conditional epoch grid, one row each: the first ten at most. */
  public int gridClasses() {
    return Math.min(classes, dcgan.model.Conditioning.CLASSES);
  }

  /**
   * The images in each epoch's grid: {@code numExamples}, or in conditional mode {@link
   * #gridClasses()} squared (10 x 10 for MNIST: row r drawn with label r).
   */
  public int gridImages() {
    return conditional ? gridClasses() * gridClasses() : numExamples;
  }

  public TrainConfig {
    java.util.Objects.requireNonNull(precision, "precision");
    java.util.Objects.requireNonNull(objective, "objective");
    java.util.Objects.requireNonNull(image, "image");
    java.util.Objects.requireNonNull(networks, "networks");
    if (image.rows() != image.cols()) {
      throw new IllegalArgumentException("training images must be square, got " + image);
    }
    requirePositive("epochs", epochs);
    requirePositive("batch size", batchSize);
    requirePositive("buffer size", bufferSize);
    requirePositive("noise dim", noiseDim);
    requirePositive("threads", threads);
    if (classes < 2 || classes > MAX_CLASSES) {
      throw new IllegalArgumentException("a conditional GAN needs 2 to " + MAX_CLASSES + " classes, got " + classes);
    }
    int side = (int) Math.round(Math.sqrt(numExamples));
    if (numExamples < 1 || side * side != numExamples) {
      throw new IllegalArgumentException("number of examples must be a square (1, 4, 9, 16, ...), got " + numExamples);
    }
    if (!(learningRate > 0 && Float.isFinite(learningRate))) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
    if (!(adamBeta1 >= 0 && adamBeta1 < 1)) {
      throw new IllegalArgumentException("Adam's beta_1 must be in [0, 1), got " + adamBeta1);
    }
    if (!(adamBeta2 >= 0 && adamBeta2 < 1)) {
      throw new IllegalArgumentException("Adam's beta_2 must be in [0, 1), got " + adamBeta2);
    }
  }

  /** The tutorial's settings, all cores. */
  public static TrainConfig tutorial() {
    return new TrainConfig(EPOCHS, BATCH_SIZE, BUFFER_SIZE, dcgan.model.Generator.NOISE_DIM, NUM_EXAMPLES,
        Adam.LEARNING_RATE, SEED, Runtime.getRuntime().availableProcessors());
  }

  private static void requirePositive(String what, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + value);
    }
  }
}
