package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

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
  protected Shape createWeights(WeightMaker weights, Shape input) {
    return input;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext context) {
    if (!context.training()) {
      return x;
    }
    Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.shape(x), context.nextSeed(tf), TFloat32.class);
    Operand<TFloat32> keepScaled = tf.math.mul(
        tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class),
        tf.constant(1f / (1f - rate)));
    return tf.math.mul(x, keepScaled);
  }
}
