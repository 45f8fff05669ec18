package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code Dense(units, use_bias, activation)}: {@code activation(x @ kernel + bias)}, by default
 * a glorot-uniform kernel, a zero bias and no activation.
 */
public final class Dense extends Layer {

  private final int units;
  private final boolean useBias;
  private final boolean spectralNorm;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private final ActivationFunction activation;
  private Weight kernel;
  private Weight bias;
  private SpectralNorm norm;

  /** {@code layers.Dense(units, use_bias=useBias)}. */
  public Dense(int units, boolean useBias) {
    this(units, useBias, false);
  }

  /** The same, its kernel spectrally normalized when {@code spectralNorm} ({@link SpectralNorm}). */
  public Dense(int units, boolean useBias, boolean spectralNorm) {
    this(units, useBias, spectralNorm, Initializer.glorotUniform());
  }

  /** The same, the kernel drawn by {@code kernelInitializer}. */
  public Dense(int units, boolean useBias, boolean spectralNorm, Initializer kernelInitializer) {
    this(units, useBias, spectralNorm, kernelInitializer, Initializer.zeros(), ActivationFunction.LINEAR);
  }

  /** Every setting: the bias drawn by {@code biasInitializer}, {@code activation} applied last. */
  public Dense(int units, boolean useBias, boolean spectralNorm, Initializer kernelInitializer, Initializer biasInitializer,
      ActivationFunction activation) {
    super("Dense");
    if (units < 1) {
      throw new IllegalArgumentException("units must be at least 1, got " + units);
    }
    this.units = units;
    this.useBias = useBias;
    this.spectralNorm = spectralNorm;
    this.kernelInitializer = kernelInitializer;
    this.biasInitializer = biasInitializer;
    this.activation = activation;
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    config.addProperty("units", units);
    config.addProperty("activation", activation.kerasName());
    config.addProperty("use_bias", useBias);
  }

  @Override
  public java.util.List<Operand<TFloat32>> kerasValues(Ops tf) {
    return norm == null ? super.kerasValues(tf) : norm.kerasValues(tf, kernel, bias);
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    if (input.numDimensions() < 2) {
      throw new IllegalArgumentException("Dense expects (batch, features), got " + Sequential.kerasShape(input));
    }
    long features = input.size(input.numDimensions() - 1);
    kernel = weights.add("kernel", Shape.of(features, units), kernelInitializer, true);
    if (useBias) {
      bias = weights.add("bias", Shape.of(units), biasInitializer, true);
    }
    norm = spectralNorm ? SpectralNorm.create(weights, kernel.shape()) : null;
    long[] out = input.asArray();
    out[out.length - 1] = units;
    return Shape.of(out);
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    Operand<TFloat32> k = norm == null ? kernel.variable() : norm.normalize(tf, kernel.variable(), context);
    Shape out = outputShape();
    if (out.numDimensions() > 2) { // Keras applies a Dense to the last axis: (batch, ..., features) -> (batch, ..., units)
      Operand<T> rows = tf.reshape(x, tf.constant(new long[] {-1, kernel.shape().size(0)}));
      long[] target = out.asArray();
      return tf.reshape(call(tf, rows, k), tf.constant(target));
    }
    return call(tf, x, k);
  }

  private <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, Operand<TFloat32> k) {
    Operand<T> y = tf.linalg.matMul(x, castLike(tf, k, x));
    return activation.apply(tf, useBias ? tf.nn.biasAdd(y, castLike(tf, bias.variable(), x)) : y);
  }
}
