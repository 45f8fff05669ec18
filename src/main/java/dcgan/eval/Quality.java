package dcgan.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How good a set of images is, as the reference classifier sees it.
 *
 * @param count how many images were scored
 * @param frechetDistance Fréchet distance of their features to the real test images' (lower is better)
 * @param kid the kernel inception distance in the same features (lower is better), and its spread over subsets
 * @param classifierScore exp(E[KL(p(y|x) || p(y))]), 1 to the number of classes (higher is better)
 * @param precision share of the images inside the real images' feature manifold
 * @param recall share of the real images inside theirs
 * @param classCounts how many images the classifier assigns to each class
 * @param conditional for a conditional generator's samples, how well they follow the asked-for labels; else null
 */
public record Quality(int count, double frechetDistance, Metrics.Kid kid, double classifierScore, double precision, double recall,
    int[] classCounts, Conditional conditional) {

  /**
   * How a conditional generator follows its labels.
   *
   * @param agreement the share of samples the classifier assigns to the label they were drawn with
   * @param classAgreement that share among the samples of each label
   * @param classFrechet the Fréchet distance of each label's samples to the real test images of that
   *     class (NaN where a label has too few samples for the features)
   */
  public record Conditional(double agreement, double[] classAgreement, double[] classFrechet) {}

  /** Names of the scores, as {@code metrics.csv}, TensorBoard and {@code --json} write them. */
  public static final String FRECHET_DISTANCE = "frechet_distance", KID = "kid", KID_STD = "kid_std", CLASSIFIER_SCORE = "classifier_score",
      PRECISION = "precision", RECALL = "recall", CLASSES_DRAWN = "classes_drawn", LABEL_AGREEMENT = "label_agreement";

  /** The classes no image was assigned to: the modes the generator never draws. */
  public List<Integer> missingClasses() {
    List<Integer> missing = new ArrayList<>();
    for (int k = 0; k < classCounts.length; k++) {
      if (classCounts[k] == 0) {
        missing.add(k);
      }
    }
    return missing;
  }

  /** The share of the images assigned to class {@code k}. */
  public double classShare(int k) {
    return classCounts[k] / (double) count;
  }

  /** Every score by name, then {@code class_0}, {@code class_1}, ... as shares: the columns of {@code metrics.csv}. */
  public Map<String, Double> values() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(FRECHET_DISTANCE, frechetDistance);
    values.put(KID, kid.mean());
    values.put(KID_STD, kid.std());
    values.put(CLASSIFIER_SCORE, classifierScore);
    values.put(PRECISION, precision);
    values.put(RECALL, recall);
    values.put(CLASSES_DRAWN, (double) (classCounts.length - missingClasses().size()));
    if (conditional != null) {
      values.put(LABEL_AGREEMENT, conditional.agreement());
    }
    for (int k = 0; k < classCounts.length; k++) {
      values.put("class_" + k, classShare(k));
    }
    return values;
  }
}
