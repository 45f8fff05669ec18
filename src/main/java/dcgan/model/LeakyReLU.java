package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.family.TFloating;

/** Keras {@code LeakyReLU()}: {@code x} for {@code x >= 0}, else {@code alpha * x}, alpha 0.3. */
public final class LeakyReLU extends Layer {

  /** The Keras layer's default; the TF op's own default is 0.2. */
  public static final float ALPHA = 0.3f;

  /** {@code layers.LeakyReLU()}. */
  public LeakyReLU() {
    super("LeakyReLU");
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    return input;
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    return tf.nn.leakyRelu(x, LeakyRelu.alpha(ALPHA));
  }
}
