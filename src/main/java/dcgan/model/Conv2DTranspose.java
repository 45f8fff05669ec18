package dcgan.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code Conv2DTranspose(filters, (k, k), strides=(s, s), padding='same', use_bias=False)},
 * optionally followed by {@code tanh}. Output size {@code size * s}.
 *
 * <p>The kernel is stored as Keras stores it, {@code [k, k, filters, in]}, which is the filter
 * layout {@code Conv2DBackpropInput} expects: a transposed convolution is the gradient of a
 * convolution with respect to its input.
 */
public final class Conv2DTranspose extends Layer {

  private final int filters;
  private final int kernelSize;
  private final int stride;
  private final boolean tanh;
  private final Initializer kernelInitializer;
  private Weight kernel;

  /**
   * {@code layers.Conv2DTranspose(filters, (kernelSize, kernelSize), strides=(stride, stride),
   * padding='same', use_bias=False, activation='tanh' if tanh else None)}.
   */
  public Conv2DTranspose(int filters, int kernelSize, int stride, boolean tanh) {
    this(filters, kernelSize, stride, tanh, Initializer.glorotUniform());
  }

  /** The same, the kernel drawn by {@code kernelInitializer}. */
  public Conv2DTranspose(int filters, int kernelSize, int stride, boolean tanh, Initializer kernelInitializer) {
    super("Conv2DTranspose");
    this.filters = filters;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.tanh = tanh;
    this.kernelInitializer = kernelInitializer;
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    if (input.numDimensions() != 4) {
      throw new IllegalArgumentException("Conv2DTranspose expects (batch, h, w, c), got " + input);
    }
    kernel = weights.add("kernel", Shape.of(kernelSize, kernelSize, filters, input.size(3)), kernelInitializer, true);
    return Shape.of(Shape.UNKNOWN_SIZE, input.size(1) * stride, input.size(2) * stride, filters);
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    Shape out = outputShape();
    Operand<TInt32> batch = tf.shape.size(tf.shape(x), tf.constant(0));
    Operand<TInt32> outputSize = tf.concat(
        List.of(tf.reshape(batch, tf.constant(new int[] {1})),
            tf.constant(new int[] {(int) out.size(1), (int) out.size(2), filters})),
        tf.constant(0));
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    Operand<T> y = tf.nn.conv2dBackpropInput(outputSize, castLike(tf, kernel.variable(), x), x, strides, "SAME");
    return tanh ? tf.math.tanh(y) : y;
  }
}
