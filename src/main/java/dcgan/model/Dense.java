package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Keras {@code Dense(units, use_bias)}: {@code x @ kernel + bias}, glorot-uniform kernel, zero bias. */
public final class Dense extends Layer {

  private final int units;
  private final boolean useBias;
  private Weight kernel;
  private Weight bias;

  /** {@code layers.Dense(units, use_bias=useBias)}. */
  public Dense(int units, boolean useBias) {
    super("Dense");
    this.units = units;
    this.useBias = useBias;
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    if (input.numDimensions() != 2) {
      throw new IllegalArgumentException("Dense expects (batch, features), got " + input);
    }
    kernel = weights.add("kernel", Shape.of(input.size(1), units), Initializer.glorotUniform(), true);
    if (useBias) {
      bias = weights.add("bias", Shape.of(units), Initializer.zeros(), true);
    }
    return Shape.of(Shape.UNKNOWN_SIZE, units);
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    Operand<T> y = tf.linalg.matMul(x, castLike(tf, kernel.variable(), x));
    return useBias ? tf.nn.biasAdd(y, castLike(tf, bias.variable(), x)) : y;
  }
}
