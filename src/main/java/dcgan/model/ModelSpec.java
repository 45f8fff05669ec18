package dcgan.model;

import org.tensorflow.ndarray.Shape;

/**
 * One network described outside the code, such as a Keras model file: it makes the network's
 * layers for the input the trainer feeds, and can be written into a checkpoint as text so that the
 * checkpoint rebuilds its own networks.
 */
public interface ModelSpec {

  /**
   * The network, unbuilt.
   *
   * @param scope its role, {@code generator} or {@code discriminator}
   * @param input the per-example input the trainer feeds (noise length, or image rows, columns, channels)
   * @param expectedOutput the per-example output the trainer needs; {@link Sequential#build} refuses another
   * @param spectralNorm whether the kernels of its Dense and Conv2D layers are spectrally normalized
   * @throws IllegalArgumentException if the spec cannot take {@code input} or cannot be normalized
   */
  Sequential sequential(String scope, Shape input, Shape expectedOutput, boolean spectralNorm);

  /** A short hash of {@link #text()}: equal specs have equal fingerprints. */
  String fingerprint();

  /** The whole spec as text, which the reader that made it reads back. */
  String text();

  /** Where it was read from, for messages. */
  String source();
}
