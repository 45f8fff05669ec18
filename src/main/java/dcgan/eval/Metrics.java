package dcgan.eval;

import dcgan.files.UserError;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The sample-quality metrics of TF-GAN's {@code tfgan.eval}, one function each, computed in double
 * precision from a classifier's logits and features. Precision and recall, which need nearest
 * neighbours, are in {@link PrecisionRecall}.
 */
public final class Metrics {

  /** TF-GAN's {@code _symmetric_matrix_square_root} treats singular values below this as zero. */
  static final double EPS = 1e-10;

  private Metrics() {}

  /**
   * TF-GAN's {@code classifier_score_from_logits} (the Inception score with another classifier):
   *
   * <pre>
   * exp( E_x [ KL( p(y|x) || p(y) ) ] ),   p(y|x) = softmax(logits(x)),   p(y) = E_x [ p(y|x) ]
   * </pre>
   *
   * 1 when every image gets the same prediction, {@code K} when the predictions are confident and
   * spread evenly over {@code K} classes.
   *
   * @param logits {@code count * classes} values, image after image
   */
  public static double classifierScore(float[] logits, int count, int classes) {
    requireSize(logits, count, classes, "logits");
    double[][] logP = new double[count][];
    double[] marginal = new double[classes];
    for (int i = 0; i < count; i++) {
      logP[i] = logSoftmax(logits, i * classes, classes);
      for (int k = 0; k < classes; k++) {
        marginal[k] += Math.exp(logP[i][k]) / count;
      }
    }
    double meanKl = 0;
    for (int i = 0; i < count; i++) {
      double kl = 0;
      for (int k = 0; k < classes; k++) {
        double p = Math.exp(logP[i][k]);
        kl += p * (logP[i][k] - Math.log(marginal[k]));
      }
      meanKl += kl / count;
    }
    return Math.exp(meanKl);
  }

  /**
   * TF-GAN's {@code frechet_classifier_distance_from_activations}: the Fréchet distance between
   * Gaussians fitted to two sets of activations,
   *
   * <pre>
   * ||mu_a - mu_b||^2 + Tr( Sigma_a + Sigma_b - 2 (Sigma_a Sigma_b)^(1/2) )
   * </pre>
   *
   * with the unbiased covariances. Each set needs more rows than {@code dim}; see {@link Gaussian#fit}.
   */
  public static double frechetDistance(float[] a, int countA, float[] b, int countB, int dim) {
    return frechetDistance(Gaussian.fit(a, countA, dim), Gaussian.fit(b, countB, dim));
  }

  /** The kernel inception distance of two sets: the mean over random subsets, and its standard deviation over them. */
  public record Kid(double mean, double std) {}

  /** Subsets {@link #kernelInceptionDistance} averages over by default, and their size. */
  public static final int KID_SUBSETS = 10, KID_SUBSET_SIZE = 1000;

