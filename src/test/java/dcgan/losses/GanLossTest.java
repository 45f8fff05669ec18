package dcgan.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Tensors;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Each GAN loss against its formula evaluated by hand, in double precision, for fixed discriminator outputs. */
class GanLossTest {

  private static final float[] REAL = {2.5f, -0.3f, 0f, 7f, -1.2f};
  private static final float[] FAKE = {-1.5f, 0.8f, 3f, -4f, 0.01f};

  @Test
  void tutorialIsTheNonSaturatingCrossEntropy() {
    assertEquals(mean(FAKE, x -> softplus(-x)), generator(GanLoss.TUTORIAL), 1e-6);
    assertEquals(mean(REAL, x -> softplus(-x)) + mean(FAKE, GanLossTest::softplus), discriminator(GanLoss.TUTORIAL), 1e-5);
  }

  @Test
  void minimaxGeneratorMinimisesLogOfOneMinusD() {
    // log(1 - sigmoid(x)) = -softplus(x)
    assertEquals(mean(FAKE, x -> Math.log(1 - sigmoid(x))), generator(GanLoss.MINIMAX), 1e-6);
    assertEquals(discriminator(GanLoss.TUTORIAL), discriminator(GanLoss.MINIMAX), 0);
  }

  @Test
  void leastSquaresHalvesTheMeanSquaredErrors() {
    assertEquals(0.5 * mean(FAKE, x -> (x - 1) * (x - 1)), generator(GanLoss.LEAST_SQUARES), 1e-6);
    double expected = 0.5 * (mean(REAL, x -> (x - 1) * (x - 1)) + mean(FAKE, x -> x * x));
    assertEquals(expected, discriminator(GanLoss.LEAST_SQUARES), 1e-5);
  }

  @Test
  void hingeClipsAtTheMargins() {
    assertEquals(-mean(FAKE, x -> x), generator(GanLoss.HINGE), 1e-6);
    double expected = mean(REAL, x -> Math.max(0, 1 - x)) + mean(FAKE, x -> Math.max(0, 1 + x));
    assertEquals(expected, discriminator(GanLoss.HINGE), 1e-6);
    // By hand: real margins 0 + 1.3 + 1 + 0 + 2.2 = 4.5, fake 0 + 1.8 + 4 + 0 + 1.01 = 6.81.
    assertEquals((4.5 + 6.81) / 5, discriminator(GanLoss.HINGE), 1e-6);
  }

  @Test
  void wassersteinIsTheDifferenceOfMeans() {
    assertEquals(-mean(FAKE, x -> x), generator(GanLoss.WASSERSTEIN), 1e-6);
    assertEquals(mean(FAKE, x -> x) - mean(REAL, x -> x), discriminator(GanLoss.WASSERSTEIN), 1e-6);
  }

  @Test
  void scoresAreProbabilitiesOnlyForLogits() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      assertEquals(sigmoid(2.5), Tensors.fetch(s, GanLoss.TUTORIAL.score(tf, logits(tf, REAL)))[0], 1e-6);
      assertEquals(2.5, Tensors.fetch(s, GanLoss.HINGE.score(tf, logits(tf, REAL)))[0], 0);
    }
    assertTrue(GanLoss.MINIMAX.outputsLogits());
    assertTrue(!GanLoss.WASSERSTEIN.outputsLogits());
  }

  @Test
  void namesParseAndAnUnknownOneIsListed() {
    assertSame(GanLoss.LEAST_SQUARES, GanLoss.parse("least-squares"));
    assertSame(GanLoss.HINGE, GanLoss.parse("HINGE"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GanLoss.parse("relativistic"));
    assertEquals("unknown loss 'relativistic'; choose one of tutorial, minimax, least_squares, hinge, wasserstein", e.getMessage());
  }

  private static double generator(GanLoss loss) {
    return run(tf -> loss.generatorLoss(tf, logits(tf, FAKE)));
  }

  private static double discriminator(GanLoss loss) {
    return run(tf -> loss.discriminatorLoss(tf, logits(tf, REAL), logits(tf, FAKE)));
  }

  private static double mean(float[] xs, java.util.function.DoubleUnaryOperator f) {
    double sum = 0;
    for (float x : xs) {
      sum += f.applyAsDouble(x);
    }
    return sum / xs.length;
  }

  private static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static Operand<TFloat32> logits(Ops tf, float[] values) {
    return Tensors.constant(tf, Shape.of(values.length, 1), values); // (batch, 1), as the discriminator outputs
  }

  private static double run(Function<Ops, Operand<TFloat32>> loss) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      return Tensors.fetch(s, loss.apply(Ops.create(g)))[0];
    }
  }
}
