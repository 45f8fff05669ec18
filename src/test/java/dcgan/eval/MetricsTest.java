package dcgan.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The metrics against closed forms worked out by hand here: the Fréchet distance of Gaussians
 * whose covariances commute (then {@code Tr sqrt(S1 S2) = sum sqrt(a_i b_i)} over their shared
 * eigenvectors) and of two 2x2 ones that do not ({@code Tr sqrt(M) = sqrt(Tr M + 2 sqrt(det M))} for
 * a 2x2 {@code M} with positive eigenvalues), and the classifier score from its definition.
 */
class MetricsTest {

  private final Random random = new Random(3);

  @Test
  void frechetDistanceOfASetWithItselfIsZero() {
    int n = 500, dim = 8;
    float[] a = gaussianSample(n, dim);
    assertEquals(0, Metrics.frechetDistance(a, n, a, n, dim), 1e-9);
  }

  @Test
  void frechetDistanceIsSymmetric() {
    int dim = 6;
    float[] a = gaussianSample(400, dim);
    float[] b = gaussianSample(300, dim);
    for (int i = 0; i < b.length; i++) {
      b[i] = b[i] * (1 + 0.1f * (i % dim)) + 0.3f;
    }
    double ab = Metrics.frechetDistance(a, 400, b, 300, dim);
    double ba = Metrics.frechetDistance(b, 300, a, 400, dim);
    assertEquals(ab, ba, 1e-9 * ab);
    assertTrue(ab > 0.1, "different sets are apart: " + ab);
  }

