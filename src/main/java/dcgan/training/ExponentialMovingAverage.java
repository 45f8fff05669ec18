package dcgan.training;

import dcgan.model.Sequential;
import dcgan.model.Weight;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * {@code --ema DECAY}: the averaged generator (Yazıcı et al. 2019, "The Unusual Effectiveness of
 * Averaging in GAN Training"; StyleGAN's and BigGAN's G_ema). After every update of the generator,
 * each trainable weight {@code w} of the averaged copy moves towards the generator's:
 *
 * <pre>
 * w_ema = w_ema - (1 - d_t) * (w_ema - w),   d_t = min(decay, (1 + t) / (10 + t))
 * </pre>
 *
 * <p>where {@code t} counts the generator's updates so far (its Adam {@code iter}). The warm-up is
 * {@code tf.train.ExponentialMovingAverage}'s {@code num_updates} rule: {@code d_1 = 0.18}, {@code
 * d_100 = 0.92}, {@code d_1000 = 0.991}, and 0.999 from update 8,990 on, so the average
 * forgets the random initial weights within the first few hundred steps instead of carrying them
 * for thousands.
 *
 * <p>BatchNormalization's moving statistics are not averaged: statistics that belong to the
 * generator's weights do not belong to an average of them. They are recomputed for the averaged
 * weights before it draws ({@link dcgan.model.GanModel#standingStatistics}).
 */
public final class ExponentialMovingAverage {

  /** The warm-up's constants: {@code (1 + t) / (10 + t)}. */
  static final float WARM_UP_OFFSET = 1f, WARM_UP_SCALE = 10f;

  private final Sequential generator;
  private final Sequential averaged;
  private final float decay;

  /**
   * @param generator the generator being trained
   * @param averaged its copy, built from the same layers
   * @param decay the decay, in (0, 1)
   */
  public ExponentialMovingAverage(Sequential generator, Sequential averaged, float decay) {
    if (generator.weights().size() != averaged.weights().size()) {
      throw new IllegalArgumentException("the averaged generator has " + averaged.weights().size() + " weights, the generator "
          + generator.weights().size());
    }
    this.generator = generator;
    this.averaged = averaged;
    this.decay = decay;
  }

  /** The decay at update {@code t} (1 for the first), as the graph computes it. */
  public static float decayAt(float decay, long t) {
    return Math.min(decay, (WARM_UP_OFFSET + t) / (WARM_UP_SCALE + t));
  }

  /** Sets every weight of the averaged copy to the generator's, moving statistics included: at the start, and after {@code --init-from}. */
  public Op copy(Ops tf) {
    List<Op> assigns = new ArrayList<>();
    List<Weight> from = generator.weights();
    List<Weight> to = averaged.weights();
    for (int i = 0; i < from.size(); i++) {
      assigns.add(tf.assign(to.get(i).variable(), from.get(i).variable()));
    }
    return tf.withName("copy_generator").withControlDependencies(assigns).noOp();
  }

  /**
   * The averaging step, after {@code generatorUpdate} (which has counted the update in {@code
   * updates}, the generator's Adam {@code iter}).
   */
  public Op update(Ops tf, Variable<TInt64> updates, Op generatorUpdate) {
    Ops scope = tf.withSubScope("ema");
    Ops after = scope.withControlDependencies(List.of(generatorUpdate));
    Operand<TFloat32> t = after.dtypes.cast(updates, TFloat32.class);
    Operand<TFloat32> warmUp = after.math.div(after.math.add(t, after.constant(WARM_UP_OFFSET)),
        after.math.add(t, after.constant(WARM_UP_SCALE)));
    Operand<TFloat32> keep = after.math.minimum(after.constant(decay), warmUp);
    Operand<TFloat32> rate = after.math.sub(after.constant(1f), keep);
    List<Op> assigns = new ArrayList<>();
    List<Weight> from = generator.weights();
    List<Weight> to = averaged.weights();
    for (int i = 0; i < from.size(); i++) {
      if (from.get(i).trainable()) {
        Variable<TFloat32> w = to.get(i).variable();
        assigns.add(after.assignSub(w, after.math.mul(rate, after.math.sub(w, from.get(i).variable()))));
      }
    }
    return scope.withName("update").withControlDependencies(assigns).noOp();
  }
}
