package dcgan;

import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Small helpers for tests that move float arrays in and out of graphs. */
public final class Tensors {

  private Tensors() {}

  /** Runs {@code operand} and returns its values, row-major. */
  public static float[] fetch(Session session, Operand<TFloat32> operand) {
    try (Result result = session.runner().fetch(operand).run()) {
      return values((TFloat32) result.get(0));
    }
  }

  /** A tensor's values, row-major. */
  public static float[] values(TFloat32 tensor) {
    float[] out = new float[(int) tensor.shape().size()];
    tensor.asRawTensor().data().asFloats().read(out);
    return out;
  }

  /** Sets {@code variable} to {@code values} (its shape), through a placeholder fed once. */
  public static void assign(Session session, Ops tf, Variable<TFloat32> variable, float[] values) {
    var placeholder = tf.placeholder(TFloat32.class);
    var assign = tf.assign(variable, placeholder);
    try (TFloat32 t = TFloat32.tensorOf(variable.shape(), DataBuffers.of(values, true, false))) {
      session.runner().feed(placeholder, t).addTarget(assign).run();
    }
  }

  /** A constant holding {@code values} with {@code shape}. */
  public static Operand<TFloat32> constant(Ops tf, Shape shape, float[] values) {
    return tf.constant(shape, DataBuffers.of(values, true, false));
  }

  /** {@code n} values uniform in [-scale, scale). */
  public static float[] random(Random random, int n, float scale) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (random.nextFloat() * 2 - 1) * scale;
    }
    return out;
  }

  /** Largest absolute difference. */
  public static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
