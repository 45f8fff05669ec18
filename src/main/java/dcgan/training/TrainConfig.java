package dcgan.training;

import dcgan.model.GanSpec;
import java.util.Objects;

/**
 * How a run trains its networks: the optimisation settings and the schedule, with the tutorial's
 * values as defaults, beside the {@link GanSpec} that says which networks it trains. Build one with
 * {@link #tutorial()}{@code .toBuilder()...build()}.
 *
 * @param networks which networks are trained (the tutorial's by default)
 * @param epochs {@code EPOCHS} (50)
 * @param batchSize {@code BATCH_SIZE} (256)
 * @param bufferSize {@code BUFFER_SIZE} of the shuffle (60000)
 * @param numExamples {@code num_examples_to_generate} (16), a square number
 * @param learningRate Adam's learning rate for the generator, and for the discriminator unless {@code
 *     discriminatorLearningRate} differs (1e-4)
 * @param discriminatorLearningRate the discriminator's Adam learning rate: {@code learningRate}, or
 *     another one (the two time-scale update rule, Heusel et al. 2017)
 * @param adamBeta1 Adam's beta_1 for both networks (Keras's 0.9; the DCGAN paper's 0.5)
 * @param adamBeta2 Adam's beta_2 for both networks (Keras's 0.999; WGAN-GP's 0.9)
 * @param objective the losses, the gradient penalty, the augmentation and the update schedule ({@link Objective#TUTORIAL})
 * @param emaDecay the decay of the averaged generator ({@code --ema}, {@link ExponentialMovingAverage}); 0: none (the tutorial's)
 * @param seed seeds weights, shuffling, noise and dropout
 * @param threads TensorFlow intra-op threads; results are bitwise reproducible for the same value
 */
public record TrainConfig(GanSpec networks, int epochs, int batchSize, int bufferSize, int numExamples, float learningRate,
    float discriminatorLearningRate, float adamBeta1, float adamBeta2, Objective objective, float emaDecay, long seed, int threads) {

  public static final int EPOCHS = 50;
  public static final int BATCH_SIZE = 256;
  public static final int BUFFER_SIZE = 60000;
  public static final int NUM_EXAMPLES = 16;
  public static final long SEED = 42;

  public TrainConfig {
    Objects.requireNonNull(networks, "networks");
    Objects.requireNonNull(objective, "objective");
    requirePositive("epochs", epochs);
    requirePositive("batch size", batchSize);
    requirePositive("buffer size", bufferSize);
    requirePositive("threads", threads);
    int side = (int) Math.round(Math.sqrt(numExamples));
    if (numExamples < 1 || side * side != numExamples) {
      throw new IllegalArgumentException("number of examples must be a square (1, 4, 9, 16, ...), got " + numExamples);
    }
    if (!(learningRate > 0 && Float.isFinite(learningRate))) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
    if (!(discriminatorLearningRate > 0 && Float.isFinite(discriminatorLearningRate))) {
      throw new IllegalArgumentException("the discriminator's learning rate must be positive, got " + discriminatorLearningRate);
    }
    if (!(adamBeta1 >= 0 && adamBeta1 < 1)) {
      throw new IllegalArgumentException("Adam's beta_1 must be in [0, 1), got " + adamBeta1);
    }
    if (!(adamBeta2 >= 0 && adamBeta2 < 1)) {
      throw new IllegalArgumentException("Adam's beta_2 must be in [0, 1), got " + adamBeta2);
    }
    if (!(emaDecay == 0 || (emaDecay > 0 && emaDecay < 1))) {
      throw new IllegalArgumentException("the averaged generator's decay must be in (0, 1), such as 0.999, got " + emaDecay);
    }
  }

  /** Whether the run keeps an averaged generator ({@code --ema}). */
  public boolean averagesGenerator() {
    return emaDecay > 0;
  }

  /** The tutorial's settings and networks, all cores. */
  public static TrainConfig tutorial() {
    return new TrainConfig(GanSpec.tutorial(), EPOCHS, BATCH_SIZE, BUFFER_SIZE, NUM_EXAMPLES, Adam.LEARNING_RATE, Adam.LEARNING_RATE, Adam.BETA_1,
        Adam.BETA_2, Objective.TUTORIAL, 0f, SEED, Runtime.getRuntime().availableProcessors());
  }

  /** A builder that starts from this config. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** This config training {@code networks} instead. */
  public TrainConfig withNetworks(GanSpec networks) {
    return toBuilder().networks(networks).build();
  }

  /** The images in each epoch grid: {@code numExamples}, or one row per class for a conditional GAN (10 x 10 for MNIST). */
  public int gridImages() {
    return networks.labels().gridImages(numExamples);
  }

  private static void requirePositive(String what, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + value);
    }
  }

  /** Sets one field at a time; {@link #build} checks them together. */
  public static final class Builder {
    private GanSpec networks;
    private int epochs;
    private int batchSize;
    private int bufferSize;
    private int numExamples;
    private float learningRate;
    private float discriminatorLearningRate;
    private float adamBeta1;
    private float adamBeta2;
    private Objective objective;
    private float emaDecay;
    private long seed;
    private int threads;

    private Builder(TrainConfig c) {
      networks = c.networks;
      epochs = c.epochs;
      batchSize = c.batchSize;
      bufferSize = c.bufferSize;
      numExamples = c.numExamples;
      learningRate = c.learningRate;
      discriminatorLearningRate = c.discriminatorLearningRate;
      adamBeta1 = c.adamBeta1;
      adamBeta2 = c.adamBeta2;
      objective = c.objective;
      emaDecay = c.emaDecay;
      seed = c.seed;
      threads = c.threads;
    }

    public Builder networks(GanSpec value) {
      networks = value;
      return this;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder bufferSize(int value) {
      bufferSize = value;
      return this;
    }

    public Builder numExamples(int value) {
      numExamples = value;
      return this;
    }

    /** Both networks' learning rate ({@code --learning-rate}). */
    public Builder learningRate(float value) {
      learningRate = value;
      discriminatorLearningRate = value;
      return this;
    }

    /** The generator's learning rate alone. */
    public Builder generatorLearningRate(float value) {
      learningRate = value;
      return this;
    }

    /** The discriminator's learning rate alone. */
    public Builder discriminatorLearningRate(float value) {
      discriminatorLearningRate = value;
      return this;
    }

    public Builder adamBeta1(float value) {
      adamBeta1 = value;
      return this;
    }

    public Builder adamBeta2(float value) {
      adamBeta2 = value;
      return this;
    }

    public Builder objective(Objective value) {
      objective = value;
      return this;
    }

    /** The averaged generator's decay; 0: none. */
    public Builder emaDecay(float value) {
      emaDecay = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder threads(int value) {
      threads = value;
      return this;
    }

    public TrainConfig build() {
      return new TrainConfig(networks, epochs, batchSize, bufferSize, numExamples, learningRate, discriminatorLearningRate, adamBeta1,
          adamBeta2, objective, emaDecay, seed, threads);
    }
  }
}
