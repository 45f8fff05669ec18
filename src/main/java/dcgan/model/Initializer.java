package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Computes a variable's initial value in the graph, the way a Keras initializer does.
 *
 * <p>Random initializers draw from stateless random ops keyed by {@code seed}, so a model built
 * with the same seed starts from bitwise the same weights.
 */
@FunctionalInterface
public interface Initializer {

  /**
   * @param tf where to build the ops
   * @param shape the variable's shape
   * @param seed an int64[2] seed that is unique to this variable
   */
  Operand<TFloat32> initialValue(Ops tf, Shape shape, Operand<TInt64> seed);

  /** Keras {@code zeros}: the default bias and BatchNormalization beta / moving mean. */
  static Initializer zeros() {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape), tf.constant(0f));
  }

  /** Keras {@code ones}: BatchNormalization gamma and moving variance. */
  static Initializer ones() {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape), tf.constant(1f));
  }

  /**
   * Keras {@code glorot_uniform}, the default kernel initializer: uniform on {@code [-limit,
   * limit)} with {@code limit = sqrt(6 / (fan_in + fan_out))}.
   *
   * <p>Not the framework's {@code Glorot}, which draws from {@code [0, limit)} and computes
   * convolution fans differently from Keras.
   */
  static Initializer glorotUniform() {
    return (tf, shape, seed) -> {
      float limit = (float) glorotLimit(shape);
      Operand<TFloat32> unit = tf.random.statelessRandomUniform(tf.constant(shape), seed, TFloat32.class);
      // [0, 1) -> [-limit, limit)
      return tf.math.mul(tf.math.sub(tf.math.mul(unit, tf.constant(2f)), tf.constant(1f)), tf.constant(limit));
    };
  }

  /** Keras {@code RandomNormal(mean=0, stddev=stddev)}: the DCGAN paper's weights, with 0.02. */
  static Initializer randomNormal(float stddev) {
    return (tf, shape, seed) -> tf.math.mul(
        tf.random.statelessRandomNormal(tf.constant(shape), seed, TFloat32.class), tf.constant(stddev));
  }

  /** Keras {@code RandomNormal(mean, stddev)}. */
  static Initializer randomNormal(float mean, float stddev) {
    Initializer centred = randomNormal(stddev);
    return mean == 0 ? centred : (tf, shape, seed) -> tf.math.add(centred.initialValue(tf, shape, seed), tf.constant(mean));
  }

  /** Keras {@code RandomUniform(minval, maxval)}: uniform on {@code [minval, maxval)}. */
  static Initializer randomUniform(float minval, float maxval) {
    return (tf, shape, seed) -> tf.math.add(tf.math.mul(
        tf.random.statelessRandomUniform(tf.constant(shape), seed, TFloat32.class), tf.constant(maxval - minval)), tf.constant(minval));
  }

  /** Keras {@code Constant(value)} (zeros and ones are {@link #zeros} and {@link #ones}). */
  static Initializer constant(float value) {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape), tf.constant(value));
  }

  /** Which fan Keras's {@code VarianceScaling} divides the scale by. */
  enum FanMode { FAN_IN, FAN_OUT, FAN_AVG }

  /** Keras {@code VarianceScaling}'s {@code distribution}. */
  enum Distribution { TRUNCATED_NORMAL, UNTRUNCATED_NORMAL, UNIFORM }

  /**
   * Keras {@code VarianceScaling(scale, mode, distribution)}, of which {@code he_normal} is (2,
   * fan_in, truncated_normal), {@code he_uniform} (2, fan_in, uniform), {@code glorot_normal} (1,
   * fan_avg, truncated_normal), {@code lecun_normal} (1, fan_in, truncated_normal): with {@code n}
   * the fan, a truncated normal (cut at two standard deviations) of standard deviation {@code
   * sqrt(scale / n) / 0.8796...}, a normal of {@code sqrt(scale / n)}, or a uniform on {@code
   * [-sqrt(3 scale / n), sqrt(3 scale / n))}.
   */
  static Initializer varianceScaling(double scale, FanMode mode, Distribution distribution) {
    return (tf, shape, seed) -> {
      long[] fans = fans(shape);
      double n = switch (mode) {
        case FAN_IN -> fans[0];
        case FAN_OUT -> fans[1];
        case FAN_AVG -> (fans[0] + fans[1]) / 2.0;
      };
      double variance = scale / Math.max(1.0, n);
      return switch (distribution) {
        case TRUNCATED_NORMAL -> truncatedNormal((float) (Math.sqrt(variance) / TRUNCATED_NORMAL_STDDEV)).initialValue(tf, shape, seed);
        case UNTRUNCATED_NORMAL -> randomNormal((float) Math.sqrt(variance)).initialValue(tf, shape, seed);
        case UNIFORM -> {
          float limit = (float) Math.sqrt(3 * variance);
          yield randomUniform(-limit, limit).initialValue(tf, shape, seed);
        }
      };
    };
  }

  /** The standard deviation of a unit normal truncated to [-2, 2], by which Keras widens its truncated draws. */
  double TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

  /**
   * Keras {@code TruncatedNormal(stddev=stddev)}: normal, redrawn beyond two standard deviations
   * (the initializer of Keras's {@code SpectralNormalization.vector_u}, with 0.02).
   */
  static Initializer truncatedNormal(float stddev) {
    return (tf, shape, seed) -> tf.math.mul(
        tf.random.statelessTruncatedNormal(tf.constant(shape), seed, TFloat32.class), tf.constant(stddev));
  }

  /** Keras {@code TruncatedNormal(mean, stddev)}. */
  static Initializer truncatedNormal(float mean, float stddev) {
    Initializer centred = truncatedNormal(stddev);
    return mean == 0 ? centred : (tf, shape, seed) -> tf.math.add(centred.initialValue(tf, shape, seed), tf.constant(mean));
  }

  /** {@code sqrt(6 / (fan_in + fan_out))} with Keras's fans. */
  static double glorotLimit(Shape shape) {
    long[] fans = fans(shape);
    return Math.sqrt(6.0 / (fans[0] + fans[1]));
  }

  /**
   * Keras's {@code compute_fans}: for a rank-2 kernel {@code [in, out]}; for a convolution kernel
   * the receptive field {@code prod(shape[:-2])} times {@code shape[-2]} (fan in) and {@code
   * shape[-1]} (fan out). A Conv2DTranspose kernel is {@code [kh, kw, filters, in]}, so its fans
   * are swapped, which leaves the Glorot limit unchanged.
   */
  static long[] fans(Shape shape) {
    int rank = shape.numDimensions();
    if (rank < 1) {
      return new long[] {1, 1};
    }
    if (rank == 1) {
      return new long[] {shape.size(0), shape.size(0)};
    }
    if (rank == 2) {
      return new long[] {shape.size(0), shape.size(1)};
    }
    long receptive = 1;
    for (int i = 0; i < rank - 2; i++) {
      receptive *= shape.size(i);
    }
    return new long[] {shape.size(rank - 2) * receptive, shape.size(rank - 1) * receptive};
  }
}
