package dcgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Improved precision and recall against the paper's definition written out as plain loops here
 * (every pairwise distance, sorted), on identical sets, far-apart clusters, a case worked out by
 * hand and overlapping random clouds.
 */
class PrecisionRecallTest {

  private final PrecisionRecall metric = new PrecisionRecall(2);
  private final Random random = new Random(11);

  @AfterEach
  void close() {
    metric.close();
  }

  @Test
  void identicalSetsHavePrecisionAndRecallOne() {
    float[] x = cloud(300, 16, 0);
    PrecisionRecall.Scores s = metric.compute(x, 300, x, 300, 16);
    assertEquals(1, s.precision());
    assertEquals(1, s.recall());
  }

  @Test
  void farApartClustersHavePrecisionAndRecallZero() {
    PrecisionRecall.Scores s = metric.compute(cloud(200, 8, 0), 200, cloud(250, 8, 100), 250, 8);
    assertEquals(0, s.precision());
    assertEquals(0, s.recall());
  }

  @Test
  void aCaseWorkedOutByHand() {
    // Real points 0, 1, 2, 3, 4 on a line: each one's 3rd nearest neighbour is 3 away (2 for the middle one).
    // Generated -2 and 6 are 2 away from 0 and 4, inside; 10 and 100 are not: precision 2 / 4.
    // The generated set's own radii are huge (-2's 3rd neighbour is 100, 102 away): recall 5 / 5.
    float[] real = {0, 1, 2, 3, 4};
    float[] generated = {-2, 6, 10, 100};
    PrecisionRecall.Scores s = metric.compute(real, 5, generated, 4, 1);
    assertEquals(0.5, s.precision());
    assertEquals(1, s.recall());
  }

  @Test
  void overlappingCloudsMatchTheDefinitionByLoops() {
    int dim = 12;
    float[] real = cloud(700, dim, 0);
    float[] generated = cloud(1300, dim, 0.7f); // more than one block of rows, shifted to overlap partly
    PrecisionRecall.Scores s = metric.compute(real, 700, generated, 1300, dim);
    assertEquals(covered(generated, real, dim), s.precision(), 1.5 / 1300, "precision");
    assertEquals(covered(real, generated, dim), s.recall(), 1.5 / 700, "recall");
    assertEquals(true, s.precision() > 0.05 && s.precision() < 0.95, "a case with something to count: " + s);
  }

  /** The share of {@code points} within the k-NN radius of some point of {@code manifold}, by brute force. */
  private static double covered(float[] points, float[] manifold, int dim) {
    int n = manifold.length / dim;
    double[] radius = new double[n];
    for (int i = 0; i < n; i++) {
      double[] d = new double[n];
      for (int j = 0; j < n; j++) {
        d[j] = distance(manifold, i, manifold, j, dim);
      }
      Arrays.sort(d);
      radius[i] = d[PrecisionRecall.K]; // d[0] is the point itself
    }
    int inside = 0;
    int m = points.length / dim;
    for (int p = 0; p < m; p++) {
      for (int i = 0; i < n; i++) {
        if (distance(points, p, manifold, i, dim) <= radius[i]) {
          inside++;
          break;
        }
      }
    }
    return inside / (double) m;
  }

  private static double distance(float[] a, int i, float[] b, int j, int dim) {
    double sum = 0;
    for (int k = 0; k < dim; k++) {
      double d = a[i * dim + k] - b[j * dim + k];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  private float[] cloud(int n, int dim, float offset) {
    float[] x = new float[n * dim];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian() + offset;
    }
    return x;
  }
}
