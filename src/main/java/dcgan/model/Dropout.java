package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code Dropout(rate)}: inverted dropout, active in training only. Each element is kept
 * with probability {@code 1 - rate} (a uniform draw {@code >= rate}) and scaled by {@code 1 / (1 -
 * rate)}, so the expected activation is unchanged and inference is the identity.
 */
public final class Dropout extends Layer {

  private final float rate;

  /** {@code layers.Dropout(rate)}. */
  public Dropout(float rate) {
    super("Dropout");
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    config.addProperty("rate", rate);
    config.add("seed", com.google.gson.JsonNull.INSTANCE);
    config.add("noise_shape", com.google.gson.JsonNull.INSTANCE);
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    return input;
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    if (!context.training()) {
      return x;
    }
    // The draw is float32 whatever x's type, so the same seed drops the same elements under both precisions.
    Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.shape(x), context.nextSeed(tf), TFloat32.class);
    Operand<T> keepScaled = tf.math.mul(
        tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), x.type()),
        castLike(tf, tf.constant(1f / (1f - rate)), x));
    return tf.math.mul(x, keepScaled);
  }
}