  /**
   * The kernel inception distance (Bińkowski et al. 2018), in the features the Fréchet distance
   * uses: the squared maximum mean discrepancy with the cubic polynomial kernel {@code k(x, y) = (x .
   * y / dim + 1)^3}, estimated without bias on each subset of {@code m} rows drawn from each set,
   *
   * <pre>
   * 1/(m(m-1)) sum_{i != j} k(a_i, a_j) + 1/(m(m-1)) sum_{i != j} k(b_i, b_j) - 2/m^2 sum_{i, j} k(a_i, b_j)
   * </pre>
   *
   * averaged over {@code subsets} subsets ({@code m = min(subsetSize, countA, countB)}), with their
   * standard deviation. Unbiased, so sets of different sizes compare; it can come out slightly below
   * 0 for two samples of one distribution. The subsets are drawn from {@code seed}: reproducible.
   */
  public static Kid kernelInceptionDistance(float[] a, int countA, float[] b, int countB, int dim, int subsets, int subsetSize,
      long seed) {
    int m = Math.min(subsetSize, Math.min(countA, countB));
    if (m < 2 || subsets < 1) {
      throw new IllegalArgumentException("the kernel inception distance needs subsets of at least 2 rows, got " + m);
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    double[] values = new double[subsets];
    for (int s = 0; s < subsets; s++) {
      DMatrixRMaj x = rows(a, countA, dim, m, random);
      DMatrixRMaj y = rows(b, countB, dim, m, random);
      double xx = kernelSum(x, x, dim, true);
      double yy = kernelSum(y, y, dim, true);
      double xy = kernelSum(x, y, dim, false);
      values[s] = xx / (m * (m - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / ((double) m * m);
    }
    double mean = java.util.Arrays.stream(values).average().orElseThrow();
    double variance = subsets < 2 ? 0 : java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (subsets - 1);
    return new Kid(mean, Math.sqrt(variance));
  }

  /** {@code m} distinct rows of {@code data}, drawn without replacement (all of them in order when {@code m == count}). */
  private static DMatrixRMaj rows(float[] data, int count, int dim, int m, java.util.SplittableRandom random) {
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    if (m < count) {
      for (int i = 0; i < m; i++) { // a partial Fisher-Yates shuffle
        int j = i + random.nextInt(count - i);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    DMatrixRMaj rows = new DMatrixRMaj(m, dim);
    for (int i = 0; i < m; i++) {
      for (int d = 0; d < dim; d++) {
        rows.data[i * dim + d] = data[order[i] * dim + d];
      }
    }
    return rows;
  }

  /** The sum of {@code (x_i . y_j / dim + 1)^3} over all pairs, or over {@code i != j} when {@code offDiagonal}. */
  private static double kernelSum(DMatrixRMaj x, DMatrixRMaj y, int dim, boolean offDiagonal) {
    DMatrixRMaj dots = new DMatrixRMaj(x.numRows, y.numRows);
    CommonOps_DDRM.multTransB(x, y, dots);
    double sum = 0;
    for (int i = 0; i < x.numRows; i++) {
      for (int j = 0; j < y.numRows; j++) {
        if (!offDiagonal || i != j) {
          double k = dots.data[i * y.numRows + j] / dim + 1;
          sum += k * k * k;
        }
      }
    }
    return sum;
  }

  /** The Fréchet distance between two Gaussians (symmetric, 0 for equal ones). */
  public static double frechetDistance(Gaussian a, Gaussian b) {
    if (a.mean().length != b.mean().length) {
      throw new IllegalArgumentException("Gaussians of dimension " + a.mean().length + " and " + b.mean().length);
    }
    double meanTerm = 0;
    for (int i = 0; i < a.mean().length; i++) {
      double d = a.mean()[i] - b.mean()[i];
      meanTerm += d * d;
    }
    double trace = CommonOps_DDRM.trace(a.covariance()) + CommonOps_DDRM.trace(b.covariance());
    return meanTerm + trace - 2 * traceSqrtProduct(a.covariance(), b.covariance());
  }

  /**
   * TF-GAN's {@code trace_sqrt_product}: {@code Tr( (Sigma Sigma_v)^(1/2) )}, computed as
   * {@code Tr( (sqrt(Sigma) Sigma_v sqrt(Sigma))^(1/2) )}, which has the same eigenvalues and is
   * symmetric, so that both square roots come from singular value decompositions.
   */
  static double traceSqrtProduct(DMatrixRMaj sigma, DMatrixRMaj sigmaV) {
    DMatrixRMaj sqrtSigma = symmetricSquareRoot(sigma);
    DMatrixRMaj product = new DMatrixRMaj(sigma.numRows, sigma.numCols);
    DMatrixRMaj left = new DMatrixRMaj(sigma.numRows, sigma.numCols);
    CommonOps_DDRM.mult(sqrtSigma, sigmaV, left);
    CommonOps_DDRM.mult(left, sqrtSigma, product);
    double trace = 0;
    for (double s : singularValues(product)) {
      trace += s < EPS ? s : Math.sqrt(s);
    }
    return trace;
  }

  /** TF-GAN's {@code _symmetric_matrix_square_root}: {@code U diag(sqrt(s)) V^T} from the SVD. */
  static DMatrixRMaj symmetricSquareRoot(DMatrixRMaj matrix) {
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(matrix.numRows, matrix.numCols, true, true, false);
    if (!svd.decompose(matrix.copy())) {
      throw new dcgan.files.UserError("the SVD of a covariance matrix did not converge: the images hold NaN or infinite values"
          + " (a diverged generator?)");
    }
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj v = svd.getV(null, false);
    double[] s = svd.getSingularValues();
    DMatrixRMaj scaledU = u.copy();
    for (int col = 0; col < s.length; col++) {
      double root = s[col] < EPS ? s[col] : Math.sqrt(s[col]);
      for (int row = 0; row < scaledU.numRows; row++) {
        scaledU.set(row, col, scaledU.get(row, col) * root);
      }
    }
    DMatrixRMaj out = new DMatrixRMaj(matrix.numRows, matrix.numCols);
    CommonOps_DDRM.multTransB(scaledU, v, out);
    return out;
  }

  private static double[] singularValues(DMatrixRMaj matrix) {
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(matrix.numRows, matrix.numCols, false, false, false);
    if (!svd.decompose(matrix.copy())) {
      throw new dcgan.files.UserError("the SVD of a covariance product did not converge: the images hold NaN or infinite values"
          + " (a diverged generator?)");
    }
    return svd.getSingularValues();
  }

  /**
   * How many images the classifier assigns to each class (the arg-max of the logits): a class
   * with none is a mode the generator never draws.
   */
  public static int[] classCounts(float[] logits, int count, int classes) {
    requireSize(logits, count, classes, "logits");
    int[] counts = new int[classes];
    for (int i = 0; i < count; i++) {
      counts[argMax(logits, i * classes, classes)]++;
    }
    return counts;
  }

  /** The rows of {@code values} ({@code dim} wide) whose {@code labels} entry is {@code label}, in order. */
  static float[] rowsOf(float[] values, int dim, int[] labels, int label) {
    int n = 0;
    for (int l : labels) {
      n += l == label ? 1 : 0;
    }
    float[] rows = new float[n * dim];
    int next = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == label) {
        System.arraycopy(values, i * dim, rows, next++ * dim, dim);
      }
    }
    return rows;
  }

  /** The index of the largest of {@code values[offset .. offset + length)} (the first, on ties). */
  public static int argMax(float[] values, int offset, int length) {
    int best = 0;
    for (int k = 1; k < length; k++) {
      if (values[offset + k] > values[offset + best]) {
        best = k;
      }
    }
    return best;
  }

  private static double[] logSoftmax(float[] logits, int offset, int classes) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      max = Math.max(max, logits[offset + k]);
    }
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      sum += Math.exp(logits[offset + k] - max);
    }
    double logSum = max + Math.log(sum);
    double[] out = new double[classes];
    for (int k = 0; k < classes; k++) {
      out[k] = logits[offset + k] - logSum;
    }
    return out;
  }

