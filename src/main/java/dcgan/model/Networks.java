package dcgan.model;

import dcgan.data.ImageShape;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * The generator's and the discriminator's layers: a built-in {@link Architecture}, with either
 * network replaced by one from a model file ({@link ModelSpec}, e.g. Keras JSON) where given.
 *
 * @param architecture the built-in networks ({@link Architecture#TUTORIAL} by default)
 * @param generatorModel the generator from a file, or null for the architecture's
 * @param discriminatorModel the discriminator from a file, or null for the architecture's
 */
public record Networks(Architecture architecture, ModelSpec generatorModel, ModelSpec discriminatorModel) {

  /** The tutorial's two networks. */
  public static final Networks TUTORIAL = new Networks(Architecture.TUTORIAL, null, null);

  public Networks {
    java.util.Objects.requireNonNull(architecture, "architecture");
  }

  /** The built-in networks of {@code architecture}. */
  public static Networks of(Architecture architecture) {
    return new Networks(architecture, null, null);
  }

  /** The generator, unbuilt, for {@code inputDim} inputs, drawing images of {@code image}'s shape. */
  public Sequential generator(int inputDim, ImageShape image) {
    if (generatorModel == null) {
      return architecture.generator(inputDim, image);
    }
    return generatorModel.sequential("generator", Shape.of(inputDim), Shape.of(image.rows(), image.cols(), image.channels()), false);
  }

  /** The discriminator, unbuilt, on images of {@code image}'s size with {@code channels} channels, one logit out. */
  public Sequential discriminator(ImageShape image, int channels, boolean spectralNorm) {
    if (discriminatorModel == null) {
      return architecture.discriminator(image, channels, spectralNorm);
    }
    return discriminatorModel.sequential("discriminator", Shape.of(image.rows(), image.cols(), channels), Shape.of(1), spectralNorm);
  }

  /** Whether these are the tutorial's own networks. */
  public boolean isTutorial() {
    return equals(TUTORIAL);
  }

  /**
   * What a checkpoint's settings record of them, e.g. {@code architecture=dcgan
   * generator_model=3f2a...}: empty for the tutorial's, so that its checkpoints read as before.
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (architecture != Architecture.TUTORIAL) {
      parts.add(ARCHITECTURE + architecture.id());
    }
    if (generatorModel != null) {
      parts.add(GENERATOR_MODEL + generatorModel.fingerprint());
    }
    if (discriminatorModel != null) {
      parts.add(DISCRIMINATOR_MODEL + discriminatorModel.fingerprint());
    }
    return String.join(" ", parts);
  }

  /** The settings key of a built-in architecture other than the tutorial's. */
  public static final String ARCHITECTURE = "architecture=";
  /** The settings key of a generator from a file (its fingerprint). */
  public static final String GENERATOR_MODEL = "generator_model=";
  /** The settings key of a discriminator from a file (its fingerprint). */
  public static final String DISCRIMINATOR_MODEL = "discriminator_model=";

  /** For the configuration line: {@code tutorial}, or e.g. {@code dcgan, generator from g.json}. */
  @Override
  public String toString() {
    String text = architecture.id();
    if (generatorModel != null) {
      text += ", generator from " + generatorModel.source();
    }
    if (discriminatorModel != null) {
      text += ", discriminator from " + discriminatorModel.source();
    }
    return text;
  }
}
