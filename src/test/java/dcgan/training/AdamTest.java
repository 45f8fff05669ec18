package dcgan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dcgan.Tensors;
import dcgan.model.Initializer;
import dcgan.model.ModelBuilder;
import dcgan.model.Weight;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Adam against Keras's update rule computed by hand in double precision, step by step. */
class AdamTest {

  @Test
  void threeStepsFollowKerasAdam() {
    float lr = 0.01f;
    float[] start = {0.5f, -1.25f, 2f, 1e-3f};
    float[][] grads = {{0.1f, -0.2f, 3f, 0f}, {-0.05f, -0.1f, 2f, 1e-6f}, {0.2f, 0.4f, -1f, -2f}};
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Weight w = new ModelBuilder(tf, 0).weight(tf, "w", Shape.of(4), Initializer.zeros(), true);
      Adam adam = new Adam(tf, "optimizer", List.of(w), lr);
      var grad = tf.placeholder(TFloat32.class, org.tensorflow.op.core.Placeholder.shape(Shape.of(4)));
      Op step = adam.applyGradients(tf, List.of(grad), List.of());
      session.run(tf.withControlDependencies(adam.initializers()).noOp());
      Tensors.assign(session, tf, w.variable(), start);

      // The hyperparameters are float32 variables, as in Keras: use their float values.
      double b1 = 0.9f, b2 = 0.999f, eps = 1e-7f, rate = lr;
      double[] var = toDouble(start), m = new double[4], v = new double[4];
      for (int t = 1; t <= grads.length; t++) {
        for (int i = 0; i < 4; i++) {
          double gi = grads[t - 1][i];
          m[i] = b1 * m[i] + (1 - b1) * gi;
          v[i] = b2 * v[i] + (1 - b2) * gi * gi;
          double alpha = rate * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
          var[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
        }
        try (TFloat32 gt = TFloat32.vectorOf(grads[t - 1])) {
          session.runner().feed(grad, gt).addTarget(step).run();
        }
        float[] actual = Tensors.fetch(session, tf.identity(w.variable()));
        float[] slotM = Tensors.fetch(session, tf.identity(adam.slots().get(w).m()));
        float[] slotV = Tensors.fetch(session, tf.identity(adam.slots().get(w).v()));
        for (int i = 0; i < 4; i++) {
          assertEquals(var[i], actual[i], 1e-6 * Math.max(1, Math.abs(var[i])), "step " + t + " var[" + i + "]");
          assertEquals(m[i], slotM[i], 1e-6 * Math.abs(m[i]) + 1e-12, "m");
          assertEquals(v[i], slotV[i], 1e-6 * Math.abs(v[i]) + 1e-12, "v");
        }
        try (Result r = session.runner().fetch(adam.iterations()).run()) {
          assertEquals(t, ((TInt64) r.get(0)).getLong());
        }
      }
    }
  }

  @Test
  void hyperparametersAreKerasDefaults() {
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Adam adam = new Adam(tf, "generator_optimizer", List.of(), 1e-4f);
      session.run(tf.withControlDependencies(adam.initializers()).noOp());
      assertEquals(List.of("iter", "learning_rate", "beta_1", "beta_2", "decay"), List.copyOf(adam.hyperVariables().keySet()));
      assertEquals(1e-4f, fetchScalar(session, tf, "learning_rate", adam));
      assertEquals(0.9f, fetchScalar(session, tf, "beta_1", adam));
      assertEquals(0.999f, fetchScalar(session, tf, "beta_2", adam));
      assertEquals(1e-7f, Adam.EPSILON);
    }
  }

  @SuppressWarnings("unchecked")
  private static float fetchScalar(Session session, Ops tf, String key, Adam adam) {
    var variable = (org.tensorflow.op.core.Variable<TFloat32>) adam.hyperVariables().get(key);
    return Tensors.fetch(session, tf.identity(variable))[0];
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }
}
