package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code Embedding(input_dim, output_dim)}: each integer of the input picks a row of the
 * {@code embeddings} weight, {@code (batch, L)} to {@code (batch, L, output_dim)}. How conditional
 * generators written in Keras often take their label ({@code Embedding(10, 100)(label)}, then
 * {@code Flatten} and {@code Multiply} with the noise). The indices arrive as floats, as every
 * layer's input here does, and are rounded to integers; they are exact below 2^24.
 */
public final class Embedding extends Layer {

  private final int inputDim;
  private final int outputDim;
  private final Initializer initializer;
  private Weight embeddings;

  /**
   * @param inputDim the number of rows (distinct indices, e.g. the class count)
   * @param outputDim the length of each row
   */
  public Embedding(int inputDim, int outputDim, Initializer initializer) {
    super("Embedding");
    if (inputDim < 1 || outputDim < 1) {
      throw new IllegalArgumentException("Embedding needs input_dim and output_dim of at least 1, not " + inputDim + " and " + outputDim);
    }
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.initializer = initializer;
  }

  /** The number of rows, the indices it takes: {@code 0 .. inputDim - 1}. */
  public int inputDim() {
    return inputDim;
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    config.addProperty("input_dim", inputDim);
    config.addProperty("output_dim", outputDim);
    config.addProperty("mask_zero", false);
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    embeddings = weights.add("embeddings", Shape.of(inputDim, outputDim), initializer, true);
    long[] out = java.util.Arrays.copyOf(input.asArray(), input.numDimensions() + 1);
    out[input.numDimensions()] = outputDim;
    return Shape.of(out);
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    Operand<TInt32> indices = tf.dtypes.cast(tf.math.round(toFloat32(tf, x)), TInt32.class);
    return tf.gather(castLike(tf, embeddings.variable(), x), indices, tf.constant(0));
  }
}
