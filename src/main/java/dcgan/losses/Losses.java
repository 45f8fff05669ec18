package dcgan.losses;

import org.tensorflow.Operand;
import org.tensorflow.framework.losses.BinaryCrossentropy;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The tutorial's losses, on logits: {@code cross_entropy =
 * tf.keras.losses.BinaryCrossentropy(from_logits=True)}, averaged over the batch.
 */
public final class Losses {

  private static final BinaryCrossentropy CROSS_ENTROPY = new BinaryCrossentropy(true);

  private Losses() {}

  /** {@code cross_entropy(labels, logits)}: mean of {@code max(x, 0) - x * z + log(1 + exp(-|x|))}. */
  public static Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> logits) {
    return CROSS_ENTROPY.call(tf, labels, logits);
  }

  /** {@code generator_loss}: how far the discriminator is from calling the fakes real. */
  public static Operand<TFloat32> generatorLoss(Ops tf, Operand<TFloat32> fakeOutput) {
    return crossEntropy(tf, labels(tf, fakeOutput, 1f), fakeOutput);
  }

  /** {@code discriminator_loss}: real images should score 1, fakes 0. */
  public static Operand<TFloat32> discriminatorLoss(Ops tf, Operand<TFloat32> realOutput, Operand<TFloat32> fakeOutput) {
    Operand<TFloat32> realLoss = crossEntropy(tf, labels(tf, realOutput, 1f), realOutput);
    Operand<TFloat32> fakeLoss = crossEntropy(tf, labels(tf, fakeOutput, 0f), fakeOutput);
    return tf.math.add(realLoss, fakeLoss);
  }

  /**
   * {@code tf.ones_like(output)} / {@code tf.zeros_like(output)}. Built with {@code Fill}, not
   * {@code OnesLike}: TensorFlow's C++ gradients have none registered for {@code OnesLike}.
   */
  private static Operand<TFloat32> labels(Ops tf, Operand<TFloat32> output, float value) {
    return tf.fill(tf.shape(output), tf.constant(value));
  }
}
