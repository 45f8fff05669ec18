package dcgan.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dcgan.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The tutorial's losses against binary cross-entropy computed by hand: {@code -mean(z log p + (1-z) log(1-p))}. */
class LossesTest {

  private static final float[] REAL = {2.5f, -0.3f, 0f, 7f, -12f};
  private static final float[] FAKE = {-1.5f, 0.8f, 30f, -40f, 0.01f};

  @Test
  void generatorLossIsCrossEntropyAgainstOnes() {
    assertEquals(meanBce(FAKE, 1), run(tf -> Losses.generatorLoss(tf, logits(tf, FAKE))), 1e-6);
  }

  @Test
  void discriminatorLossIsRealAgainstOnesPlusFakeAgainstZeros() {
    double expected = meanBce(REAL, 1) + meanBce(FAKE, 0);
    assertEquals(expected, run(tf -> Losses.discriminatorLoss(tf, logits(tf, REAL), logits(tf, FAKE))), 1e-5);
  }

  @Test
  void largeLogitsStayFinite() {
    // log(sigmoid(-40)) underflows in float32 if computed naively; from logits it is exactly -40 - log1p(e^-40).
    assertEquals(40.0, run(tf -> Losses.generatorLoss(tf, logits(tf, new float[] {-40f}))), 1e-5);
  }

  /** Binary cross-entropy of sigmoid(x) against label z, averaged, in double precision. */
  private static double meanBce(float[] x, int z) {
    double sum = 0;
    for (float v : x) {
      double logP = v > 0 ? -Math.log1p(Math.exp(-v)) : v - Math.log1p(Math.exp(v)); // stable log(p)
      double log1mP = v > 0 ? -v - Math.log1p(Math.exp(-v)) : -Math.log1p(Math.exp(v)); // stable log(1-p)
      sum += -(z * logP + (1 - z) * log1mP);
    }
    return sum / x.length;
  }

  private static Operand<TFloat32> logits(Ops tf, float[] values) {
    return Tensors.constant(tf, Shape.of(values.length, 1), values); // (batch, 1), as the discriminator outputs
  }

  private static double run(java.util.function.Function<Ops, Operand<TFloat32>> loss) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      return Tensors.fetch(s, loss.apply(Ops.create(g)))[0];
    }
  }
}
