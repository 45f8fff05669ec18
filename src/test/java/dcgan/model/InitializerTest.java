package dcgan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Tensors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/** Keras's glorot_uniform: fans from {@code compute_fans}, bounds, moments, reproducibility. */
class InitializerTest {

  @Test
  void fansAreKerasFans() {
    assertArrayEquals(new long[] {100, 12544}, Initializer.fans(Shape.of(100, 12544))); // Dense kernel
    assertArrayEquals(new long[] {25, 1600}, Initializer.fans(Shape.of(5, 5, 1, 64))); // Conv2D: 5*5*in, 5*5*out
    assertArrayEquals(new long[] {3200, 6400}, Initializer.fans(Shape.of(5, 5, 128, 256))); // Conv2DTranspose [k,k,f,in]
    assertArrayEquals(new long[] {7, 7}, Initializer.fans(Shape.of(7)));
  }

  @Test
  void limitIsSqrtSixOverFanSum() {
    assertEquals(Math.sqrt(6.0 / (100 + 12544)), Initializer.glorotLimit(Shape.of(100, 12544)), 1e-12);
    assertEquals(Math.sqrt(6.0 / (3200 + 6400)), Initializer.glorotLimit(Shape.of(5, 5, 128, 256)), 1e-12);
  }

  @Test
  void glorotUniformFillsTheSymmetricInterval() {
    Shape shape = Shape.of(5, 5, 64, 128);
    float[] a = sample(shape, 3, 0);
    double limit = Initializer.glorotLimit(shape);
    double sum = 0, squares = 0, min = 1, max = -1;
    for (float v : a) {
      sum += v;
      squares += v * v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    int n = a.length;
    assertTrue(min >= -limit && max < limit, "inside [-limit, limit)");
    assertTrue(min < -0.99 * limit && max > 0.99 * limit, "both ends reached (not [0, limit) as the framework's Glorot)");
    // U(-l, l): mean 0, variance l^2 / 3; with n = 204800 the sample mean's sd is l / sqrt(3n).
    assertEquals(0, sum / n, 5 * limit / Math.sqrt(3.0 * n));
    assertEquals(limit * limit / 3, squares / n, 0.01 * limit * limit);
  }

  @Test
  void sameSeedSameWeightsOtherSeedOthers() {
    Shape shape = Shape.of(100, 50);
    assertArrayEquals(sample(shape, 3, 0), sample(shape, 3, 0));
    assertFalse(Arrays.equals(sample(shape, 3, 0), sample(shape, 4, 0)));
    assertFalse(Arrays.equals(sample(shape, 3, 0), sample(shape, 3, 1)), "each variable has its own stream");
  }

  private static float[] sample(Shape shape, long seed, long index) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      return Tensors.fetch(s, Initializer.glorotUniform().initialValue(tf, shape, tf.constant(new long[] {seed, index})));
    }
  }
}
