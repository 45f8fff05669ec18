package dcgan.model;

import dcgan.data.Images;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * The class labels a GAN's networks take: none (the tutorial's GAN) or one of {@code classes}
 * (a conditional GAN, Mirza and Osindero 2014). It is the one place that knows how a label enters
 * the networks, as keras-io's "Conditional GAN" example feeds it: one-hot, joined to the
 * generator's noise vector, and as one extra image channel per class (all ones or all zeros) to the
 * discriminator. Everything else asks it, and never tests for the mode itself.
 *
 * @param classes the number of classes, 2 to {@link #MAX_CLASSES}; 0 for none (use {@link #NONE})
 */
public record Labels(int classes) {

  /** An unconditional GAN's: the networks see the noise and the images alone. */
  public static final Labels NONE = new Labels(0);
  /** The most classes a conditional GAN takes: labels are held as uint8 in the graph. */
  public static final int MAX_CLASSES = Images.MAX_CLASSES;
  /** The epoch grid shows at most this many classes, one row each: MNIST's ten. */
  static final int GRID_CLASSES = Images.CLASSES;

  public Labels {
    if (classes != 0 && (classes < 2 || classes > MAX_CLASSES)) {
      throw new IllegalArgumentException("a conditional GAN needs 2 to " + MAX_CLASSES + " classes, got " + classes);
    }
  }

  /** A conditional GAN's labels: one of {@code classes}. */
  public static Labels of(int classes) {
    return new Labels(classes);
  }

  /** Whether the networks take a label (a conditional GAN). For messages and settings; graphs ask the methods below. */
  public boolean conditional() {
    return classes > 0;
  }

  /** The generator's input width: the noise, plus the one-hot label. */
  int generatorInputs(int noiseDim) {
    return noiseDim + classes;
  }

  /** The discriminator's input channels: the image's, plus one per class. */
  int discriminatorChannels(int imageChannels) {
    return imageChannels + classes;
  }

  /**
   * {@code count} labels drawn uniformly, for generated images; none for an unconditional GAN,
   * which draws no seed, so that its other random ops keep theirs.
   */
  public Condition draw(Ops tf, int count, CallContext context) {
    if (!conditional()) {
      return Condition.NONE;
    }
    return Condition.of(tf.random.statelessRandomUniformInt(tf.constant(new long[] {count}), context.nextSeed(tf),
        tf.constant(0), tf.constant(classes)));
  }

  /** A placeholder for a batch of int32 labels named {@code labels}, or none. */
  Optional<Placeholder<TInt32>> placeholder(Ops tf) {
    return conditional() ? Optional.of(tf.withName(LABELS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))))
        : Optional.empty();
  }

  /** The input name of a conditional model's labels, in its serving signature. */
  public static final String LABELS = "labels";

  /** The classes in each epoch grid, one row each: the first ten at most; 0 without labels. */
  public int gridClasses() {
    return Math.min(classes, GRID_CLASSES);
  }

  /** The images in each epoch grid: {@code numExamples}, or a row per class of {@link #gridClasses()} images (10 x 10 for MNIST). */
  public int gridImages(int numExamples) {
    return conditional() ? gridClasses() * gridClasses() : numExamples;
  }

  /**
   * {@code 0, 1, ..., k-1, 0, 1, ...} with k the classes, ten at most ({@link #gridClasses()}): the
   * labels a conditional generator's samples are scored with; none without labels.
   */
  public Optional<int[]> balanced(int count) {
    if (!conditional()) {
      return Optional.empty();
    }
    int[] labels = new int[count];
    Arrays.setAll(labels, i -> i % Math.min(classes, GRID_CLASSES));
    return Optional.of(labels);
  }

  /** {@code concat([noise, one_hot(labels)], axis=1)}, or the noise alone. */
  public Operand<TFloat32> generatorInput(Ops tf, Operand<TFloat32> noise, Condition labels) {
    return labels.labels().<Operand<TFloat32>>map(y -> tf.concat(List.of(noise, oneHot(tf, y)), tf.constant(1))).orElse(noise);
  }

  /**
   * {@code concat([images, one-hot map], axis=3)}: each image gets one channel per class, channel
   * {@code k} all ones where the label is {@code k}; or the images alone.
   */
  Operand<TFloat32> discriminatorInput(Ops tf, Operand<TFloat32> images, Condition labels) {
    return labels.labels().<Operand<TFloat32>>map(y -> {
      Operand<TFloat32> perImage = tf.reshape(oneHot(tf, y), tf.constant(new long[] {-1, 1, 1, classes}));
      Operand<TInt32> imageShape = tf.shape(images);
      Operand<TInt32> mapShape = tf.concat(List.of(
          tf.slice(imageShape, tf.constant(new int[] {0}), tf.constant(new int[] {3})), tf.constant(new int[] {classes})),
          tf.constant(0));
      Operand<TFloat32> maps = tf.math.mul(perImage, tf.fill(mapShape, tf.constant(1f))); // broadcast over h and w
      return tf.concat(List.of(images, maps), tf.constant(3));
    }).orElse(images);
  }

  private Operand<TFloat32> oneHot(Ops tf, Operand<TInt32> labels) {
    return tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
  }

  /**
   * Holds the labels of {@code count} training images in the graph (uint8, loaded once per
   * session), or nothing for an unconditional GAN.
   */
  public Held hold(Ops data, int count) {
    if (!conditional()) {
      return new Held(null, null, null);
    }
    Variable<TUint8> held = data.withName("train_labels").variable(Shape.of(count), TUint8.class);
    Placeholder<TUint8> feed = data.withName("labels_to_load").placeholder(TUint8.class, Placeholder.shape(Shape.of(count)));
    return new Held(held, feed, data.withName("load_labels").assign(held, feed));
  }

  /** The training labels held in a graph: a conditional GAN's real images are judged with their own labels. */
  public static final class Held {
    private final Variable<TUint8> labels;
    private final Placeholder<TUint8> feed;
    private final Op load;

    private Held(Variable<TUint8> labels, Placeholder<TUint8> feed, Op load) {
      this.labels = labels;
      this.feed = feed;
      this.load = load;
    }

    /** The labels of the images at {@code indices}, or none. */
    public Condition gather(Ops tf, Operand<TInt32> indices) {
      return labels == null ? Condition.NONE
          : Condition.of(tf.dtypes.cast(tf.gather(labels, indices, tf.constant(0)), TInt32.class));
    }

    /**
     * Copies {@code images}' labels into the graph, once per session; nothing for an unconditional GAN.
     *
     * @throws IllegalArgumentException if the GAN is conditional and the images were read without labels
     */
    public void load(Session session, Images images) {
      if (labels == null) {
        return;
      }
      if (!images.hasLabels()) {
        throw new IllegalArgumentException("conditional training needs the images' labels; " + images.source() + " was read without");
      }
      try (TUint8 values = TUint8.tensorOf(Shape.of(images.count()), DataBuffers.of(images.labels(), true, false))) {
        session.runner().feed(feed, values).addTarget(load).run();
      }
    }
  }
}
