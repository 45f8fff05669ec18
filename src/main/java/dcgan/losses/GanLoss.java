package dcgan.losses;

import java.util.Arrays;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The pair of losses a GAN's two networks minimise, on the discriminator's raw outputs ({@code
 * real} = D(x), {@code fake} = D(G(z)), both {@code [batch, 1]}), averaged over the batch. Named and
 * written as in TF-GAN's {@code tfgan.losses}; {@link #TUTORIAL} is the tutorial's own and the
 * default.
 *
 * <p>{@code sp(t) = log(1 + e^t)} (softplus) below; {@code -sp(-t) = log sigmoid(t)}.
 */
public enum GanLoss {

  /**
   * The tutorial's non-saturating cross-entropy (Goodfellow et al. 2014, section 3):
   * {@code L_G = E[sp(-fake)]}, {@code L_D = E[sp(-real)] + E[sp(fake)]}.
   */
  TUTORIAL("tutorial", true) {
    @Override
    public Operand<TFloat32> generatorLoss(Ops tf, Operand<TFloat32> fake) {
      return Losses.generatorLoss(tf, fake);
    }
  },

  /**
   * Goodfellow et al. 2014's original minimax game, the generator minimising {@code E[log(1 -
   * D(G(z)))]}: {@code L_G = -E[sp(fake)]}, {@code L_D} as the tutorial's. It saturates early in
   * training, which is why the tutorial does not use it.
   */
  MINIMAX("minimax", true) {
    @Override
    public Operand<TFloat32> generatorLoss(Ops tf, Operand<TFloat32> fake) {
      return tf.math.neg(Losses.crossEntropy(tf, tf.fill(tf.shape(fake), tf.constant(0f)), fake));
    }
  },

  /**
   * LSGAN (Mao et al. 2017, with a = 0, b = c = 1), as TF-GAN's {@code least_squares_*_loss}:
   * {@code L_G = E[(fake - 1)^2] / 2}, {@code L_D = (E[(real - 1)^2] + E[fake^2]) / 2}.
   */
  LEAST_SQUARES("least_squares", false) {
    @Override
    public Operand<TFloat32> generatorLoss(Ops tf, Operand<TFloat32> fake) {
      return half(tf, meanSquare(tf, fake, 1f));
    }

    @Override
    public Operand<TFloat32> discriminatorLoss(Ops tf, Operand<TFloat32> real, Operand<TFloat32> fake) {
      return half(tf, tf.math.add(meanSquare(tf, real, 1f), meanSquare(tf, fake, 0f)));
    }
  },

  /**
   * The hinge loss of SAGAN and BigGAN (Lim and Ye 2017; TF-GAN's {@code wasserstein_hinge_*}):
   * {@code L_G = -E[fake]}, {@code L_D = E[max(0, 1 - real)] + E[max(0, 1 + fake)]}.
   */
  HINGE("hinge", false) {
    @Override
    public Operand<TFloat32> generatorLoss(Ops tf, Operand<TFloat32> fake) {
      return criticGeneratorLoss(tf, fake);
    }

    @Override
    public Operand<TFloat32> discriminatorLoss(Ops tf, Operand<TFloat32> real, Operand<TFloat32> fake) {
      Operand<TFloat32> one = tf.constant(1f);
      return tf.math.add(mean(tf, tf.nn.relu(tf.math.sub(one, real))), mean(tf, tf.nn.relu(tf.math.add(one, fake))));
    }
  },

  /**
   * The WGAN critic's (Arjovsky et al. 2017): {@code L_G = -E[fake]}, {@code L_D = E[fake] -
   * E[real]}. The critic must be kept Lipschitz: use it with the gradient penalty (WGAN-GP).
   */
  WASSERSTEIN("wasserstein", false) {
    @Override
    public Operand<TFloat32> generatorLoss(Ops tf, Operand<TFloat32> fake) {
      return criticGeneratorLoss(tf, fake);
    }

    @Override
    public Operand<TFloat32> discriminatorLoss(Ops tf, Operand<TFloat32> real, Operand<TFloat32> fake) {
      return tf.math.sub(mean(tf, fake), mean(tf, real));
    }
  };

  private final String id;
  private final boolean logits;

  GanLoss(String id, boolean logits) {
    this.id = id;
    this.logits = logits;
  }

  /** The generator's loss, from the discriminator's outputs on the generated images. */
  public abstract Operand<TFloat32> generatorLoss(Ops tf, Operand<TFloat32> fake);

  /** The discriminator's loss; the tutorial's cross-entropy unless the loss says otherwise. */
  public Operand<TFloat32> discriminatorLoss(Ops tf, Operand<TFloat32> real, Operand<TFloat32> fake) {
    return Losses.discriminatorLoss(tf, real, fake);
  }

  /**
   * What the step summary reports as D(x) and D(G(z)) for one output: the probability {@code
   * sigmoid(output)} where the outputs are logits (the cross-entropy losses), the raw score
   * otherwise (a critic's outputs are not probabilities).
   */
  public Operand<TFloat32> score(Ops tf, Operand<TFloat32> output) {
    return logits ? tf.math.sigmoid(output) : output;
  }

  /** Whether the discriminator's outputs are logits of "real" (so {@link #score} is a probability). */
  public boolean outputsLogits() {
    return logits;
  }

  /** The command-line name, e.g. {@code least_squares}. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }

  /** The loss named {@code name} ({@link #id}), or an error listing the names. */
  public static GanLoss parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(l -> l.id.equals(wanted)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown loss '" + name + "'; choose one of " + names()));
  }

  /** {@code tutorial, minimax, ...}. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(GanLoss::id).toList());
  }

  /** {@code -E[fake]}: the generator's loss against a critic, for the hinge and Wasserstein losses alike. */
  private static Operand<TFloat32> criticGeneratorLoss(Ops tf, Operand<TFloat32> fake) {
    return tf.math.neg(mean(tf, fake));
  }

  private static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> x) {
    return tf.math.mean(x, tf.constant(new int[] {0, 1}));
  }

  private static Operand<TFloat32> meanSquare(Ops tf, Operand<TFloat32> x, float target) {
    return mean(tf, tf.math.square(tf.math.sub(x, tf.constant(target))));
  }

  private static Operand<TFloat32> half(Ops tf, Operand<TFloat32> x) {
    return tf.math.mul(x, tf.constant(0.5f));
  }
}
