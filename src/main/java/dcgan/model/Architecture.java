package dcgan.model;

import dcgan.data.ImageShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tensorflow.ndarray.Shape;

/**
 * The built-in network pairs {@code --architecture} names: the tutorial's (the default), sized to
 * any image whose sides are multiples of 4, and the DCGAN paper's (Radford et al. 2016) for 16, 32,
 * 64, ... pixels.
 */
public enum Architecture {

  /** The tutorial's {@code make_generator_model} and {@code make_discriminator_model}. */
  TUTORIAL("tutorial") {
    @Override
    public Sequential generator(int inputDim, ImageShape image) {
      return Generator.makeGeneratorModel(inputDim, image);
    }

    @Override
    public Sequential discriminator(ImageShape image, int channels, boolean spectralNorm) {
      return Discriminator.makeDiscriminatorModel(image.rows(), image.cols(), channels, spectralNorm);
    }
  },

  /**
   * Radford et al. 2016: the noise projected to a 4 x 4 base of {@code 64 * S/4} filters, then
   * 4x4 stride-2 transposed convolutions halving the filters to the image (BatchNormalization and
   * ReLU between them, tanh at the end); the discriminator its mirror, 4x4 stride-2 convolutions
   * doubling from 64 filters, LeakyReLU 0.2, BatchNormalization after all but the first, one logit.
   * No biases, every kernel from N(0, 0.02), as pytorch/examples' {@code dcgan}.
   */
  DCGAN("dcgan") {
    @Override
    public Sequential generator(int inputDim, ImageShape image) {
      int doublings = doublings(image);
      int filters = 64 << doublings;
      List<Layer> layers = new ArrayList<>(List.of(new Dense(4 * 4 * filters, false, false, PAPER_WEIGHTS),
          new BatchNormalization(), new ReLU(), new Reshape(4, 4, filters)));
      for (int k = 1; k < doublings; k++) {
        layers.addAll(List.of(new Conv2DTranspose(filters >> k, 4, 2, false, PAPER_WEIGHTS), new BatchNormalization(), new ReLU()));
      }
      layers.add(new Conv2DTranspose(image.channels(), 4, 2, true, PAPER_WEIGHTS));
      return new Sequential("generator", Shape.of(inputDim), layers);
    }

    @Override
    public Sequential discriminator(ImageShape image, int channels, boolean spectralNorm) {
      int doublings = doublings(image);
      List<Layer> layers = new ArrayList<>();
      for (int k = 0; k < doublings; k++) {
        layers.add(new Conv2D(64 << k, 4, 2, spectralNorm, false, PAPER_WEIGHTS));
        if (k > 0) {
          layers.add(new BatchNormalization());
        }
        layers.add(new LeakyReLU(0.2f));
      }
      layers.add(Reshape.flatten());
      layers.add(new Dense(1, false, spectralNorm, PAPER_WEIGHTS));
      return new Sequential("discriminator", Shape.of(image.rows(), image.cols(), channels), layers);
    }
  };

  /** The DCGAN paper's initializer: N(0, 0.02). */
  static final Initializer PAPER_WEIGHTS = Initializer.randomNormal(0.02f);

  private final String id;

  Architecture(String id) {
    this.id = id;
  }

  /** The generator, unbuilt, for {@code inputDim} inputs (noise, plus a one-hot label if conditional) and images of {@code image}. */
  public abstract Sequential generator(int inputDim, ImageShape image);

  /** The discriminator, unbuilt, on images of {@code image}'s size with {@code channels} channels (its own, plus label channels). */
  public abstract Sequential discriminator(ImageShape image, int channels, boolean spectralNorm);

  /** The command-line name. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }

  /** The architecture named {@code name}, or an error listing them. */
  public static Architecture parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(a -> a.id.equals(wanted)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "unknown architecture '" + name + "'; choose one of " + String.join(", ", Arrays.stream(values()).map(Architecture::id).toList())));
  }

  /** How often the DCGAN layers double the 4 x 4 base to reach {@code image}'s side: 2 for 16, 3 for 32, 4 for 64. */
  static int doublings(ImageShape image) {
    int side = image.rows();
    int doublings = Integer.numberOfTrailingZeros(side) - 2;
    if (image.rows() != image.cols() || side < 16 || Integer.bitCount(side) != 1) {
      throw new IllegalArgumentException("--architecture dcgan doubles a 4x4 base, so images must be 16, 32, 64, 128, ... pixels"
          + " square, not " + image.rows() + "x" + image.cols() + " (the tutorial's architecture takes any multiple of 4)");
    }
    return doublings;
  }
}
