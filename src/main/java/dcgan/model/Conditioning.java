package dcgan.model;

import dcgan.data.ImageShape;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * How the class label enters a conditional GAN (Mirza and Osindero 2014), as keras-io's
 * "Conditional GAN" example feeds it: one-hot, joined to the generator's noise vector, and as ten
 * extra image channels (each all ones or all zeros) to the discriminator. The tutorial's layers stay
 * as they are; only the first layer of each network sees a wider input.
 */
public final class Conditioning {

  /** Classes of (Fashion-)MNIST. */
  public static final int CLASSES = 10;

  private Conditioning() {}

  /** The tutorial's generator, for noise alone or noise and a one-hot label. */
  public static Sequential generator(int noiseDim, boolean conditional) {
    return generator(noiseDim, conditional, ImageShape.MNIST, Networks.TUTORIAL);
  }

  /** The generator of {@code networks}, drawing images of {@code image}'s shape. */
  public static Sequential generator(int noiseDim, boolean conditional, ImageShape image, Networks networks) {
    return networks.generator(conditional ? noiseDim + CLASSES : noiseDim, image);
  }

  /** The tutorial's discriminator, for images alone or images and ten label channels. */
  public static Sequential discriminator(boolean conditional) {
    return discriminator(conditional, false, ImageShape.MNIST, Networks.TUTORIAL);
  }

  /** The discriminator of {@code networks}, on images of {@code image}'s shape (with label channels if conditional). */
  public static Sequential discriminator(boolean conditional, boolean spectralNorm, ImageShape image, Networks networks) {
    return networks.discriminator(image, image.channels() + (conditional ? CLASSES : 0), spectralNorm);
  }

  /** {@code generator(noise)}, or with {@code labels} (not null) {@code generator(concat(noise, one_hot(labels)))}. */
  public static Operand<TFloat32> generate(Ops tf, Sequential generator, Operand<TFloat32> noise, Operand<TInt32> labels,
      CallContext context) {
    return generator.call(tf, labels == null ? noise : generatorInput(tf, noise, labels), context);
  }

  /** {@code discriminator(images)}, or with {@code labels} (not null) on the images with their label channels. */
  public static Operand<TFloat32> discriminate(Ops tf, Sequential discriminator, Operand<TFloat32> images, Operand<TInt32> labels,
      CallContext context) {
    return discriminator.call(tf, labels == null ? images : discriminatorInput(tf, images, labels), context);
  }

  /** {@code concat([noise, one_hot(labels)], axis=1)}: {@code [n, noise_dim + 10]}. */
  public static Operand<TFloat32> generatorInput(Ops tf, Operand<TFloat32> noise, Operand<TInt32> labels) {
    return tf.concat(List.of(noise, oneHot(tf, labels)), tf.constant(1));
  }

  /**
   * {@code concat([images, one-hot map], axis=3)}: each image gets ten channels, channel {@code k}
   * all ones where the label is {@code k}: {@code [n, h, w, 1 + 10]}.
   */
  public static Operand<TFloat32> discriminatorInput(Ops tf, Operand<TFloat32> images, Operand<TInt32> labels) {
    Operand<TFloat32> perImage = tf.reshape(oneHot(tf, labels), tf.constant(new long[] {-1, 1, 1, CLASSES}));
    Operand<TInt32> imageShape = tf.shape(images);
    Operand<TInt32> mapShape = tf.concat(List.of(
        tf.slice(imageShape, tf.constant(new int[] {0}), tf.constant(new int[] {3})), tf.constant(new int[] {CLASSES})),
        tf.constant(0));
    Operand<TFloat32> maps = tf.math.mul(perImage, tf.fill(mapShape, tf.constant(1f))); // broadcast over h and w
    return tf.concat(List.of(images, maps), tf.constant(3));
  }

  private static Operand<TFloat32> oneHot(Ops tf, Operand<TInt32> labels) {
    return tf.oneHot(labels, tf.constant(CLASSES), tf.constant(1f), tf.constant(0f));
  }
}