  @Test
  void frechetDistanceOfGaussiansWithCommutingCovariancesIsTheClosedForm() {
    // S1 = R diag(a) R^T and S2 = R diag(b) R^T with the same rotation R by 30 degrees in the (0, 1) plane.
    double[] a = {4, 1, 0.25};
    double[] b = {1, 9, 0.25};
    double c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
    double[][] r = {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
    Metrics.Gaussian g1 = new Metrics.Gaussian(new double[] {1, 2, 3}, rotated(r, a));
    Metrics.Gaussian g2 = new Metrics.Gaussian(new double[] {0, 2, 5}, rotated(r, b));
    double means = 1 + 0 + 4;
    double traces = (4 + 1 - 2 * 2) + (1 + 9 - 2 * 3) + (0.25 + 0.25 - 2 * 0.25); // a + b - 2 sqrt(ab), per axis
    assertEquals(means + traces, Metrics.frechetDistance(g1, g2), 1e-9);
  }

  @Test
  void frechetDistanceOfTwoNonCommutingCovariancesIsTheClosedForm() {
    DMatrixRMaj s1 = new DMatrixRMaj(new double[][] {{2, 1}, {1, 2}});
    DMatrixRMaj s2 = new DMatrixRMaj(new double[][] {{3, 0}, {0, 1}});
    // M = S1 S2 = [[6, 1], [3, 2]]: trace 8, determinant 9, so Tr sqrt(M) = sqrt(8 + 2 * 3) = sqrt(14).
    double expected = (0.5 * 0.5 + 1) + (2 + 2) + (3 + 1) - 2 * Math.sqrt(14);
    double actual = Metrics.frechetDistance(new Metrics.Gaussian(new double[] {0.5, 0}, s1),
        new Metrics.Gaussian(new double[] {0, 1}, s2));
    assertEquals(expected, actual, 1e-9);
  }

  @Test
  void gaussianFitIsTheMeanAndTheUnbiasedCovariance() {
    // Points (1, 2), (3, 4), (5, 0): mean (3, 2); deviations (-2, 0), (0, 2), (2, -2);
    // covariance = [[8, -4], [-4, 8]] / (3 - 1).
    Metrics.Gaussian g = Metrics.Gaussian.fit(new float[] {1, 2, 3, 4, 5, 0}, 3, 2);
    assertArrayEquals(new double[] {3, 2}, g.mean(), 1e-12);
    assertArrayEquals(new double[] {4, -2, -2, 4}, g.covariance().getData(), 1e-12);
  }

  @Test
  void tooFewImagesForTheFeaturesAreRefused() {
    dcgan.files.UserError e = assertThrows(dcgan.files.UserError.class, () -> Metrics.Gaussian.fit(new float[8 * 8], 8, 8));
    assertTrue(e.getMessage().contains("needs more than 8 images, got 8"), e.getMessage());
  }

  @Test
  void classifierScoreOfUniformPredictionsIsOne() {
    assertEquals(1, Metrics.classifierScore(new float[50 * 10], 50, 10), 1e-12);
  }

  @Test
  void classifierScoreOfConfidentBalancedPredictionsIsTheNumberOfClasses() {
    for (int classes : new int[] {2, 5, 10}) {
      int count = classes * 20;
      float[] logits = new float[count * classes];
      for (int i = 0; i < count; i++) {
        logits[i * classes + i % classes] = 60; // softmax gives 1 - ~1e-26: one-hot to double precision
      }
      assertEquals(classes, Metrics.classifierScore(logits, count, classes), 1e-9 * classes);
    }
  }

  @Test
  void classifierScoreFollowsItsDefinitionOnAMixedCase() {
    // p(y|x1) = (0.8, 0.2), p(y|x2) = (0.4, 0.6) as logits log p; p(y) = (0.6, 0.4).
    float[] logits = {(float) Math.log(0.8), (float) Math.log(0.2), (float) Math.log(0.4), (float) Math.log(0.6)};
    double kl1 = 0.8 * Math.log(0.8 / 0.6) + 0.2 * Math.log(0.2 / 0.4);
    double kl2 = 0.4 * Math.log(0.4 / 0.6) + 0.6 * Math.log(0.6 / 0.4);
    assertEquals(Math.exp((kl1 + kl2) / 2), Metrics.classifierScore(logits, 2, 2), 1e-6);
  }

  @Test
  void classCountsAreTheArgMaxHistogram() {
    float[] logits = {0, 1, 0, /**/ 5, 1, 2, /**/ 0, 3, 1, /**/ 0, 0, 0};
    assertArrayEquals(new int[] {2, 2, 0}, Metrics.classCounts(logits, 4, 3), "a tie goes to the first class");
  }

  private float[] gaussianSample(int n, int dim) {
    float[] x = new float[n * dim];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }

  private static DMatrixRMaj rotated(double[][] r, double[] eigenvalues) {
    int n = eigenvalues.length;
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += r[i][k] * eigenvalues[k] * r[j][k];
        }
        m.set(i, j, sum);
      }
    }
    return m;
  }

  @Test
  void kernelInceptionDistanceByHand() {
    // dim 1, a = {0, 1}, b = {1, 2}, k(x, y) = (xy + 1)^3, one subset of both rows:
    // aa: k(0,1) twice / 2 = 1; bb: k(1,2) = 27 twice / 2 = 27; ab: (1 + 1 + 8 + 27) * 2 / 4 = 18.5; 1 + 27 - 18.5 = 9.5
    Metrics.Kid kid = Metrics.kernelInceptionDistance(new float[] {0, 1}, 2, new float[] {1, 2}, 2, 1, 3, 2, 0);
    assertEquals(9.5, kid.mean(), 1e-12);
    assertEquals(0, kid.std(), 1e-12, "three subsets of all rows: the same value each time");
    // dim 2, constant sets (1, 0) and (0, 1): k_aa = k_bb = (1/2 + 1)^3 = 3.375, k_ab = 1: 3.375 + 3.375 - 2 = 4.75
    Metrics.Kid constant = Metrics.kernelInceptionDistance(new float[] {1, 0, 1, 0, 1, 0}, 3, new float[] {0, 1, 0, 1}, 2, 2, 1, 10, 0);
    assertEquals(4.75, constant.mean(), 1e-12);
  }

  @Test
  void kernelInceptionDistanceIsNearZeroForOneDistributionAndReproducible() {
    java.util.Random random = new java.util.Random(1);
    float[] a = new float[2000 * 8];
    float[] b = new float[1500 * 8];
    float[] shifted = new float[1500 * 8];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextGaussian();
      shifted[i] = b[i] + 0.5f;
    }
    Metrics.Kid same = Metrics.kernelInceptionDistance(a, 2000, b, 1500, 8, 10, 1000, 0);
    Metrics.Kid other = Metrics.kernelInceptionDistance(a, 2000, shifted, 1500, 8, 10, 1000, 0);
    assertTrue(Math.abs(same.mean()) < 3 * same.std() + 1e-3, "one distribution: " + same);
    assertTrue(other.mean() > 10 * Math.abs(same.mean()) && other.mean() > 5 * other.std(), "shifted by 0.5: " + other + " vs " + same);
    assertEquals(same, Metrics.kernelInceptionDistance(a, 2000, b, 1500, 8, 10, 1000, 0), "the same seed, the same subsets");
  }
}
