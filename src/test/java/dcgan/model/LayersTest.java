package dcgan.model;

import static dcgan.Tensors.assign;
import static dcgan.Tensors.constant;
import static dcgan.Tensors.fetch;
import static dcgan.Tensors.maxAbsDiff;
import static dcgan.Tensors.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * Every layer against reference math written out as loops here, independent of TensorFlow: the
 * convolutions follow TensorFlow's definition of 'same' padding ({@code pad_total = max((out - 1)
 * * stride + k - in, 0)}, the smaller half on top/left).
 */
class LayersTest extends LayerTestBase {

  LayersTest() {
    super(7);
  }

  private float[] call(Layer layer, Shape shape, float[] x, CallContext context) {
    Operand<TFloat32> y = layer.call(tf, constant(tf, shape, x), context);
    return fetch(session, y);
  }

  @Test
  void denseIsMatMulPlusBias() {
    Dense dense = new Dense(5, true);
    float[][] w = buildWithRandomWeights(dense, Shape.of(-1, 4));
    float[] x = random(random, 3 * 4, 1f);
    float[] expected = new float[3 * 5];
    for (int n = 0; n < 3; n++) {
      for (int j = 0; j < 5; j++) {
        double sum = w[1][j];
        for (int i = 0; i < 4; i++) {
          sum += x[n * 4 + i] * w[0][i * 5 + j];
        }
        expected[n * 5 + j] = (float) sum;
      }
    }
    assertArrayEquals(new long[] {-1, 5}, dense.outputShape().asArray());
    assertTrue(maxAbsDiff(expected, call(dense, Shape.of(3, 4), x, CallContext.inference())) < 1e-5);
  }

  @Test
  void conv2dSameStride2MatchesLoops() {
    int n = 2, h = 5, wd = 5, c = 3, f = 4, k = 5, s = 2;
    Conv2D conv = new Conv2D(f, k, s);
    float[][] w = buildWithRandomWeights(conv, Shape.of(-1, h, wd, c));
    assertArrayEquals(new long[] {-1, 3, 3, f}, conv.outputShape().asArray()); // ceil(5 / 2)
    float[] x = random(random, n * h * wd * c, 1f);
    float[] expected = conv2dReference(x, n, h, wd, c, w[0], k, f, s, w[1]);
    float[] actual = call(conv, Shape.of(n, h, wd, c), x, CallContext.inference());
    assertTrue(maxAbsDiff(expected, actual) < 1e-5, "max diff " + maxAbsDiff(expected, actual));
  }

  @Test
  void conv2dTransposeSameStride2MatchesLoops() {
    checkTranspose(2, 3, 3, 4, 2, 5, 2);
  }

  @Test
  void conv2dTransposeSameStride1MatchesLoops() {
    checkTranspose(2, 4, 4, 3, 2, 5, 1);
  }

  private void checkTranspose(int n, int h, int wd, int cin, int f, int k, int s) {
    Conv2DTranspose conv = new Conv2DTranspose(f, k, s, false);
    float[][] w = buildWithRandomWeights(conv, Shape.of(-1, h, wd, cin));
    assertArrayEquals(new long[] {-1, h * s, wd * s, f}, conv.outputShape().asArray());
    assertArrayEquals(new long[] {k, k, f, cin}, conv.weights().get(0).shape().asArray()); // Keras's [k, k, filters, in]
    float[] x = random(random, n * h * wd * cin, 1f);
    float[] expected = conv2dTransposeReference(x, n, h, wd, cin, w[0], k, f, s);
    float[] actual = call(conv, Shape.of(n, h, wd, cin), x, CallContext.inference());
    assertTrue(maxAbsDiff(expected, actual) < 1e-5, "max diff " + maxAbsDiff(expected, actual));
  }

  @Test
  void conv2dTransposeWithTanhSquashes() {
    Conv2DTranspose conv = new Conv2DTranspose(1, 3, 2, true);
    float[][] w = buildWithRandomWeights(conv, Shape.of(-1, 2, 2, 2));
    float[] x = random(random, 2 * 2 * 2, 3f);
    float[] linear = conv2dTransposeReference(x, 1, 2, 2, 2, w[0], 3, 1, 2);
    float[] actual = call(conv, Shape.of(1, 2, 2, 2), x, CallContext.inference());
    for (int i = 0; i < linear.length; i++) {
      assertEquals(Math.tanh(linear[i]), actual[i], 1e-5);
    }
  }

  @Test
  void batchNormalizationTrainingUsesBatchStatisticsAndMovesAverages4d() {
    checkBatchNorm(Shape.of(4, 3, 3, 5));
  }

