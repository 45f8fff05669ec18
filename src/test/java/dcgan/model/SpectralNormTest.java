package dcgan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dcgan.Tensors;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Spectral normalization against plain-Java linear algebra: sigma converges to the largest
 * singular value (found by power iteration on W^T W run to convergence), a training call uses
 * W / sigma from one iteration on the stored u and stores the new u once, inference stores nothing.
 */
class SpectralNormTest {

  private static final int IN = 6, OUT = 4;

  @Test
  void sigmaConvergesToTheLargestSingularValue() {
    float[] kernel = Tensors.random(new Random(11), 5 * 5 * 3 * OUT, 1f); // a Conv2D kernel [5, 5, 3, 4] as [75, 4]
    double expected = largestSingularValue(kernel, 75, OUT);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> u = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, OUT)));
      SpectralNorm.PowerIteration step = SpectralNorm.powerIteration(tf, Tensors.constant(tf, Shape.of(75, OUT), kernel), u);
      float[] vector = {1f, 0.5f, -0.25f, 0.1f};
      float sigma = 0;
      for (int i = 0; i < 100; i++) {
        try (TFloat32 t = TFloat32.tensorOf(Shape.of(1, OUT), org.tensorflow.ndarray.buffer.DataBuffers.of(vector, true, false));
            Result r = s.runner().feed(u, t).fetch(step.u()).fetch(step.sigma()).run()) {
          vector = Tensors.values((TFloat32) r.get(0));
          sigma = ((TFloat32) r.get(1)).getFloat();
        }
      }
      assertEquals(expected, sigma, 1e-5 * expected);
    }
  }

  @Test
  void aTrainingCallUsesTheNormalizedKernelAndStoresTheNewVectorOncePerStep() {
    float[] w = Tensors.random(new Random(12), IN * OUT, 1f);
    float[] u0 = {0.3f, -0.2f, 0.9f, 0.1f};
    double[] expectedU = new double[OUT];
    double sigma = oneIteration(w, u0, expectedU);
    float[] x = Tensors.random(new Random(13), 2 * IN, 1f);
    try (Layered layer = new Layered(w, u0)) {
      CallContext training = CallContext.training(1, layer.tf.constant(0L));
      Operand<TFloat32> first = layer.dense.call(layer.tf, layer.input(x), training);
      Operand<TFloat32> second = layer.dense.call(layer.tf, layer.input(x), training); // e.g. D(x) and D(G(z)) in one step
      assertEquals(1, training.updates().size(), "one update of u per step");
      float[] expected = matMul(x, 2, w, IN, OUT, 1 / sigma);
      Session.Runner runner = layer.session.runner().fetch(first).fetch(second);
      training.updates().forEach(runner::addTarget);
      try (Result r = runner.run()) {
        assertArrayEquals(expected, Tensors.values((TFloat32) r.get(0)), 1e-5f);
        assertArrayEquals(expected, Tensors.values((TFloat32) r.get(1)), 1e-5f);
      }
      assertArrayEquals(toFloats(expectedU), layer.u(), 1e-6f);
    }
  }

  @Test
  void inferenceComputesTheSameSigmaAndStoresNothing() {
    float[] w = Tensors.random(new Random(14), IN * OUT, 1f);
    float[] u0 = {0.5f, 0.5f, -0.5f, 0.5f};
    double sigma = oneIteration(w, u0, new double[OUT]);
    float[] x = Tensors.random(new Random(15), 3 * IN, 1f);
    try (Layered layer = new Layered(w, u0)) {
      CallContext inference = CallContext.inference();
      float[] output = Tensors.fetch(layer.session, layer.dense.call(layer.tf, layer.input(x), inference));
      assertArrayEquals(matMul(x, 3, w, IN, OUT, 1 / sigma), output, 1e-5f);
      assertEquals(List.of(), inference.updates());
      assertArrayEquals(u0, layer.u(), 0f);
    }
  }

  @Test
  void vectorUIsANonTrainableWeightAfterTheKernelAndBias() {
    Sequential model = Discriminator.makeDiscriminatorModel(28, 28, 1, true);
    Sequential plain = Discriminator.makeDiscriminatorModel();
    try (Graph g = new Graph()) {
      model.build(new ModelBuilder(Ops.create(g), 1));
      plain.build(new ModelBuilder(Ops.create(g), 1));
      List<Weight> conv = model.layers().get(0).weights();
      assertEquals(List.of("kernel", "bias", SpectralNorm.WEIGHT_NAME), conv.stream().map(Weight::name).toList());
      assertEquals(Shape.of(1, 64), conv.get(2).shape());
      assertFalse(conv.get(2).trainable());
      assertEquals(plain.trainableParameterCount(), model.trainableParameterCount());
      assertEquals(64 + 128 + 1, model.parameterCount() - model.trainableParameterCount());
    }
  }

  /** A spectrally normalized Dense(OUT, no bias) on IN features, its kernel and u set. */
  private static final class Layered implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final Session session = new Session(graph);
    final Dense dense = new Dense(OUT, false, true);

    Layered(float[] kernel, float[] u) {
      ModelBuilder builder = new ModelBuilder(tf, 1);
      new Sequential("discriminator", Shape.of(IN), List.of(dense)).build(builder);
      builder.initializers().forEach(op -> session.runner().addTarget(op).run());
      Tensors.assign(session, tf, dense.weights().get(0).variable(), kernel);
      Tensors.assign(session, tf, dense.weights().get(1).variable(), u);
    }

    Operand<TFloat32> input(float[] x) {
      return Tensors.constant(tf, Shape.of(x.length / IN, IN), x);
    }

    float[] u() {
      return Tensors.fetch(session, tf.identity(dense.weights().get(1).variable()));
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  /** One power iteration from {@code u} on the row-major [IN, OUT] matrix {@code w}: sigma, and the new u into {@code newU}. */
  private static double oneIteration(float[] w, float[] u, double[] newU) {
    double[] v = new double[IN];
    for (int i = 0; i < IN; i++) {
      for (int j = 0; j < OUT; j++) {
        v[i] += u[j] * w[i * OUT + j];
      }
    }
    normalize(v);
    for (int j = 0; j < OUT; j++) {
      newU[j] = 0;
      for (int i = 0; i < IN; i++) {
        newU[j] += v[i] * w[i * OUT + j];
      }
    }
    double sigma = Math.sqrt(dot(newU, newU)); // v W u'^T with u' = v W / |v W|
    normalize(newU);
    return sigma;
  }

  /** Power iteration on W^T W to convergence: the square root of its largest eigenvalue. */
  private static double largestSingularValue(float[] w, int rows, int cols) {
    double[] x = new double[cols];
    java.util.Arrays.fill(x, 1);
    double lambda = 0;
    for (int iteration = 0; iteration < 10_000; iteration++) {
      double[] wx = new double[rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          wx[i] += w[i * cols + j] * x[j];
        }
      }
      double[] next = new double[cols];
      for (int j = 0; j < cols; j++) {
        for (int i = 0; i < rows; i++) {
          next[j] += w[i * cols + j] * wx[i];
        }
      }
      lambda = Math.sqrt(dot(next, next));
      normalize(next);
      x = next;
    }
    return Math.sqrt(lambda);
  }

  private static float[] matMul(float[] x, int n, float[] w, int in, int out, double scale) {
    float[] y = new float[n * out];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < out; j++) {
        double sum = 0;
        for (int i = 0; i < in; i++) {
          sum += x[r * in + i] * w[i * out + j];
        }
        y[r * out + j] = (float) (sum * scale);
      }
    }
    return y;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void normalize(double[] a) {
    double norm = Math.sqrt(dot(a, a));
    for (int i = 0; i < a.length; i++) {
      a[i] /= norm;
    }
  }

  private static float[] toFloats(double[] a) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) a[i];
    }
    return out;
  }
}
