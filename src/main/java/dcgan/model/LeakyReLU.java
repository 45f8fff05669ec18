package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/** Keras {@code LeakyReLU(alpha)}: {@code x} for {@code x >= 0}, else {@code alpha * x}; alpha 0.3 by default, as Keras's. */
public final class LeakyReLU extends Layer {

  /** The Keras layer's default; the TF op's own default is 0.2. */
  public static final float ALPHA = 0.3f;

  private final float alpha;

  /** {@code layers.LeakyReLU()}. */
  public LeakyReLU() {
    this(ALPHA);
  }

  /** {@code layers.LeakyReLU(alpha)} (the DCGAN paper's: 0.2). */
  public LeakyReLU(float alpha) {
    super("LeakyReLU");
    this.alpha = alpha;
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    config.addProperty("negative_slope", alpha);
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    return input;
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    // Under mixed_bfloat16 this computes in float32 and rounds the result to bfloat16 once, because
    // TensorFlow's CPU LeakyReluGrad is about 9x slower in bfloat16 than in float32 (79 against 9 ms
    // a step on an AMX Xeon). Keras would use bfloat16's alpha, 0.30078125, where this uses 0.3.
    Operand<TFloat32> y = tf.nn.leakyRelu(toFloat32(tf, x), LeakyRelu.alpha(alpha));
    return castTo(tf, y, x.type());
  }
}
