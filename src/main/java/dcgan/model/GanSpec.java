package dcgan.model;

import dcgan.data.ImageShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * What networks a GAN has: everything that decides their variables and graphs, and nothing about
 * how they are trained. {@link GanModel} builds them from it; checkpoints and SavedModels keep it as
 * JSON, so that a file rebuilds its own networks. {@link #tutorial()} is the tutorial's, and each
 * {@code with...} method returns a copy that differs in one thing.
 *
 * @param image the shape of the images drawn and judged (MNIST's 28 x 28 x 1), square
 * @param noiseDim the length of the generator's noise vector ({@code noise_dim}, 100)
 * @param labels the class labels both networks take ({@link Labels#NONE}, or a conditional GAN's)
 * @param architecture the built-in layers ({@link Architecture#TUTORIAL}), for each network not from a file
 * @param generatorModel the generator's layers from a model file (e.g. Keras JSON), if given
 * @param discriminatorModel the discriminator's layers from a model file, if given
 * @param spectralNorm whether the discriminator's kernels are spectrally normalized (SN-GAN; it adds a {@code u} vector each)
 * @param precision the dtype policy the train step computes in (float32, the tutorial's; or mixed_bfloat16)
 */
public record GanSpec(ImageShape image, int noiseDim, Labels labels, Architecture architecture,
    Optional<ModelSpec> generatorModel, Optional<ModelSpec> discriminatorModel, boolean spectralNorm, Precision precision) {

  public GanSpec {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(generatorModel, "generatorModel");
    Objects.requireNonNull(discriminatorModel, "discriminatorModel");
    Objects.requireNonNull(precision, "precision");
    if (image.rows() != image.cols()) {
      throw new IllegalArgumentException("training images must be square, got " + image);
    }
    if (noiseDim < 1) {
      throw new IllegalArgumentException("noise dim must be at least 1, got " + noiseDim);
    }
  }

  /** The tutorial's: 28 x 28 grey digits from 100 noise values, no labels, its own layers, float32. */
  public static GanSpec tutorial() {
    return new GanSpec(ImageShape.MNIST, Generator.NOISE_DIM, Labels.NONE, Architecture.TUTORIAL, Optional.empty(),
        Optional.empty(), false, Precision.FLOAT32);
  }

  public GanSpec withImage(ImageShape image) {
    return new GanSpec(image, noiseDim, labels, architecture, generatorModel, discriminatorModel, spectralNorm, precision);
  }

  public GanSpec withNoiseDim(int noiseDim) {
    return new GanSpec(image, noiseDim, labels, architecture, generatorModel, discriminatorModel, spectralNorm, precision);
  }

  public GanSpec withLabels(Labels labels) {
    return new GanSpec(image, noiseDim, labels, architecture, generatorModel, discriminatorModel, spectralNorm, precision);
  }

  public GanSpec withArchitecture(Architecture architecture) {
    return new GanSpec(image, noiseDim, labels, architecture, generatorModel, discriminatorModel, spectralNorm, precision);
  }

  /** This spec with the generator's layers from {@code model} (empty: the architecture's). */
  public GanSpec withGeneratorModel(Optional<ModelSpec> model) {
    return new GanSpec(image, noiseDim, labels, architecture, model, discriminatorModel, spectralNorm, precision);
  }

  /** This spec with the discriminator's layers from {@code model} (empty: the architecture's). */
  public GanSpec withDiscriminatorModel(Optional<ModelSpec> model) {
    return new GanSpec(image, noiseDim, labels, architecture, generatorModel, model, spectralNorm, precision);
  }

  public GanSpec withSpectralNorm(boolean spectralNorm) {
    return new GanSpec(image, noiseDim, labels, architecture, generatorModel, discriminatorModel, spectralNorm, precision);
  }

  public GanSpec withPrecision(Precision precision) {
    return new GanSpec(image, noiseDim, labels, architecture, generatorModel, discriminatorModel, spectralNorm, precision);
  }

  /** The generator, unbuilt: noise (and a one-hot label) in, images of {@link #image()} out. */
  public Sequential generatorLayers() {
    int inputs = labels.generatorInputs(noiseDim);
    return generatorModel.map(m -> m.sequential("generator", Shape.of(inputs), imageShape(image.channels()), false))
        .orElseGet(() -> architecture.generator(inputs, image));
  }

  /** The discriminator, unbuilt: images (with a channel per class) in, one logit out. */
  public Sequential discriminatorLayers() {
    int channels = labels.discriminatorChannels(image.channels());
    return discriminatorModel.map(m -> m.sequential("discriminator", imageShape(channels), Shape.of(1), spectralNorm))
        .orElseGet(() -> architecture.discriminator(image, channels, spectralNorm));
  }

  private Shape imageShape(int channels) {
    return Shape.of(image.rows(), image.cols(), channels);
  }

  /**
   * Builds both networks once in a scratch graph, so that networks whose shapes do not chain, or do
   * not fit the images, are refused before anything is trained or written.
   *
   * @throws IllegalArgumentException naming the network, the layer and the problem
   */
  public void check() {
    try (Graph scratch = new Graph()) {
      ModelBuilder builder = ModelBuilder.withoutInitializers(Ops.create(scratch));
      generatorLayers().build(builder);
      discriminatorLayers().build(builder);
    }
  }

  /** Whether both networks are the tutorial's built-in ones. */
  public boolean builtIn() {
    return generatorModel.isEmpty() && discriminatorModel.isEmpty();
  }

  /** For the configuration line: {@code tutorial}, or e.g. {@code dcgan, generator from g.json}. */
  public String describeNetworks() {
    List<String> parts = new ArrayList<>(List.of(architecture.id()));
    generatorModel.ifPresent(m -> parts.add("generator from " + m.source()));
    discriminatorModel.ifPresent(m -> parts.add("discriminator from " + m.source()));
    return String.join(", ", parts);
  }
}
