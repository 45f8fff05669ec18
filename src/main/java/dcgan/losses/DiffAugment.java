package dcgan.losses;

import dcgan.model.CallContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@code --augment POLICY}: differentiable augmentation (Zhao et al. 2020, "Differentiable
 * Augmentation for Data-Efficient GAN Training"). Every image the discriminator sees, real or
 * generated, is first transformed at random, in both networks' updates; the transforms are
 * differentiable, so the generator learns through them. A discriminator that never sees the same
 * real image twice cannot memorise a small data set.
 *
 * <p>The paper's policies, applied in this order, each drawn independently per image from the
 * step's seed ({@link CallContext#nextSeed}), on images in [-1, 1]:
 *
 * <ul>
 *   <li>{@code color}: brightness {@code x + (u - 0.5)}; saturation {@code (x - mean_c x) * 2u +
 *       mean_c x} (no change to one-channel images); contrast {@code (x - mean x) * (u + 0.5) +
 *       mean x}; {@code u ~ U[0, 1)} each.
 *   <li>{@code translation}: a shift by whole pixels, {@code t ~ U{-s..s}} on each axis with {@code
 *       s = round(side / 8)}, zeros shifted in: {@code y[i] = x[i + t]}.
 *   <li>{@code cutout}: a square of side {@code round(side / 2)} set to 0, centred at {@code o ~
 *       U{0..side}} on each axis (clipped at the edges).
 * </ul>
 *
 * <p>The shift is a product with a one-hot matrix per image ({@code y[b] = S[b] x[b]}, {@code S[b,i,j]
 * = [j = i + t_b]}), rows then columns, not the paper's gather: BatchMatMul has a TensorFlow C++
 * gradient, a sum of one term and zeros is exact, and it takes {@code side^2} values per image and
 * channel, not {@code side^3}.
 *
 * @param policies the transforms, none for {@link #NONE}
 */
public record DiffAugment(Set<Policy> policies) {

  /** One of the paper's transforms. */
  public enum Policy {
    COLOR, TRANSLATION, CUTOUT;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** No augmentation: the tutorial's. */
  public static final DiffAugment NONE = new DiffAugment(Set.of());

  /** The paper's translation ratio (1/8 of the side) and cutout ratio (1/2). */
  static final double TRANSLATION_RATIO = 0.125, CUTOUT_RATIO = 0.5;

  public DiffAugment {
    policies = policies.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(policies));
  }

  /**
   * The policy named {@code text}: {@code none}, or the paper's names joined by commas ({@code
   * color,translation,cutout}, {@code translation,cutout}, ...).
   *
   * @throws IllegalArgumentException naming the unknown part and the choices
   */
  public static DiffAugment parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.equals("none") || trimmed.isEmpty()) {
      return NONE;
    }
    EnumSet<Policy> chosen = EnumSet.noneOf(Policy.class);
    for (String part : trimmed.split(",")) {
      String name = part.trim().equals("colour") ? "color" : part.trim();
      chosen.add(java.util.Arrays.stream(Policy.values()).filter(p -> p.id().equals(name)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("unknown augmentation '" + part.trim() + "'; choose none, or any of color, translation, cutout"
              + " joined by commas (the paper's: color,translation,cutout)")));
    }
    return new DiffAugment(chosen);
  }

  /** Whether it changes nothing. */
  public boolean none() {
    return policies.isEmpty();
  }

  /** {@code none}, or the policies in the order they apply, e.g. {@code translation,cutout}. */
  public String id() {
    if (none()) {
      return "none";
    }
    List<String> names = new ArrayList<>();
    for (Policy p : Policy.values()) {
      if (policies.contains(p)) {
        names.add(p.id());
      }
    }
    return String.join(",", names);
  }

  /**
   * {@code images} ({@code [n, side, side, c]}, square) transformed by each policy, each drawing its
   * random values from {@code context}; {@code images} itself when there is none.
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> images, CallContext context) {
    Operand<TFloat32> x = images;
    if (policies.contains(Policy.COLOR)) {
      x = color(tf, x, context);
    }
    if (policies.contains(Policy.TRANSLATION)) {
      x = translation(tf, x, context);
    }
    if (policies.contains(Policy.CUTOUT)) {
      x = cutout(tf, x, context);
    }
    return x;
  }

  private static Operand<TFloat32> color(Ops tf, Operand<TFloat32> x, CallContext context) {
    Operand<TInt32> perImage = perImage(tf, x, 4);
    Operand<TFloat32> brightness = tf.random.statelessRandomUniform(perImage, context.nextSeed(tf), TFloat32.class);
    x = tf.math.add(x, tf.math.sub(brightness, tf.constant(0.5f)));
    Operand<TFloat32> saturation = tf.random.statelessRandomUniform(perImage, context.nextSeed(tf), TFloat32.class);
    Operand<TFloat32> channelMean = tf.math.mean(x, tf.constant(new int[] {3}), org.tensorflow.op.math.Mean.keepDims(true));
    x = tf.math.add(tf.math.mul(tf.math.sub(x, channelMean), tf.math.mul(saturation, tf.constant(2f))), channelMean);
    Operand<TFloat32> contrast = tf.random.statelessRandomUniform(perImage, context.nextSeed(tf), TFloat32.class);
    Operand<TFloat32> imageMean = tf.math.mean(x, tf.constant(new int[] {1, 2, 3}), org.tensorflow.op.math.Mean.keepDims(true));
    return tf.math.add(tf.math.mul(tf.math.sub(x, imageMean), tf.math.add(contrast, tf.constant(0.5f))), imageMean);
  }

  private static Operand<TFloat32> translation(Ops tf, Operand<TFloat32> x, CallContext context) {
    int side = side(x);
    int shift = (int) (side * TRANSLATION_RATIO + 0.5);
    Operand<TInt32> rows = tf.random.statelessRandomUniformInt(perImage(tf, x, 2), context.nextSeed(tf), tf.constant(-shift),
        tf.constant(shift + 1));
    Operand<TInt32> cols = tf.random.statelessRandomUniformInt(perImage(tf, x, 2), context.nextSeed(tf), tf.constant(-shift),
        tf.constant(shift + 1));
    int channels = (int) x.shape().size(3);
    // Rows: y[b] = S_rows[b] @ x[b], x viewed as [b, side, side * c].
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, side, side * channels}));
    Operand<TFloat32> byRows = tf.train.batchMatMul(shiftMatrix(tf, rows, side), flat, TFloat32.class);
    // Columns: the same on the transposed images, [b, side (columns), side (rows) * c].
    Operand<TFloat32> columnsFirst = tf.reshape(tf.linalg.transpose(tf.reshape(byRows, tf.constant(new int[] {-1, side, side, channels})),
        tf.constant(new int[] {0, 2, 1, 3})), tf.constant(new int[] {-1, side, side * channels}));
    Operand<TFloat32> byColumns = tf.train.batchMatMul(shiftMatrix(tf, cols, side), columnsFirst, TFloat32.class);
    return tf.linalg.transpose(tf.reshape(byColumns, tf.constant(new int[] {-1, side, side, channels})),
        tf.constant(new int[] {0, 2, 1, 3}));
  }

  /** {@code [b, side, side]}: 1 where {@code j = i + t_b}, else 0. */
  private static Operand<TFloat32> shiftMatrix(Ops tf, Operand<TInt32> shifts, int side) {
    Operand<TInt32> i = tf.reshape(tf.range(tf.constant(0), tf.constant(side), tf.constant(1)), tf.constant(new int[] {1, side, 1}));
    Operand<TInt32> j = tf.reshape(tf.range(tf.constant(0), tf.constant(side), tf.constant(1)), tf.constant(new int[] {1, 1, side}));
    Operand<TInt32> source = tf.math.add(i, tf.expandDims(shifts, tf.constant(-1)));
    return tf.dtypes.cast(tf.math.equal(j, source), TFloat32.class);
  }

  private static Operand<TFloat32> cutout(Ops tf, Operand<TFloat32> x, CallContext context) {
    int side = side(x);
    int size = (int) (side * CUTOUT_RATIO + 0.5);
    Operand<TInt32> centreMax = tf.constant(side + (1 - size % 2));
    Operand<TInt32> rows = tf.random.statelessRandomUniformInt(perImage(tf, x, 2), context.nextSeed(tf), tf.constant(0), centreMax);
    Operand<TInt32> cols = tf.random.statelessRandomUniformInt(perImage(tf, x, 2), context.nextSeed(tf), tf.constant(0), centreMax);
    Operand<TFloat32> inRows = inside(tf, rows, size, side); // [b, side]
    Operand<TFloat32> inCols = inside(tf, cols, size, side);
    Operand<TFloat32> cut = tf.math.mul(tf.expandDims(inRows, tf.constant(2)), tf.expandDims(inCols, tf.constant(1)));
    Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), cut);
    return tf.math.mul(x, tf.expandDims(keep, tf.constant(-1)));
  }

  /** {@code [b, side]}: 1 for the positions {@code o_b - size/2 <= i < o_b - size/2 + size}, else 0. */
  private static Operand<TFloat32> inside(Ops tf, Operand<TInt32> centres, int size, int side) {
    Operand<TInt32> i = tf.reshape(tf.range(tf.constant(0), tf.constant(side), tf.constant(1)), tf.constant(new int[] {1, side}));
    Operand<TInt32> first = tf.math.sub(centres, tf.constant(size / 2));
    Operand<TInt32> end = tf.math.add(first, tf.constant(size));
    return tf.dtypes.cast(tf.math.logicalAnd(tf.math.greaterEqual(i, first), tf.math.less(i, end)), TFloat32.class);
  }

  /**
   * The shape {@code [n, 1]} ({@code rank} 2) or {@code [n, 1, 1, 1]} (4) for one value per image of
   * the batch {@code x}: a constant where the batch size is known, as for generated images (the
   * graph's gradients must not find a path from the generator's weights through a shape into a
   * random op, which has no gradient), else read from the batch.
   */
  private static Operand<TInt32> perImage(Ops tf, Operand<TFloat32> x, int rank) {
    int[] shape = new int[rank];
    java.util.Arrays.fill(shape, 1);
    long n = x.shape().size(0);
    if (n > 0) {
      shape[0] = (int) n;
      return tf.constant(shape);
    }
    Operand<TInt32> batch = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    return tf.concat(List.of(batch, tf.constant(java.util.Arrays.copyOf(shape, rank - 1))), tf.constant(0));
  }

  private static int side(Operand<TFloat32> x) {
    long rows = x.shape().size(1);
    if (rows <= 0 || rows != x.shape().size(2)) {
      throw new IllegalArgumentException("augmentation needs square images of known size, got " + x.shape());
    }
    return (int) rows;
  }
}
