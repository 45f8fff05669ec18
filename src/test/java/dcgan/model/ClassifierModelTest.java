package dcgan.model;

import static dcgan.Tensors.constant;
import static dcgan.Tensors.fetch;
import static dcgan.Tensors.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The reference classifier's new layers against loops written here, and its shapes and parameter counts by hand. */
class ClassifierModelTest {

  private final Random random = new Random(5);

  @Test
  void reluAndMaxPoolingMatchTheirDefinitions() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      ModelBuilder builder = new ModelBuilder(tf, 1);
      int n = 2, h = 5, w = 6, c = 3; // odd height: 'valid' pooling drops the last row
      float[] x = random(random, n * h * w * c, 1f);
      Layer relu = new ReLU();
      Layer pool = new MaxPooling2D(2);
      relu.build(builder, tf, Shape.of(-1, h, w, c));
      assertArrayEquals(new long[] {-1, 2, 3, c}, pool.build(builder, tf, Shape.of(-1, h, w, c)).asArray());
      Operand<TFloat32> input = constant(tf, Shape.of(n, h, w, c), x);
      float[] relued = fetch(session, relu.call(tf, input, CallContext.inference()));
      float[] pooled = fetch(session, pool.call(tf, input, CallContext.inference()));
      for (int i = 0; i < x.length; i++) {
        assertEquals(Math.max(x[i], 0), relued[i]);
      }
      float[] expected = new float[n * 2 * 3 * c];
      for (int b = 0; b < n; b++) {
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 3; j++) {
            for (int k = 0; k < c; k++) {
              float max = Float.NEGATIVE_INFINITY;
              for (int di = 0; di < 2; di++) {
                for (int dj = 0; dj < 2; dj++) {
                  max = Math.max(max, x[((b * h + 2 * i + di) * w + 2 * j + dj) * c + k]);
                }
              }
              expected[((b * 2 + i) * 3 + j) * c + k] = max;
            }
          }
        }
      }
      assertArrayEquals(expected, pooled);
    }
  }

  @Test
  void theClassifiersShapesAndParameterCountsAreTheHandComputedOnes() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Sequential model = Classifier.makeClassifierModel(10).build(new ModelBuilder(tf, 1));
      List<String> shapes = model.layers().stream().map(l -> Sequential.kerasShape(l.outputShape())).toList();
      assertEquals(List.of("(None, 28, 28, 32)", "(None, 28, 28, 32)", "(None, 14, 14, 32)", "(None, 14, 14, 64)",
          "(None, 14, 14, 64)", "(None, 7, 7, 64)", "(None, 3136)", "(None, 128)", "(None, 128)", "(None, 128)", "(None, 10)"), shapes);
      assertEquals("re_lu_2", model.layers().get(Classifier.FEATURE_LAYER).name(), "the features: the ReLU after Dense(128)");
      long conv1 = 3 * 3 * 1 * 32 + 32, conv2 = 3 * 3 * 32 * 64 + 64, dense1 = 3136 * 128 + 128, dense2 = 128 * 10 + 10;
      assertEquals(conv1 + conv2 + dense1 + dense2, model.parameterCount()); // 421,642
      assertEquals(model.parameterCount(), model.trainableParameterCount());
      List<Operand<TFloat32>> outputs = model.callEach(tf, tf.placeholder(TFloat32.class), CallContext.inference());
      assertEquals(model.layers().size(), outputs.size());
    }
  }
}
