package dcgan.model;

import dcgan.data.ImageShape;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * How the class label enters a conditional GAN (Mirza and Osindero 2014), as keras-io's
 * "Conditional GAN" example feeds it: one-hot, joined to the generator's noise vector, and as one
 * extra image channel per class (each all ones or all zeros) to the discriminator. The tutorial's
 * layers stay as they are; only the first layer of each network sees a wider input.
 *
 * <p>{@code classes} is the number of labels: 10 for (Fashion-)MNIST and CIFAR-10, an image
 * folder's subfolder count, and 0 for an unconditional GAN (the tutorial's), whose networks see the
 * noise and the images alone.
 */
public final class Conditioning {

  /** Classes of (Fashion-)MNIST. */
  public static final int CLASSES = 10;

  private Conditioning() {}

  /** The tutorial's generator, for noise alone or noise and a one-hot digit. */
  public static Sequential generator(int noiseDim, boolean conditional) {
    return generator(noiseDim, conditional ? CLASSES : 0, ImageShape.MNIST, Networks.TUTORIAL);
  }

  /** The generator of {@code networks}, drawing images of {@code image}'s shape from noise and a one-hot label of {@code classes}. */
  public static Sequential generator(int noiseDim, int classes, ImageShape image, Networks networks) {
    return networks.generator(noiseDim + classes, image);
  }

  /** The tutorial's discriminator, for images alone or images and ten digit channels. */
  public static Sequential discriminator(boolean conditional) {
    return discriminator(conditional ? CLASSES : 0, false, ImageShape.MNIST, Networks.TUTORIAL);
  }

  /** The discriminator of {@code networks}, on images of {@code image}'s shape with one label channel per class. */
  public static Sequential discriminator(int classes, boolean spectralNorm, ImageShape image, Networks networks) {
    return networks.discriminator(image, image.channels() + classes, spectralNorm);
  }

  /** {@code generator(noise)}, or with {@code labels} (not null) {@code generator(concat(noise, one_hot(labels, classes)))}. */
  public static Operand<TFloat32> generate(Ops tf, Sequential generator, Operand<TFloat32> noise, Operand<TInt32> labels,
      int classes, CallContext context) {
    return generator.call(tf, labels == null ? noise : generatorInput(tf, noise, labels, classes), context);
  }

  /** {@code discriminator(images)}, or with {@code labels} (not null) on the images with their label channels. */
  public static Operand<TFloat32> discriminate(Ops tf, Sequential discriminator, Operand<TFloat32> images, Operand<TInt32> labels,
      int classes, CallContext context) {
    return discriminator.call(tf, labels == null ? images : discriminatorInput(tf, images, labels, classes), context);
  }

  /** {@code concat([noise, one_hot(labels, classes)], axis=1)}: {@code [n, noise_dim + classes]}. */
  public static Operand<TFloat32> generatorInput(Ops tf, Operand<TFloat32> noise, Operand<TInt32> labels, int classes) {
    return tf.concat(List.of(noise, oneHot(tf, labels, classes)), tf.constant(1));
  }

  /**
   * {@code concat([images, one-hot map], axis=3)}: each image gets one channel per class, channel
   * {@code k} all ones where the label is {@code k}: {@code [n, h, w, channels + classes]}.
   */
  public static Operand<TFloat32> discriminatorInput(Ops tf, Operand<TFloat32> images, Operand<TInt32> labels, int classes) {
    Operand<TFloat32> perImage = tf.reshape(oneHot(tf, labels, classes), tf.constant(new long[] {-1, 1, 1, classes}));
    Operand<TInt32> imageShape = tf.shape(images);
    Operand<TInt32> mapShape = tf.concat(List.of(
        tf.slice(imageShape, tf.constant(new int[] {0}), tf.constant(new int[] {3})), tf.constant(new int[] {classes})),
        tf.constant(0));
    Operand<TFloat32> maps = tf.math.mul(perImage, tf.fill(mapShape, tf.constant(1f))); // broadcast over h and w
    return tf.concat(List.of(images, maps), tf.constant(3));
  }

  private static Operand<TFloat32> oneHot(Ops tf, Operand<TInt32> labels, int classes) {
    return tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
  }
}
