package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code Conv2D(filters, kernel_size, strides, padding)} on NHWC input, by default with a
 * bias and 'same' padding, which gives {@code ceil(size / stride)}. Kernel {@code [kh, kw, in,
 * filters]}.
 */
public final class Conv2D extends Layer {

  private final int filters;
  private final ConvSettings settings;
  private final boolean spectralNorm;
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
    this(filters, ConvSettings.square(kernelSize, stride, useBias, kernelInitializer, ActivationFunction.LINEAR), spectralNorm);
  }

  /** Any of Keras's settings this project supports ({@link ConvSettings}). */
  public Conv2D(int filters, ConvSettings settings, boolean spectralNorm) {
    super("Conv2D");
    if (filters < 1) {
      throw new IllegalArgumentException("filters must be at least 1, got " + filters);
    }
    this.filters = filters;
    this.settings = settings;
    this.spectralNorm = spectralNorm;
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    config.addProperty("filters", filters);
    settings.addKerasSettings(config);
    config.addProperty("groups", 1); // Conv2DTranspose has none: Keras 3 refuses it there
  }

  @Override
  public java.util.List<Operand<TFloat32>> kerasValues(Ops tf) {
    return norm == null ? super.kerasValues(tf) : norm.kerasValues(tf, kernel, bias);
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    if (input.numDimensions() != 4) {
      throw new IllegalArgumentException("Conv2D expects (batch, h, w, c), got " + Sequential.kerasShape(input));
    }
    ConvSettings s = settings;
    long rows = s.padding().convolutionOutput(input.size(1), s.kernelRows(), s.strideRows());
    long cols = s.padding().convolutionOutput(input.size(2), s.kernelCols(), s.strideCols());
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("a " + s.kernelRows() + "x" + s.kernelCols() + " kernel with 'valid' padding does not fit"
          + " the input " + Sequential.kerasShape(input));
    }
    kernel = weights.add("kernel", Shape.of(s.kernelRows(), s.kernelCols(), input.size(3), filters), s.kernelInitializer(), true);
    bias = s.useBias() ? weights.add("bias", Shape.of(filters), s.biasInitializer(), true) : null;
    norm = spectralNorm ? SpectralNorm.create(weights, kernel.shape()) : null;
    return Shape.of(Shape.UNKNOWN_SIZE, rows, cols, filters);
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    // An Add, not a BiasAdd: with oneDNN, TensorFlow 2.18's remapper fuses Conv2D + BiasAdd + LeakyRelu
    // although LeakyReluGrad still reads the BiasAdd, fails, and then applies no fusion at all.
    Operand<TFloat32> k = norm == null ? kernel.variable() : norm.normalize(tf, kernel.variable(), context);
    Operand<T> y = tf.nn.conv2d(x, castLike(tf, k, x), settings.opStrides(), settings.padding().opName());
    y = bias == null ? y : tf.math.add(y, castLike(tf, bias.variable(), x));
    return settings.activation().apply(tf, y);
  }
}
