package dcgan.training;

import java.util.List;

/**
 * The numbers pytorch's DCGAN example prints per step: both losses, and the discriminator's mean
 * output probability on real images, D(x), and on generated ones, D(G(z)) (for the losses whose
 * outputs are not logits, the mean raw score).
 */
public record StepMetrics(double genLoss, double discLoss, double dReal, double dFake) {

  /** Whether both losses are finite numbers (Keras's {@code TerminateOnNaN} stops when one is not). */
  public boolean lossesFinite() {
    return Double.isFinite(genLoss) && Double.isFinite(discLoss);
  }

  /** The mean of each field over {@code steps}. */
  public static StepMetrics mean(List<StepMetrics> steps) {
    double g = 0, d = 0, r = 0, f = 0;
    for (StepMetrics m : steps) {
      g += m.genLoss;
      d += m.discLoss;
      r += m.dReal;
      f += m.dFake;
    }
    int n = Math.max(1, steps.size());
    return new StepMetrics(g / n, d / n, r / n, f / n);
  }
}
