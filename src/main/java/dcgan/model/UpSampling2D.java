package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code UpSampling2D(size=(r, c), interpolation=...)} on NHWC input: each image {@code r}
 * times taller and {@code c} times wider. {@code nearest} repeats every pixel (built from a reshape
 * and a broadcast multiply, which TensorFlow can differentiate twice); {@code bilinear} is {@code
 * tf.image.resize}'s, with half-pixel centres, as Keras calls it.
 */
public final class UpSampling2D extends Layer {

  /** Keras's {@code interpolation} choices that are supported. */
  public enum Interpolation { NEAREST, BILINEAR }

  private final int rows;
  private final int cols;
  private final Interpolation interpolation;

  /** {@code layers.UpSampling2D(size=(rows, cols), interpolation=...)}. */
  public UpSampling2D(int rows, int cols, Interpolation interpolation) {
    super("UpSampling2D");
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("UpSampling2D's size must be at least 1, got " + rows + "x" + cols);
    }
    this.rows = rows;
    this.cols = cols;
    this.interpolation = interpolation;
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    config.add("size", pair(rows, cols));
    config.addProperty("data_format", "channels_last");
    config.addProperty("interpolation", interpolation.name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    if (input.numDimensions() != 4) {
      throw new IllegalArgumentException("UpSampling2D expects (batch, h, w, c), got " + Sequential.kerasShape(input));
    }
    return Shape.of(Shape.UNKNOWN_SIZE, input.size(1) * rows, input.size(2) * cols, input.size(3));
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    long[] in = x.shape().asArray();
    long[] out = outputShape().asArray();
    if (interpolation == Interpolation.BILINEAR) {
      Operand<TFloat32> resized = tf.image.resizeBilinear(x, tf.constant(new int[] {(int) out[1], (int) out[2]}),
          ResizeBilinear.halfPixelCenters(true));
      return castTo(tf, resized, x.type());
    }
    Operand<T> spread = tf.reshape(x, tf.constant(new long[] {-1, in[1], 1, in[2], 1, in[3]}));
    float[] ones = new float[rows * cols];
    java.util.Arrays.fill(ones, 1f);
    Operand<TFloat32> block = tf.constant(Shape.of(1, 1, rows, 1, cols, 1), org.tensorflow.ndarray.buffer.DataBuffers.of(ones));
    return tf.reshape(tf.math.mul(spread, castLike(tf, block, x)), tf.constant(new long[] {-1, out[1], out[2], out[3]}));
  }
}
