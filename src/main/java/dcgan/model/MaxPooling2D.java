package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code MaxPooling2D(pool_size=(p, p))}: the maximum of each {@code p x p} window, strides
 * equal to the pool size, 'valid' padding, so {@code floor(size / p)} on NHWC input.
 */
public final class MaxPooling2D extends Layer {

  private final int pool;

  /** {@code layers.MaxPooling2D((pool, pool))}. */
  public MaxPooling2D(int pool) {
    super("MaxPooling2D");
    if (pool < 1) {
      throw new IllegalArgumentException("pool size must be at least 1, got " + pool);
    }
    this.pool = pool;
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    config.add("pool_size", pair(pool, pool));
    config.add("strides", pair(pool, pool));
    config.addProperty("padding", "valid");
    config.addProperty("data_format", "channels_last");
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    if (input.numDimensions() != 4) {
      throw new IllegalArgumentException("MaxPooling2D expects (batch, h, w, c), got " + input);
    }
    return Shape.of(Shape.UNKNOWN_SIZE, input.size(1) / pool, input.size(2) / pool, input.size(3));
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    Operand<org.tensorflow.types.TInt32> window = tf.constant(new int[] {1, pool, pool, 1});
    return tf.nn.maxPool(x, window, window, "VALID");
  }
}
