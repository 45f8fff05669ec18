package dcgan.benchmark;

import java.util.Arrays;

/** The percentiles every benchmark reports its times by. */
public final class Percentiles {

  private Percentiles() {}

  /** The {@code p}-th percentile (0 to 100) of {@code values}, the nearest rank. */
  public static double of(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.round(p / 100 * (sorted.length - 1));
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
