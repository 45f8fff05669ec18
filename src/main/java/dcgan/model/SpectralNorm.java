package dcgan.model;

import java.util.IdentityHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Spectral normalization of one layer's kernel (Miyato et al. 2018): the layer computes with
 * {@code W / sigma(W)}, {@code sigma} the largest singular value of the kernel reshaped to {@code
 * [-1, out]}, estimated by one power iteration per train step from a vector {@code u} that persists
 * between steps:
 *
 * <pre>
 * v = normalize(u W^T);   u' = normalize(v W);   sigma = v W u'^T
 * </pre>
 *
 * <p>{@code u} and {@code v} are constants to the gradient (as in the paper and PyTorch's {@code
 * spectral_norm}), {@code W} is not: the network learns through the normalization. {@code u} is a
 * non-trainable weight named {@code vector_u}, shaped {@code [1, out]}, initialized as Keras's
 * {@code SpectralNormalization} does; checkpoints keep it. In training mode a step stores {@code
 * u'}, once however often the layer is called in that step; inference computes the same {@code
 * sigma} from the stored {@code u} without storing anything.
 */
public final class SpectralNorm {

  /** The weight's Keras name. */
  public static final String WEIGHT_NAME = "vector_u";

  /** Keras's {@code normalize} floor on the squared norm. */
  private static final float EPSILON = 1e-12f;

  private final Weight u;
  private final Map<CallContext, Operand<TFloat32>> perContext = new IdentityHashMap<>();

  private SpectralNorm(Weight u) {
    this.u = u;
  }

  /** Adds {@code vector_u} for a kernel of {@code kernelShape} to the layer being built. */
  static SpectralNorm create(Layer.WeightMaker weights, Shape kernelShape) {
    long out = kernelShape.size(kernelShape.numDimensions() - 1);
    return new SpectralNorm(weights.add(WEIGHT_NAME, Shape.of(1, out), Initializer.truncatedNormal(0.02f), false));
  }

  /** {@code kernel / sigma(kernel)}, built once per call context (so once per train step). */
  Operand<TFloat32> normalize(Ops tf, Operand<TFloat32> kernel, CallContext context) {
    return perContext.computeIfAbsent(context, c -> {
      Ops scope = tf.withSubScope("spectral_norm");
      PowerIteration iteration = powerIteration(scope, tf.reshape(kernel, scope.constant(new long[] {-1, u.shape().size(1)})),
          u.variable());
      if (c.training()) {
        c.addUpdate(scope.withName("update_u").assign(u.variable(), iteration.u()));
      }
      return scope.math.div(kernel, iteration.sigma());
    });
  }

  /**
   * What a Keras file keeps of a normalized layer: {@code kernel / sigma} as inference uses it, then
   * the bias if there is one, and no {@code u} (see {@link Layer#kerasValues}).
   */
  java.util.List<Operand<TFloat32>> kerasValues(Ops tf, Weight kernel, Weight bias) {
    java.util.List<Operand<TFloat32>> values = new java.util.ArrayList<>();
    values.add(normalize(tf, kernel.variable(), CallContext.inference()));
    if (bias != null) {
      values.add(bias.variable());
    }
    return values;
  }

  /**
   * One power iteration on a {@code [in, out]} matrix from {@code u} ({@code [1, out]}): the new
   * {@code u} and the estimate {@code sigma} (a scalar), both without gradient to {@code u} or {@code v}.
   */
  public static PowerIteration powerIteration(Ops tf, Operand<TFloat32> matrix, Operand<TFloat32> u) {
    Operand<TFloat32> v = tf.stopGradient(normalize(tf, tf.linalg.matMul(u, matrix, org.tensorflow.op.linalg.MatMul.transposeB(true))));
    Operand<TFloat32> newU = tf.stopGradient(normalize(tf, tf.linalg.matMul(v, matrix)));
    Operand<TFloat32> sigma = tf.reshape(
        tf.linalg.matMul(tf.linalg.matMul(v, matrix), newU, org.tensorflow.op.linalg.MatMul.transposeB(true)),
        tf.constant(new long[0]));
    return new PowerIteration(newU, sigma);
  }

  /** {@code u} after one iteration, and the singular value it estimates. */
  public record PowerIteration(Operand<TFloat32> u, Operand<TFloat32> sigma) {}

  /** Keras's {@code normalize(x, axis=None)}: {@code x / sqrt(max(sum(x^2), 1e-12))}. */
  private static Operand<TFloat32> normalize(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> squares = tf.sum(tf.math.square(x), tf.constant(new int[] {0, 1}));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(squares, tf.constant(EPSILON))));
  }
}