  static void requireSize(float[] values, int count, int width, String what) {
    if (count < 1 || width < 1 || values.length != (long) count * width) {
      throw new IllegalArgumentException(values.length + " " + what + " values are not " + count + " rows of " + width);
    }
  }

  /**
   * A Gaussian fitted to activations: their mean and unbiased covariance, in double precision.
   *
   * @param mean {@code dim} values
   * @param covariance {@code dim x dim}
   */
  public record Gaussian(double[] mean, DMatrixRMaj covariance) {

    /**
     * Fits {@code count} rows of {@code dim} activations, image after image.
     *
     * @throws IllegalArgumentException if {@code count <= dim}: the covariance would be singular
     *     and the distance meaningless
     */
    public static Gaussian fit(float[] activations, int count, int dim) {
      requireSize(activations, count, dim, "activation");
      if (count <= dim) {
        throw new UserError("a Fréchet distance over " + dim + " features needs more than " + dim
            + " images, got " + count);
      }
      double[] mean = new double[dim];
      for (int i = 0; i < count; i++) {
        for (int j = 0; j < dim; j++) {
          mean[j] += activations[i * dim + j];
        }
      }
      for (int j = 0; j < dim; j++) {
        mean[j] /= count;
      }
      DMatrixRMaj centred = new DMatrixRMaj(count, dim);
      for (int i = 0; i < count; i++) {
        for (int j = 0; j < dim; j++) {
          centred.unsafe_set(i, j, activations[i * dim + j] - mean[j]);
        }
      }
      DMatrixRMaj covariance = new DMatrixRMaj(dim, dim);
      CommonOps_DDRM.multTransA(centred, centred, covariance);
      CommonOps_DDRM.scale(1.0 / (count - 1), covariance);
      return new Gaussian(mean, covariance);
    }
  }
}