  @Test
  void batchNormalizationTrainingUsesBatchStatisticsAndMovesAverages2d() {
    checkBatchNorm(Shape.of(8, 6));
  }

  private void checkBatchNorm(Shape shape) {
    int channels = (int) shape.size(shape.numDimensions() - 1);
    int rows = (int) (shape.size() / channels);
    long[] dims = shape.asArray().clone();
    dims[0] = -1;
    BatchNormalization bn = new BatchNormalization();
    float[][] w = buildWithRandomWeights(bn, Shape.of(dims));
    float[] gamma = w[0], beta = w[1];
    float[] movingMean = new float[channels];
    float[] movingVariance = new float[channels];
    Arrays.fill(movingVariance, 1f);
    assign(session, tf, bn.weights().get(2).variable(), movingMean);
    assign(session, tf, bn.weights().get(3).variable(), movingVariance);
    float[] x = random(random, (int) shape.size(), 2f);
    for (int i = 0; i < x.length; i++) {
      x[i] += 1.5f; // a mean far from 0 makes the moving-mean update visible
    }

    double[] mean = new double[channels];
    double[] variance = new double[channels];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < channels; c++) {
        mean[c] += x[r * channels + c] / (double) rows;
      }
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < channels; c++) {
        double d = x[r * channels + c] - mean[c];
        variance[c] += d * d / rows; // biased, as Keras normalizes and averages with it
      }
    }
    float[] expected = new float[x.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < channels; c++) {
        int i = r * channels + c;
        expected[i] = (float) ((x[i] - mean[c]) / Math.sqrt(variance[c] + 1e-3) * gamma[c] + beta[c]);
      }
    }

    CallContext training = CallContext.training(3, tf.constant(0L));
    Operand<TFloat32> y = bn.call(tf, constant(tf, shape, x), training);
    assertEquals(2, training.updates().size());
    var run = tf.withControlDependencies(training.updates()).identity(y);
    float[] actual = fetch(session, run);
    assertTrue(maxAbsDiff(expected, actual) < 1e-4, "training output, max diff " + maxAbsDiff(expected, actual));

    float[] newMean = fetch(session, tf.identity(bn.weights().get(2).variable()));
    float[] newVariance = fetch(session, tf.identity(bn.weights().get(3).variable()));
    for (int c = 0; c < channels; c++) {
      assertEquals(0.99 * 0 + 0.01 * mean[c], newMean[c], 1e-6, "moving_mean");
      assertEquals(0.99 * 1 + 0.01 * variance[c], newVariance[c], 1e-6, "moving_variance");
    }

    float[] inference = call(bn, shape, x, CallContext.inference());
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < channels; c++) {
        int i = r * channels + c;
        double want = (x[i] - newMean[c]) / Math.sqrt(newVariance[c] + 1e-3) * gamma[c] + beta[c];
        assertEquals(want, inference[i], 1e-4, "inference output");
      }
    }
  }

  @Test
  void leakyReluUsesKerasAlpha() {
    LeakyReLU layer = new LeakyReLU();
    buildWithRandomWeights(layer, Shape.of(-1, 4));
    float[] x = {-2f, -0.5f, 0f, 3f};
    assertArrayEquals(new float[] {-0.6f, -0.15f, 0f, 3f}, call(layer, Shape.of(1, 4), x, CallContext.inference()), 1e-7f);
  }

  @Test
  void leakyReluOnBfloat16RoundsTheFloat32ResultOnce() {
    LeakyReLU layer = new LeakyReLU();
    int n = 1000;
    buildWithRandomWeights(layer, Shape.of(-1, n));
    float[] x = random(random, n, 4f);
    Operand<TBfloat16> input = tf.dtypes.cast(constant(tf, Shape.of(1, n), x), TBfloat16.class);
    Operand<TBfloat16> y = layer.call(tf, input, CallContext.inference());
    float[] actual = fetch(session, tf.dtypes.cast(y, TFloat32.class));

    for (int i = 0; i < n; i++) {
      float in = bfloat16(x[i]);
      float want = bfloat16(in >= 0 ? in : LeakyReLU.ALPHA * in);
      assertEquals(want, actual[i], "element " + i + ", input " + in);
    }
  }

  /** {@code f} rounded to bfloat16 (its top 16 bits), to nearest, ties to even, as TensorFlow's Cast. */
  private static float bfloat16(float f) {
    int bits = Float.floatToIntBits(f);
    int rounded = bits + 0x7fff + ((bits >>> 16) & 1);
    return Float.intBitsToFloat(rounded & 0xffff0000);
  }

  @Test
  void dropoutKeepsSeventyPercentScaledUpInTrainingOnly() {
    int size = 200_000;
    Dropout dropout = new Dropout(0.3f);
    buildWithRandomWeights(dropout, Shape.of(-1, size));
    float[] ones = new float[size];
    Arrays.fill(ones, 1f);

    assertArrayEquals(ones, call(dropout, Shape.of(1, size), ones, CallContext.inference()));

    float[] step5 = call(dropout, Shape.of(1, size), ones, CallContext.training(11, tf.constant(5L)));
    int kept = 0;
    for (float v : step5) {
      assertTrue(v == 0f || v == 1f / 0.7f, "value " + v);
      kept += v == 0f ? 0 : 1;
    }
    // Binomial(200000, 0.7): standard deviation 0.001 in the kept fraction.
    assertEquals(0.7, kept / (double) size, 0.005);

    float[] again = call(dropout, Shape.of(1, size), ones, CallContext.training(11, tf.constant(5L)));
    float[] step6 = call(dropout, Shape.of(1, size), ones, CallContext.training(11, tf.constant(6L)));
    assertArrayEquals(step5, again, "same seed and step, same mask");
    assertFalse(Arrays.equals(step5, step6), "another step, another mask");
  }

  @Test
  void flattenAndReshapeKeepTheBatchAxis() {
    Reshape flatten = Reshape.flatten();
    flatten.build(builder, tf, Shape.of(-1, 7, 7, 128));
    assertArrayEquals(new long[] {-1, 6272}, flatten.outputShape().asArray());
    Reshape reshape = new Reshape(7, 7, 256);
    reshape.build(builder, tf, Shape.of(-1, 12544));
    assertArrayEquals(new long[] {-1, 7, 7, 256}, reshape.outputShape().asArray());
  }

  @Test
  void layersAreNamedAsKerasNamesThem() {
    assertEquals("conv2d_transpose", Layer.kerasBaseName("Conv2DTranspose"));
    assertEquals("leaky_re_lu", Layer.kerasBaseName("LeakyReLU"));
    assertEquals("batch_normalization", Layer.kerasBaseName("BatchNormalization"));
    assertEquals("conv2d", Layer.kerasBaseName("Conv2D"));
    assertEquals("dense", builder.uniqueName("dense"));
    assertEquals("dense_1", builder.uniqueName("dense"));
  }

  /** TensorFlow's Conv2D, 'same' padding, NHWC, kernel [k, k, c, f], plus bias. */
  static float[] conv2dReference(float[] x, int n, int h, int w, int c, float[] kernel, int k, int f, int s, float[] bias) {
    int oh = (h + s - 1) / s, ow = (w + s - 1) / s;
    int padTop = Math.max((oh - 1) * s + k - h, 0) / 2;
    int padLeft = Math.max((ow - 1) * s + k - w, 0) / 2;
    float[] out = new float[n * oh * ow * f];
    for (int b = 0; b < n; b++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          for (int o = 0; o < f; o++) {
            double sum = bias[o];
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int iy = oy * s + ky - padTop, ix = ox * s + kx - padLeft;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                  continue;
                }
                for (int i = 0; i < c; i++) {
                  sum += x[((b * h + iy) * w + ix) * c + i] * kernel[((ky * k + kx) * c + i) * f + o];
                }
              }
            }
            out[((b * oh + oy) * ow + ox) * f + o] = (float) sum;
          }
        }
      }
    }
    return out;
  }

  /**
   * Keras's Conv2DTranspose, 'same' padding: output {@code [n, h*s, w*s, f]}; every input pixel
   * scatters its kernel-weighted value, with the padding of the forward convolution it transposes.
   * Kernel [k, k, f, cin].
   */
  static float[] conv2dTransposeReference(float[] x, int n, int h, int w, int cin, float[] kernel, int k, int f, int s) {
    int oh = h * s, ow = w * s;
    int padTop = Math.max((h - 1) * s + k - oh, 0) / 2;
    int padLeft = Math.max((w - 1) * s + k - ow, 0) / 2;
    double[] out = new double[n * oh * ow * f];
    for (int b = 0; b < n; b++) {
      for (int iy = 0; iy < h; iy++) {
        for (int ix = 0; ix < w; ix++) {
          for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
              int oy = iy * s + ky - padTop, ox = ix * s + kx - padLeft;
              if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) {
                continue;
              }
              for (int o = 0; o < f; o++) {
                for (int i = 0; i < cin; i++) {
                  out[((b * oh + oy) * ow + ox) * f + o] +=
                      x[((b * h + iy) * w + ix) * cin + i] * kernel[((ky * k + kx) * f + o) * cin + i];
                }
              }
            }
          }
        }
      }
    }
    float[] result = new float[out.length];
    for (int i = 0; i < out.length; i++) {
      result[i] = (float) out[i];
    }
    return result;
  }
}
