package dcgan.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Tensors;
import dcgan.model.CallContext;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** {@code --ema}: the averaged generator's update rule by hand, its warm-up, and its standing statistics. */
class ExponentialMovingAverageTest {

  private static TrainConfig averaged(float decay) {
    return TrainStepFixture.CONFIG.toBuilder().emaDecay(decay).build();
  }

  @Test
  void theWarmUpIsTensorFlowsNumUpdatesRule() {
    assertEquals(2f / 11, ExponentialMovingAverage.decayAt(0.999f, 1), 1e-7);
    assertEquals(101f / 110, ExponentialMovingAverage.decayAt(0.999f, 100), 1e-7);
    assertEquals(1001f / 1010, ExponentialMovingAverage.decayAt(0.999f, 1000), 1e-7);
    assertTrue(ExponentialMovingAverage.decayAt(0.999f, 8_980) < 0.999f);
    assertEquals(0.999f, ExponentialMovingAverage.decayAt(0.999f, 9_000));
    assertEquals(0.5f, ExponentialMovingAverage.decayAt(0.5f, 10), "capped at the decay asked for");
  }

  /**
   * Starts as the generator; after update t each trainable weight is {@code ema - (1 - d_t)(ema -
   * w_t)}: with decay 0.2, {@code d_1 = 2/11} (the warm-up) and {@code d_2 = 0.2} (the cap); the
   * moving statistics are left alone by the steps.
   */
  @Test
  void eachGeneratorUpdateMovesTheAverageByTheRuleComputedByHand() {
    try (TrainStepFixture f = new TrainStepFixture(averaged(0.2f))) {
      Sequential raw = f.step.generator();
      Sequential ema = f.step.model().averagedGenerator().orElseThrow();
      assertSame(ema, f.step.model().drawingGenerator());
      assertTrue(f.graph.operation("train_step/ema/update") != null && f.graph.operation("generator_ema/dense/kernel") != null);
      for (int i = 0; i < raw.weights().size(); i++) {
        assertArrayEquals(f.value(raw.weights().get(i)), f.value(ema.weights().get(i)), "starts as the generator");
      }
      List<float[]> expected = values(f, ema);
      List<float[]> movingBefore = values(f, ema);
      for (int t = 1; t <= 2; t++) {
        f.train(t - 1, 1);
        float rate = 1 - ExponentialMovingAverage.decayAt(0.2f, t);
        for (int i = 0; i < raw.weights().size(); i++) {
          if (!raw.weights().get(i).trainable()) {
            continue;
          }
          float[] w = f.value(raw.weights().get(i));
          float[] e = expected.get(i);
          for (int k = 0; k < e.length; k++) {
            e[k] = e[k] - rate * (e[k] - w[k]);
          }
          assertArrayEquals(e, f.value(ema.weights().get(i)), 1e-7f, ema.weights().get(i).opName() + " after update " + t);
        }
      }
      for (int i = 0; i < ema.weights().size(); i++) {
        if (!ema.weights().get(i).trainable()) {
          assertArrayEquals(movingBefore.get(i), f.value(ema.weights().get(i)), "moving statistics are not averaged");
        }
      }
    }
  }

  /**
   * The standing statistics are the averaged generator's own: the first BatchNormalization's moving
   * mean and (biased) variance are those of its Dense layer's outputs over the 1,024 fixed noise
   * vectors, computed here from the weights; and they leave the generator's own statistics alone.
   */
  @Test
  void standingStatisticsAreTheBatchStatisticsOfTheAveragedWeights() {
    try (TrainStepFixture f = new TrainStepFixture(averaged(0.9f))) {
      f.train(0, 3);
      Sequential ema = f.step.model().averagedGenerator().orElseThrow();
      float[] rawMean = f.value(weight(f.step.generator(), "moving_mean"));
      f.session.run(f.step.standingStatistics().orElseThrow());
      CallContext same = CallContext.standingStatistics(f.step.config().seed(), f.tf.constant(-2L));
      int n = TrainStep.STANDING_STATISTICS_BATCH;
      Operand<TFloat32> noise = f.tf.random.statelessRandomNormal(f.tf.constant(new long[] {n, 100}), same.nextSeed(f.tf),
          TFloat32.class);
      float[] z = Tensors.fetch(f.session, noise);
      float[] kernel = f.value(weight(ema, "kernel"));
      int units = kernel.length / 100;
      double[] sum = new double[units];
      double[] squares = new double[units];
      for (int i = 0; i < n; i++) {
        for (int u = 0; u < units; u += 97) {
          double y = 0;
          for (int k = 0; k < 100; k++) {
            y += z[i * 100 + k] * kernel[k * units + u];
          }
          sum[u] += y;
          squares[u] += y * y;
        }
      }
      float[] mean = f.value(weight(ema, "moving_mean"));
      float[] variance = f.value(weight(ema, "moving_variance"));
      for (int u = 0; u < units; u += 97) {
        double m = sum[u] / n;
        assertEquals(m, mean[u], 1e-4 * (1 + Math.abs(m)), "mean of unit " + u);
        double v = squares[u] / n - m * m;
        assertEquals(v, variance[u], 1e-3 * v, "variance of unit " + u);
      }
      assertArrayEquals(rawMean, f.value(weight(f.step.generator(), "moving_mean")), "the generator's own statistics untouched");
      assertFalse(java.util.Arrays.equals(rawMean, mean));
    }
  }

  /** Without {@code --ema} nothing of it is built: the tutorial's graph. */
  @Test
  void withoutEmaThereIsNoAveragedGenerator() {
    try (TrainStepFixture f = new TrainStepFixture()) {
      assertTrue(f.step.model().averagedGenerator().isEmpty());
      assertTrue(f.step.standingStatistics().isEmpty());
      assertSame(f.step.generator(), f.step.model().drawingGenerator());
      assertTrue(f.graph.operation("train_step/ema/update") == null && f.graph.operation("generator_ema/dense/kernel") == null);
    }
  }

  private static Weight weight(Sequential network, String name) {
    return network.weights().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<float[]> values(TrainStepFixture f, Sequential network) {
    return network.weights().stream().map(f::value).toList();
  }
}
