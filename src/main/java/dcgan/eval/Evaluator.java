package dcgan.eval;

import dcgan.files.UserError;
import dcgan.data.Images;
import java.util.Objects;

/**
 * Scores images against a real test set with a {@link ReferenceClassifier}: the classifier score,
 * the Fréchet distance and precision and recall in its feature space, and the class histogram. What
 * only depends on the real images (their features, their Gaussian, their manifold's radii) is
 * computed once, when the evaluator is made.
 */
public final class Evaluator implements AutoCloseable {

  /** Images scored by default, as TF-GAN's examples and most papers use. */
  public static final int SAMPLES = 10_000;

  private final ReferenceClassifier classifier;
  private final PrecisionRecall manifold;
  private final int realCount;
  private final float[] realFeatures;
  private final Metrics.Gaussian realGaussian;
  private final float[] realRadii;
  private final double testAccuracy;
  private final Metrics.Gaussian[] realClassGaussians;

  /**
   * @param classifier scores the images; the evaluator closes it
   * @param test the real images compared against, with labels (to report the classifier's accuracy)
   * @param threads TensorFlow threads of the distance computations
   */
  public Evaluator(ReferenceClassifier classifier, Images test, int threads) {
    this.classifier = Objects.requireNonNull(classifier);
    try {
      requireEnoughTestImages(test, classifier.featureDim());
    } catch (UserError e) {
      classifier.close();
      throw e;
    }
    ReferenceClassifier.Activations real = classifier.run(test);
    this.manifold = new PrecisionRecall(threads);
    this.realCount = test.count();
    this.realFeatures = real.features();
    this.realGaussian = Metrics.Gaussian.fit(real.features(), realCount, real.featureDim());
    this.realRadii = manifold.radii(real.features(), realCount, real.featureDim());
    this.testAccuracy = test.hasLabels() ? accuracy(real, test) : Double.NaN;
    this.realClassGaussians = test.hasLabels() ? classGaussians(real.features(), test.labels(), real.featureDim()) : null;
  }

  /** The classifier's share of correct answers on the test images. */
  public double testAccuracy() {
    return testAccuracy;
  }

  /** The classifier. */
  /**
   * Refuses a test split of no more images than the classifier has features: the Fréchet
   * distance's covariance needs more. Checked before a reference classifier is trained too.
   */
  public static void requireEnoughTestImages(dcgan.data.Images test, int featureDim) {
    if (test.count() <= featureDim) {
      throw new dcgan.data.DataException(test.source() + " has " + test.count() + " test images; the Fréchet distance over the"
          + " reference classifier's " + featureDim + " features needs more than that");
    }
  }

  public ReferenceClassifier classifier() {
    return classifier;
  }

  /**
   * Scores {@code count} images in [-1, 1] of the classifier's image shape ({@code count * 784}
   * values for MNIST's 28 x 28 x 1).
   *
   * @throws dcgan.files.UserError when there are not more images than features
   */
  public Quality score(float[] images, int count) {
    return score(images, count, null);
  }

  /**
   * Scores {@code count} images that a conditional generator drew with {@code labels} (null: none),
   * adding how well they follow them.
   */
  public Quality score(float[] images, int count, int[] labels) {
    if (count <= classifier.featureDim()) {
      throw new UserError("scoring needs more images than the classifier's " + classifier.featureDim()
          + " features (the Fréchet distance's covariance is singular otherwise), got " + count);
    }
    ReferenceClassifier.Activations a = classifier.run(images, count);
    double frechet = Metrics.frechetDistance(Metrics.Gaussian.fit(a.features(), count, a.featureDim()), realGaussian);
    PrecisionRecall.Scores pr = manifold.compute(realFeatures, realRadii, realCount, a.features(), count, a.featureDim());
    Quality.Conditional conditional = labels == null ? null : conditional(a, labels);
    Metrics.Kid kid = Metrics.kernelInceptionDistance(a.features(), count, realFeatures, realCount, a.featureDim(), Metrics.KID_SUBSETS,
        Metrics.KID_SUBSET_SIZE, FixedNoise.SEED);
    return new Quality(count, frechet, kid, Metrics.classifierScore(a.logits(), count, a.classes()), pr.precision(), pr.recall(),
        Metrics.classCounts(a.logits(), count, a.classes()), conditional);
  }

  /** The label agreement, overall and per label, and each label's Fréchet distance to its real class. */
  private Quality.Conditional conditional(ReferenceClassifier.Activations a, int[] labels) {
    if (labels.length != a.count() || realClassGaussians == null) {
      throw new IllegalArgumentException(labels.length + " labels for " + a.count() + " images, or a test split without labels");
    }
    int classes = a.classes();
    int[] asked = new int[classes];
    int[] agreed = new int[classes];
    for (int i = 0; i < labels.length; i++) {
      asked[labels[i]]++;
      agreed[labels[i]] += Metrics.argMax(a.logits(), i * classes, classes) == labels[i] ? 1 : 0;
    }
    double[] classAgreement = new double[classes];
    double[] classFrechet = new double[classes];
    for (int k = 0; k < classes; k++) {
      classAgreement[k] = asked[k] == 0 ? Double.NaN : agreed[k] / (double) asked[k];
      float[] features = Metrics.rowsOf(a.features(), a.featureDim(), labels, k);
      int n = features.length / a.featureDim();
      classFrechet[k] = n <= a.featureDim() || realClassGaussians[k] == null ? Double.NaN
          : Metrics.frechetDistance(Metrics.Gaussian.fit(features, n, a.featureDim()), realClassGaussians[k]);
    }
    return new Quality.Conditional(java.util.Arrays.stream(agreed).sum() / (double) labels.length, classAgreement, classFrechet);
  }

  /** A Gaussian per class of the real test features (null for a class with too few images). */
  private static Metrics.Gaussian[] classGaussians(float[] features, byte[] labels, int dim) {
    int[] asInts = new int[labels.length];
    java.util.Arrays.setAll(asInts, i -> labels[i]);
    Metrics.Gaussian[] out = new Metrics.Gaussian[Images.CLASSES];
    for (int k = 0; k < out.length; k++) {
      float[] rows = Metrics.rowsOf(features, dim, asInts, k);
      int n = rows.length / dim;
      out[k] = n > dim ? Metrics.Gaussian.fit(rows, n, dim) : null;
    }
    return out;
  }

  /** Scores real images (the ceiling: other real digits than the test images, as a perfect generator would draw). */
  public Quality score(Images images) {
    return score(ReferenceClassifier.scaled(images), images.count());
  }

  private static double accuracy(ReferenceClassifier.Activations a, Images test) {
    int correct = 0;
    for (int i = 0; i < a.count(); i++) {
      correct += Metrics.argMax(a.logits(), i * a.classes(), a.classes()) == test.label(i) ? 1 : 0;
    }
    return correct / (double) a.count();
  }

  @Override
  public void close() {
    manifold.close();
    classifier.close();
  }
}
