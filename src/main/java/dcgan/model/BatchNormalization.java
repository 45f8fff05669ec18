package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code BatchNormalization()} over the last axis: by default momentum 0.99, epsilon 1e-3,
 * gamma ones and beta zeros (trainable), moving mean zeros and moving variance ones (not).
 *
 * <p>Training normalizes with the batch mean and (biased) batch variance and moves the moving
 * statistics towards them: {@code moving = moving * momentum + batch * (1 - momentum)}, with the
 * biased variance as Keras 3 does. {@code FusedBatchNormV3} reports the Bessel-corrected variance,
 * so it is scaled back by {@code (n - 1) / n}. Inference normalizes with the moving statistics. In
 * {@link CallContext#standingStatistics} it normalizes with the batch's and stores them as the
 * moving ones (momentum 0): how an averaged generator gets statistics for its own weights.
 *
 * <p>Rank-2 input (the generator's first BatchNormalization, after Dense) is viewed as {@code [n,
 * 1, 1, c]}, which normalizes the same axis.
 */
public final class BatchNormalization extends Layer {

  /** Keras's default momentum. */
  public static final float MOMENTUM = 0.99f;
  /** Keras's default epsilon (TF's fused op defaults to 1e-4, Keras passes 1e-3). */
  public static final float EPSILON = 1e-3f;

  private final int axis;
  private final float momentum;
  private final float epsilon;
  private final Initializer[] initializers; // gamma, beta, moving mean, moving variance
  private Weight gamma;
  private Weight beta;
  private Weight movingMean;
  private Weight movingVariance;
  private long channels;

  /** {@code layers.BatchNormalization()}. */
  public BatchNormalization() {
    this(-1, MOMENTUM, EPSILON, Initializer.ones(), Initializer.zeros(), Initializer.zeros(), Initializer.ones());
  }

  /**
   * {@code layers.BatchNormalization(axis, momentum, epsilon, ...)} with these initializers; {@code
   * axis} must be -1 or name the last axis (counting the batch axis as 0), the only one supported.
   */
  public BatchNormalization(int axis, float momentum, float epsilon, Initializer gamma, Initializer beta, Initializer movingMean,
      Initializer movingVariance) {
    super("BatchNormalization");
    if (!(momentum >= 0 && momentum <= 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException("momentum must be in [0, 1] and epsilon positive, got " + momentum + " and " + epsilon);
    }
    this.axis = axis;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.initializers = new Initializer[] {gamma, beta, movingMean, movingVariance};
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    config.addProperty("axis", axis);
    config.addProperty("momentum", momentum);
    config.addProperty("epsilon", epsilon);
    config.addProperty("center", true);
    config.addProperty("scale", true);
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    if (input.numDimensions() != 2 && input.numDimensions() != 4) {
      throw new IllegalArgumentException("BatchNormalization expects (batch, features) or (batch, h, w, c), got "
          + Sequential.kerasShape(input));
    }
    if (axis != -1 && axis != input.numDimensions() - 1) {
      throw new IllegalArgumentException("BatchNormalization over axis " + axis + " of " + Sequential.kerasShape(input)
          + " is not supported, only over the last axis (-1)");
    }
    channels = input.size(input.numDimensions() - 1);
    Shape shape = Shape.of(channels);
    gamma = weights.add("gamma", shape, initializers[0], true);
    beta = weights.add("beta", shape, initializers[1], true);
    movingMean = weights.add("moving_mean", shape, initializers[2], false);
    movingVariance = weights.add("moving_variance", shape, initializers[3], false);
    return input;
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    // In float32 also under mixed precision, as Keras 3 does: bfloat16 statistics would be too coarse.
    Operand<TFloat32> x32 = toFloat32(tf, x);
    boolean flat = x.shape().numDimensions() == 2;
    Operand<TFloat32> x4 = flat ? tf.reshape(x32, tf.constant(new long[] {-1, 1, 1, channels})) : x32;
    Operand<TFloat32> y = context.batchStatistics() ? normalizeWithBatchStatistics(tf, x4, context) : normalizeWithMovingStatistics(tf, x4);
    return castLike(tf, flat ? tf.reshape(y, tf.constant(new long[] {-1, channels})) : y, x);
  }

  private Operand<TFloat32> normalizeWithBatchStatistics(Ops tf, Operand<TFloat32> x, CallContext context) {
    Operand<TFloat32> none = tf.constant(new float[0]);
    FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(x, gamma.variable(), beta.variable(), none, none,
        FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(true), FusedBatchNorm.exponentialAvgFactor(1f));
    Operand<TFloat32> n = tf.dtypes.cast(tf.math.div(tf.size(x), tf.constant((int) channels)), TFloat32.class);
    Operand<TFloat32> biasedVariance = tf.math.mul(bn.batchVariance(), tf.math.div(tf.math.sub(n, tf.constant(1f)), n));
    context.addUpdate(movingAverage(tf, movingMean, bn.batchMean(), context));
    context.addUpdate(movingAverage(tf, movingVariance, biasedVariance, context));
    return bn.y();
  }

  private Operand<TFloat32> normalizeWithMovingStatistics(Ops tf, Operand<TFloat32> x) {
    return tf.nn.fusedBatchNorm(x, gamma.variable(), beta.variable(), movingMean.variable(), movingVariance.variable(),
        FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(false)).y();
  }

  private org.tensorflow.op.Op movingAverage(Ops tf, Weight moving, Operand<TFloat32> batchValue, CallContext context) {
    if (context.standingStatistics()) {
      return tf.assign(moving.variable(), batchValue);
    }
    Operand<TFloat32> kept = tf.math.mul(moving.variable(), tf.constant(momentum));
    Operand<TFloat32> added = tf.math.mul(batchValue, tf.constant(1f - momentum));
    return tf.assign(moving.variable(), tf.math.add(kept, added));
  }
}
