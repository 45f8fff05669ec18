package dcgan.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code Conv2DTranspose(filters, kernel_size, strides, padding)}: as the tutorial uses it,
 * 'same' padding and no bias, optionally followed by {@code tanh}; output size {@code size *
 * stride} ('valid': {@code size * stride + max(k - stride, 0)}).
 *
 * <p>The kernel is stored as Keras stores it, {@code [kh, kw, filters, in]}, which is the filter
 * layout {@code Conv2DBackpropInput} expects: a transposed convolution is the gradient of a
 * convolution with respect to its input.
 */
public final class Conv2DTranspose extends Layer {

  private final int filters;
  private final ConvSettings settings;
  private Weight kernel;
  private Weight bias;

  /**
   * {@code layers.Conv2DTranspose(filters, (kernelSize, kernelSize), strides=(stride, stride),
   * padding='same', use_bias=False, activation='tanh' if tanh else None)}.
   */
  public Conv2DTranspose(int filters, int kernelSize, int stride, boolean tanh) {
    this(filters, kernelSize, stride, tanh, Initializer.glorotUniform());
  }

  /** The same, the kernel drawn by {@code kernelInitializer}. */
  public Conv2DTranspose(int filters, int kernelSize, int stride, boolean tanh, Initializer kernelInitializer) {
    this(filters, ConvSettings.square(kernelSize, stride, false, kernelInitializer,
        tanh ? ActivationFunction.TANH : ActivationFunction.LINEAR));
  }

  /** Any of Keras's settings this project supports ({@link ConvSettings}). */
  public Conv2DTranspose(int filters, ConvSettings settings) {
    super("Conv2DTranspose");
    if (filters < 1) {
      throw new IllegalArgumentException("filters must be at least 1, got " + filters);
    }
    this.filters = filters;
    this.settings = settings;
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    config.addProperty("filters", filters);
    settings.addKerasSettings(config);
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    if (input.numDimensions() != 4) {
      throw new IllegalArgumentException("Conv2DTranspose expects (batch, h, w, c), got " + Sequential.kerasShape(input));
    }
    ConvSettings s = settings;
    kernel = weights.add("kernel", Shape.of(s.kernelRows(), s.kernelCols(), filters, input.size(3)), s.kernelInitializer(), true);
    bias = s.useBias() ? weights.add("bias", Shape.of(filters), s.biasInitializer(), true) : null;
    return Shape.of(Shape.UNKNOWN_SIZE, s.padding().transposedOutput(input.size(1), s.kernelRows(), s.strideRows()),
        s.padding().transposedOutput(input.size(2), s.kernelCols(), s.strideCols()), filters);
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    Shape out = outputShape();
    Operand<TInt32> batch = tf.shape.size(tf.shape(x), tf.constant(0));
    Operand<TInt32> outputSize = tf.concat(
        List.of(tf.reshape(batch, tf.constant(new int[] {1})),
            tf.constant(new int[] {(int) out.size(1), (int) out.size(2), filters})),
        tf.constant(0));
    Operand<T> y = tf.nn.conv2dBackpropInput(outputSize, castLike(tf, kernel.variable(), x), x, settings.opStrides(),
        settings.padding().opName());
    y = bias == null ? y : tf.math.add(y, castLike(tf, bias.variable(), x));
    return settings.activation().apply(tf, y);
  }
}
