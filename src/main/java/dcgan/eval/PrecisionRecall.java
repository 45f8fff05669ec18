package dcgan.eval;

import dcgan.files.UserError;
import java.util.Arrays;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019, "Improved Precision and Recall Metric
 * for Assessing Generative Models"), in a classifier's feature space. Each set of features spans
 * a manifold: the union of balls around its points, each as wide as the distance to the point's
 * {@code k}-th nearest neighbour in the same set ({@code k = 3}, the paper's choice). Then
 *
 * <pre>
 * precision = share of generated points inside the real manifold       (how many samples look real)
 * recall    = share of real points inside the generated manifold       (how much of the data they cover)
 * </pre>
 *
 * <p>The pairwise squared distances {@code |a|^2 - 2 a.b + |b|^2} are matrix products, so they run
 * in a small TensorFlow graph, a block of rows at a time (10,000 x 10,000 x 128 features is 13
 * GFLOP per pair of sets).
 */
public final class PrecisionRecall implements AutoCloseable {

  /** The neighbourhood size of the paper. */
  public static final int K = 3;
  /** Rows per session call: a block of distances is {@code BLOCK x n} floats. */
  static final int BLOCK = 1000;

  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> rows;
  private final Placeholder<TFloat32> columns;
  private final Placeholder<TFloat32> columnRadii;
  private final Operand<TFloat32> kthDistance;
  private final Operand<TBool> inside;

  /** @param threads TensorFlow intra-op threads */
  public PrecisionRecall(int threads) {
    Ops tf = Ops.create(graph);
    rows = tf.withName("rows").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
    columns = tf.withName("columns").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
    columnRadii = tf.withName("column_radii").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> rowNorms = tf.sum(tf.math.square(rows), tf.constant(1), Sum.keepDims(true));
    Operand<TFloat32> columnNorms = tf.reshape(tf.sum(tf.math.square(columns), tf.constant(1)), tf.constant(new long[] {1, -1}));
    Operand<TFloat32> products = tf.linalg.matMul(rows, columns, MatMul.transposeB(true));
    Operand<TFloat32> squared = tf.math.maximum(
        tf.math.add(tf.math.sub(rowNorms, tf.math.mul(tf.constant(2f), products)), columnNorms), tf.constant(0f));
    // The K+1 smallest: the point itself (distance 0) and its K nearest neighbours.
    Operand<TFloat32> nearest = tf.nn.topK(tf.math.neg(squared), tf.constant(K + 1), new TopK.Options[0]).values();
    kthDistance = tf.math.neg(tf.reshape(
        tf.slice(nearest, tf.constant(new int[] {0, K}), tf.constant(new int[] {-1, 1})), tf.constant(new long[] {-1})));
    Operand<TFloat32> radiiRow = tf.reshape(columnRadii, tf.constant(new long[] {1, -1}));
    inside = tf.reduceAny(tf.math.lessEqual(squared, radiiRow), tf.constant(1));
    session = new Session(graph, dcgan.model.Sessions.config(threads));
  }

  /**
   * The two numbers.
   *
   * @param precision share of generated samples inside the real manifold
   * @param recall share of real samples inside the generated manifold
   */
  public record Scores(double precision, double recall) {}

  /** Precision and recall of {@code generated} against {@code real} ({@code count x dim} features each). */
  public Scores compute(float[] real, int realCount, float[] generated, int generatedCount, int dim) {
    return compute(real, radii(real, realCount, dim), realCount, generated, generatedCount, dim);
  }

  /** As above, with the real manifold's squared radii already computed by {@link #radii}. */
  public Scores compute(float[] real, float[] realRadii, int realCount, float[] generated, int generatedCount, int dim) {
    float[] generatedRadii = radii(generated, generatedCount, dim);
    double precision = coverage(generated, generatedCount, real, realRadii, realCount, dim);
    double recall = coverage(real, realCount, generated, generatedRadii, generatedCount, dim);
    return new Scores(precision, recall);
  }

  /** The squared distance of each of {@code count} points to its {@code K}-th nearest neighbour among them. */
  public float[] radii(float[] points, int count, int dim) {
    Metrics.requireSize(points, count, dim, "feature");
    if (count <= K) {
      throw new UserError("precision and recall need more than " + K + " images, got " + count);
    }
    float[] radii = new float[count];
    try (TFloat32 all = matrix(points, count, dim)) {
      for (int start = 0; start < count; start += BLOCK) {
        int n = Math.min(BLOCK, count - start);
        try (TFloat32 block = matrix(Arrays.copyOfRange(points, start * dim, (start + n) * dim), n, dim);
            Result r = session.runner().feed(rows, block).feed(columns, all).fetch(kthDistance).run()) {
          float[] values = new float[n];
          ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(values);
          System.arraycopy(values, 0, radii, start, n);
        }
      }
    }
    return radii;
  }

  /** The share of {@code points} inside the manifold of {@code others} with squared radii {@code otherRadii}. */
  double coverage(float[] points, int count, float[] others, float[] otherRadii, int otherCount, int dim) {
    Metrics.requireSize(points, count, dim, "feature");
    Metrics.requireSize(others, otherCount, dim, "feature");
    long covered = 0;
    try (TFloat32 all = matrix(others, otherCount, dim); TFloat32 radii = TFloat32.vectorOf(otherRadii)) {
      for (int start = 0; start < count; start += BLOCK) {
        int n = Math.min(BLOCK, count - start);
        try (TFloat32 block = matrix(Arrays.copyOfRange(points, start * dim, (start + n) * dim), n, dim);
            Result r = session.runner().feed(rows, block).feed(columns, all).feed(columnRadii, radii).fetch(inside).run()) {
          TBool in = (TBool) r.get(0);
          for (int i = 0; i < n; i++) {
            covered += in.getBoolean(i) ? 1 : 0;
          }
        }
      }
    }
    return covered / (double) count;
  }

  private static TFloat32 matrix(float[] values, int count, int dim) {
    return TFloat32.tensorOf(Shape.of(count, dim), DataBuffers.of(values, true, false));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
