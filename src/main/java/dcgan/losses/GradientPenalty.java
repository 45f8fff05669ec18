package dcgan.losses;

import java.util.List;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * WGAN-GP's gradient penalty (Gulrajani et al. 2017, Algorithm 1), as TF-GAN's {@code
 * wasserstein_gradient_penalty}: on random interpolates {@code x^ = x + a (G(z) - x)}, {@code a ~
 * U[0, 1]} per image,
 *
 * <pre>
 * penalty = lambda * E[(||grad_x^ D(x^)||_2 - 1)^2],   ||g||_2 = sqrt(sum g^2 + 1e-10)
 * </pre>
 *
 * <p>It is added to the discriminator's loss, so the discriminator's gradients are gradients of a
 * gradient: TensorFlow's C++ gradients differentiate every op of the tutorial's discriminator
 * twice (Conv2DBackpropInput, LeakyReluGrad, MatMul, Mul, Reshape, Sum), which a test checks
 * against finite differences.
 */
public final class GradientPenalty {

  /** The paper's lambda. */
  public static final float PAPER_WEIGHT = 10f;

  /** TF-GAN's epsilon under the square root, so that a zero gradient has a gradient. */
  static final float EPSILON = 1e-10f;

  private GradientPenalty() {}

  /**
   * The penalty, weighted.
   *
   * @param critic the discriminator as a function of images (in training mode, as in the step)
   * @param real real images {@code [n, h, w, c]}
   * @param generated generated images {@code [m, h, w, c]}, {@code m >= n}: the first {@code n}
   *     are paired with the real ones. The tutorial draws a full batch of noise at every step, so an
   *     epoch's last batch holds fewer real images than generated ones (MNIST: 96 beside 256).
   * @param seed seed of the interpolation weights (a stateless random op)
   * @param weight lambda
   */
  public static Operand<TFloat32> wassersteinGradientPenalty(Ops tf, UnaryOperator<Operand<TFloat32>> critic,
      Operand<TFloat32> real, Operand<TFloat32> generated, Operand<TInt64> seed, float weight) {
    Operand<TFloat32> alpha = tf.random.statelessRandomUniform(perImageShape(tf, real), seed, TFloat32.class);
    Operand<TFloat32> paired = tf.slice(generated, tf.constant(new long[] {0, 0, 0, 0}),
        tf.concat(List.of(batchSize(tf, real), tf.constant(new long[] {-1, -1, -1})), tf.constant(0)));
    Operand<TFloat32> interpolates = tf.math.add(real, tf.math.mul(alpha, tf.math.sub(paired, real)));
    Operand<TFloat32> slopes = gradientNorms(tf, critic, interpolates);
    Operand<TFloat32> penalties = tf.math.square(tf.math.sub(slopes, tf.constant(1f)));
    return tf.math.mul(tf.math.mean(penalties, tf.constant(0)), tf.constant(weight));
  }

  /**
   * {@code sqrt(sum(grad_x critic(x)^2) + 1e-10)} per image, {@code [batch]}. The critic's
   * gradient is seeded with explicit ones rather than TensorFlow's default {@code OnesLike}, which
   * has no gradient of its own and so would stop the second differentiation.
   */
  public static Operand<TFloat32> gradientNorms(Ops tf, UnaryOperator<Operand<TFloat32>> critic, Operand<TFloat32> x) {
    Operand<TFloat32> scores = critic.apply(x);
    Operand<TFloat32> ones = tf.fill(tf.shape(scores), tf.constant(1f));
    Gradients gradients = tf.gradients(scores, List.of(x), Gradients.dx(List.of(ones)));
    Operand<TFloat32> g = gradients.dy(0);
    Operand<TFloat32> squares = tf.math.square(g);
    Operand<TFloat32> sums = tf.sum(squares, tf.constant(new int[] {1, 2, 3}));
    return tf.math.sqrt(tf.math.add(sums, tf.constant(EPSILON)));
  }

  /** {@code [batch, 1, 1, 1]}: one interpolation weight per image. */
  private static Operand<TInt64> perImageShape(Ops tf, Operand<TFloat32> images) {
    return tf.concat(List.of(batchSize(tf, images), tf.constant(new long[] {1, 1, 1})), tf.constant(0));
  }

  /** {@code [batch]}, the first dimension of {@code images}. */
  private static Operand<TInt64> batchSize(Ops tf, Operand<TFloat32> images) {
    return tf.slice(tf.shape(images, TInt64.class), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
  }
}
