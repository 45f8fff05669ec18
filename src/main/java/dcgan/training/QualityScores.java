package dcgan.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an {@link EpochEvaluator} measured of the generator after an epoch: named numbers in the
 * order they are printed and written ({@code frechet_distance}, {@code classifier_score}, ...),
 * and how long measuring took.
 *
 * @param values the scores by name, in a fixed order
 * @param seconds the wall time of the evaluation
 */
public record QualityScores(Map<String, Double> values, double seconds) {

  public QualityScores {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The score named {@code name}, or NaN when it was not measured. */
  public double get(String name) {
    return values.getOrDefault(name, Double.NaN);
  }
}
