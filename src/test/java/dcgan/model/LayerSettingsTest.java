package dcgan.model;

import static dcgan.Tensors.constant;
import static dcgan.Tensors.fetch;
import static dcgan.Tensors.maxAbsDiff;
import static dcgan.Tensors.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * The settings beyond the tutorial's that Keras model files use: 'valid' padding, non-square
 * kernels and strides, biases and activations on any layer, UpSampling2D, Reshape with -1 and the
 * initializers, each against loops or closed forms written here.
 */
class LayerSettingsTest extends LayerTestBase {

  LayerSettingsTest() {
    super(11);
  }

  private static ConvSettings valid(int kh, int kw, int sh, int sw, boolean bias, ActivationFunction activation) {
    return new ConvSettings(kh, kw, sh, sw, Padding.VALID, bias, Initializer.glorotUniform(), Initializer.zeros(), activation);
  }

  @Test
  void conv2dValidWithRectangularKernelAndStridesMatchesLoops() {
    int n = 2, h = 9, w = 8, c = 2, f = 3, kh = 3, kw = 2, sh = 2, sw = 3;
    Conv2D conv = new Conv2D(f, valid(kh, kw, sh, sw, true, ActivationFunction.RELU), false);
    float[][] weights = buildWithRandomWeights(conv, Shape.of(-1, h, w, c));
    int oh = (h - kh) / sh + 1, ow = (w - kw) / sw + 1; // Keras's conv_output_length, 'valid'
    assertArrayEquals(new long[] {-1, oh, ow, f}, conv.outputShape().asArray());
    float[] x = random(random, n * h * w * c, 1f);
    float[] expected = new float[n * oh * ow * f];
    for (int b = 0; b < n; b++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          for (int o = 0; o < f; o++) {
            double sum = weights[1][o];
            for (int ky = 0; ky < kh; ky++) {
              for (int kx = 0; kx < kw; kx++) {
                for (int i = 0; i < c; i++) {
                  sum += x[((b * h + oy * sh + ky) * w + ox * sw + kx) * c + i] * weights[0][((ky * kw + kx) * c + i) * f + o];
                }
              }
            }
            expected[((b * oh + oy) * ow + ox) * f + o] = (float) Math.max(sum, 0);
          }
        }
      }
    }
    float[] actual = fetch(session, conv.call(tf, constant(tf, Shape.of(n, h, w, c), x), CallContext.inference()));
    assertTrue(maxAbsDiff(expected, actual) < 1e-5, "max diff " + maxAbsDiff(expected, actual));
  }

  @Test
  void conv2dTransposeValidScattersEveryTapWithBias() {
    int n = 1, h = 3, w = 2, cin = 2, f = 2, k = 3, s = 2;
    Conv2DTranspose deconv = new Conv2DTranspose(f, valid(k, k, s, s, true, ActivationFunction.SIGMOID));
    float[][] weights = buildWithRandomWeights(deconv, Shape.of(-1, h, w, cin));
    int oh = h * s + Math.max(k - s, 0), ow = w * s + Math.max(k - s, 0); // Keras's deconv_output_length, 'valid'
    assertArrayEquals(new long[] {-1, oh, ow, f}, deconv.outputShape().asArray());
    float[] x = random(random, n * h * w * cin, 1f);
    double[] sums = new double[n * oh * ow * f];
    for (int iy = 0; iy < h; iy++) {
      for (int ix = 0; ix < w; ix++) {
        for (int ky = 0; ky < k; ky++) {
          for (int kx = 0; kx < k; kx++) {
            for (int o = 0; o < f; o++) {
              for (int i = 0; i < cin; i++) {
                sums[((iy * s + ky) * ow + ix * s + kx) * f + o] += x[(iy * w + ix) * cin + i] * weights[0][((ky * k + kx) * f + o) * cin + i];
              }
            }
          }
        }
      }
    }
    float[] expected = new float[sums.length];
    for (int i = 0; i < sums.length; i++) {
      expected[i] = (float) (1 / (1 + Math.exp(-(sums[i] + weights[1][i % f]))));
    }
    float[] actual = fetch(session, deconv.call(tf, constant(tf, Shape.of(n, h, w, cin), x), CallContext.inference()));
    assertTrue(maxAbsDiff(expected, actual) < 1e-5, "max diff " + maxAbsDiff(expected, actual));
  }

  @Test
  void aKernelLargerThanAValidInputIsRefused() {
    Conv2D conv = new Conv2D(4, valid(5, 5, 1, 1, true, ActivationFunction.LINEAR), false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.build(builder, tf, Shape.of(-1, 3, 3, 1)));
    assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
  }

  @Test
  void everyActivationIsItsFormula() {
    float[] x = {-2f, -0.5f, 0f, 0.25f, 3f};
    session = new Session(graph);
    for (ActivationFunction a : ActivationFunction.values()) {
      float[] y = fetch(session, new Activation(a).call(tf, constant(tf, Shape.of(5), x), CallContext.inference()));
      for (int i = 0; i < x.length; i++) {
        double v = x[i];
        double expected = switch (a) {
          case LINEAR -> v;
          case RELU -> Math.max(v, 0);
          case TANH -> Math.tanh(v);
          case SIGMOID -> 1 / (1 + Math.exp(-v));
          case LEAKY_RELU -> v >= 0 ? v : 0.2 * v;
        };
        assertEquals(expected, y[i], 1e-6, a + " of " + v);
      }
    }
    assertEquals(ActivationFunction.LINEAR, ActivationFunction.ofKerasName(null));
    assertThrows(IllegalArgumentException.class, () -> ActivationFunction.ofKerasName("softmax"));
  }

  @Test
  void denseAppliesItsBiasInitializerAndActivation() {
    Dense dense = new Dense(3, true, false, Initializer.zeros(), Initializer.constant(0.5f), ActivationFunction.TANH);
    dense.build(builder, tf, Shape.of(-1, 2));
    session = new Session(graph);
    builder.initializers().forEach(op -> session.runner().addTarget(op).run());
    float[] y = fetch(session, dense.call(tf, constant(tf, Shape.of(1, 2), new float[] {1f, 2f}), CallContext.inference()));
    assertArrayEquals(new float[] {(float) Math.tanh(0.5), (float) Math.tanh(0.5), (float) Math.tanh(0.5)}, y, 1e-6f);
  }

  @Test
  void upSamplingNearestRepeatsEveryPixel() {
    int h = 2, w = 3, c = 2, r = 2, s = 3;
    UpSampling2D up = new UpSampling2D(r, s, UpSampling2D.Interpolation.NEAREST);
    up.build(builder, tf, Shape.of(-1, h, w, c));
    assertArrayEquals(new long[] {-1, h * r, w * s, c}, up.outputShape().asArray());
    session = new Session(graph);
    float[] x = random(random, 2 * h * w * c, 1f);
    float[] y = fetch(session, up.call(tf, constant(tf, Shape.of(2, h, w, c), x), CallContext.inference()));
    for (int b = 0; b < 2; b++) {
      for (int oy = 0; oy < h * r; oy++) {
        for (int ox = 0; ox < w * s; ox++) {
          for (int ch = 0; ch < c; ch++) {
            assertEquals(x[((b * h + oy / r) * w + ox / s) * c + ch], y[((b * h * r + oy) * w * s + ox) * c + ch]);
          }
        }
      }
    }
  }

  @Test
  void upSamplingBilinearUsesHalfPixelCentres() {
    int h = 2, w = 2, r = 2;
    UpSampling2D up = new UpSampling2D(r, r, UpSampling2D.Interpolation.BILINEAR);
    up.build(builder, tf, Shape.of(-1, h, w, 1));
    session = new Session(graph);
    float[] x = {1f, 2f, 3f, 5f};
    float[] y = fetch(session, up.call(tf, constant(tf, Shape.of(1, h, w, 1), x), CallContext.inference()));
    for (int oy = 0; oy < h * r; oy++) {
      for (int ox = 0; ox < w * r; ox++) {
        // tf.image.resize: source coordinate (o + 0.5) / scale - 0.5, clamped at the edges
        double sy = Math.max((oy + 0.5) / r - 0.5, 0), sx = Math.max((ox + 0.5) / r - 0.5, 0);
        int y0 = (int) Math.floor(sy), x0 = (int) Math.floor(sx);
        int y1 = Math.min(y0 + 1, h - 1), x1 = Math.min(x0 + 1, w - 1);
        double dy = sy - y0, dx = sx - x0;
        double top = x[y0 * w + x0] * (1 - dx) + x[y0 * w + x1] * dx;
        double bottom = x[y1 * w + x0] * (1 - dx) + x[y1 * w + x1] * dx;
        assertEquals(top * (1 - dy) + bottom * dy, y[oy * w * r + ox], 1e-6, "pixel " + oy + "," + ox);
      }
    }
  }

  @Test
  void reshapeInfersOneAxisAndRefusesAnotherSize() {
    Reshape inferred = new Reshape(-1, 4);
    inferred.build(builder, tf, Shape.of(-1, 2, 3, 2));
    assertArrayEquals(new long[] {-1, 3, 4}, inferred.outputShape().asArray());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Reshape(7, 7, 128).build(builder, tf, Shape.of(-1, 12544)));
    assertTrue(e.getMessage().contains("12544 values per example"), e.getMessage());
  }

  @Test
  void batchNormalizationOverAnotherAxisIsRefused() {
    BatchNormalization bn = new BatchNormalization(1, 0.9f, 1e-5f, Initializer.ones(), Initializer.zeros(), Initializer.zeros(),
        Initializer.ones());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.build(builder, tf, Shape.of(-1, 4, 4, 8)));
    assertTrue(e.getMessage().contains("only over the last axis"), e.getMessage());
  }

  /** Draws an initializer for {@code shape}, as a variable would be initialized. */
  private float[] draw(Initializer initializer, Shape shape) {
    if (session == null) {
      session = new Session(graph);
    }
    return fetch(session, initializer.initialValue(tf, shape, tf.constant(new long[] {5, 9})));
  }

  @Test
  void heNormalIsATruncatedNormalOfVarianceTwoOverFanIn() {
    Shape kernel = Shape.of(5, 5, 16, 32); // fan_in 5 * 5 * 16 = 400
    float[] w = draw(Initializer.varianceScaling(2, Initializer.FanMode.FAN_IN, Initializer.Distribution.TRUNCATED_NORMAL), kernel);
    double stddev = Math.sqrt(2.0 / 400);
    double bound = 2 * stddev / Initializer.TRUNCATED_NORMAL_STDDEV;
    double sumSquares = 0;
    for (float v : w) {
      assertTrue(Math.abs(v) <= bound * (1 + 1e-6), "beyond two standard deviations: " + v);
      sumSquares += v * v;
    }
    assertEquals(stddev, Math.sqrt(sumSquares / w.length), 0.03 * stddev, "Keras widens the draw so the variance is 2 / fan_in");
  }

  @Test
  void uniformVarianceScalingAndRandomUniformStayInTheirRanges() {
    float[] he = draw(Initializer.varianceScaling(2, Initializer.FanMode.FAN_IN, Initializer.Distribution.UNIFORM), Shape.of(50, 20));
    double limit = Math.sqrt(3 * 2.0 / 50);
    double max = 0;
    for (float v : he) {
      assertTrue(Math.abs(v) <= limit, "outside +-" + limit + ": " + v);
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max > 0.95 * limit, "fills its range");
    for (float v : draw(Initializer.randomUniform(0.25f, 0.5f), Shape.of(1000))) {
      assertTrue(v >= 0.25f && v < 0.5f, "outside [0.25, 0.5): " + v);
    }
  }

  @Test
  void randomNormalHasItsMeanAndStddev() {
    float[] w = draw(Initializer.randomNormal(1f, 0.02f), Shape.of(20000));
    double mean = 0, squares = 0;
    for (float v : w) {
      mean += v;
    }
    mean /= w.length;
    for (float v : w) {
      squares += (v - mean) * (v - mean);
    }
    assertEquals(1.0, mean, 0.001);
    assertEquals(0.02, Math.sqrt(squares / w.length), 0.001);
    for (float v : draw(Initializer.constant(0.7f), Shape.of(3, 2))) {
      assertEquals(0.7f, v);
    }
  }
}
