package dcgan.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code Conv2D(filters, (k, k), strides=(s, s), padding='same')} on NHWC input, with bias.
 * Kernel {@code [k, k, in, filters]}. 'same' padding gives {@code ceil(size / s)}.
 */
public final class Conv2D extends Layer {

  private final int filters;
  private final int kernelSize;
  private final int stride;
  private final boolean spectralNorm;
  private final boolean useBias;
  private final Initializer kernelInitializer;
  private Weight kernel;
  private Weight bias;
  private SpectralNorm norm;

  /** {@code layers.Conv2D(filters, (kernelSize, kernelSize), strides=(stride, stride), padding='same')}. */
  public Conv2D(int filters, int kernelSize, int stride) {
    this(filters, kernelSize, stride, false);
  }

  /** The same, its kernel spectrally normalized when {@code spectralNorm} ({@link SpectralNorm}). */
  public Conv2D(int filters, int kernelSize, int stride, boolean spectralNorm) {
    this(filters, kernelSize, stride, spectralNorm, true, Initializer.glorotUniform());
  }

  /** With or without bias, the kernel drawn by {@code kernelInitializer}. */
  public Conv2D(int filters, int kernelSize, int stride, boolean spectralNorm, boolean useBias, Initializer kernelInitializer) {
    super("Conv2D");
    this.filters = filters;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.spectralNorm = spectralNorm;
    this.useBias = useBias;
    this.kernelInitializer = kernelInitializer;
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    if (input.numDimensions() != 4) {
      throw new IllegalArgumentException("Conv2D expects (batch, h, w, c), got " + input);
    }
    kernel = weights.add("kernel", Shape.of(kernelSize, kernelSize, input.size(3), filters), kernelInitializer, true);
    bias = useBias ? weights.add("bias", Shape.of(filters), Initializer.zeros(), true) : null;
    norm = spectralNorm ? SpectralNorm.create(weights, kernel.shape()) : null;
    return Shape.of(Shape.UNKNOWN_SIZE, ceilDiv(input.size(1), stride), ceilDiv(input.size(2), stride), filters);
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    // An Add, not a BiasAdd: with oneDNN, TensorFlow 2.18's remapper fuses Conv2D + BiasAdd + LeakyRelu
    // although LeakyReluGrad still reads the BiasAdd, fails, and then applies no fusion at all.
    Operand<TFloat32> k = norm == null ? kernel.variable() : norm.normalize(tf, kernel.variable(), context);
    Operand<T> y = tf.nn.conv2d(x, castLike(tf, k, x), strides, "SAME");
    return bias == null ? y : tf.math.add(y, castLike(tf, bias.variable(), x));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
