package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code Reshape(target)} ({@code Flatten()} is {@link #flatten()}); the batch axis is kept,
 * one target axis may be {@code -1} (inferred), and the number of elements must not change.
 */
public final class Reshape extends Layer {

  private final long[] target;

  /** {@code layers.Reshape(target)}. */
  public Reshape(long... target) {
    this("Reshape", target);
  }

  private Reshape(String type, long[] target) {
    super(type);
    this.target = target == null ? null : target.clone();
  }

  /** {@code layers.Flatten()}: the per-example shape becomes one axis. */
  public static Reshape flatten() {
    return new Reshape("Flatten", null);
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    if (target == null) {
      config.addProperty("data_format", "channels_last");
      return;
    }
    com.google.gson.JsonArray shape = new com.google.gson.JsonArray();
    for (long d : target) {
      shape.add(d);
    }
    config.add("target_shape", shape);
  }

  private long[] targetFor(Shape input) {
    long perExample = 1;
    for (int i = 1; i < input.numDimensions(); i++) {
      perExample *= input.size(i);
    }
    if (target == null) {
      return new long[] {perExample};
    }
    long known = 1;
    int inferred = -1;
    for (int i = 0; i < target.length; i++) {
      if (target[i] == -1 && inferred < 0) {
        inferred = i;
      } else if (target[i] < 1) {
        throw new IllegalArgumentException("Reshape's target shape " + java.util.Arrays.toString(target)
            + " must be positive sizes, with at most one -1");
      } else {
        known *= target[i];
      }
    }
    long[] full = target.clone();
    if (inferred >= 0) {
      full[inferred] = perExample / known;
    }
    if (perExample % known != 0 || (inferred < 0 && known != perExample)) {
      throw new IllegalArgumentException("cannot reshape " + Sequential.kerasShape(input) + " (" + perExample
          + " values per example) to " + java.util.Arrays.toString(target));
    }
    return full;
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    long[] per = targetFor(input);
    long[] full = new long[per.length + 1];
    full[0] = Shape.UNKNOWN_SIZE;
    System.arraycopy(per, 0, full, 1, per.length);
    return Shape.of(full);
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    long[] full = outputShape().asArray().clone();
    return tf.reshape(x, tf.constant(full));
  }
}
