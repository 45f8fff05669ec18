package dcgan.training;

import dcgan.losses.DiffAugment;
import dcgan.losses.GanLoss;

/**
 * How the two networks are trained against each other, where a run departs from the tutorial: the
 * pair of losses, WGAN-GP's gradient penalty on the discriminator, how many discriminator updates
 * each generator update gets, and the augmentation of what the discriminator sees. (Spectral normalization changes the discriminator's
 * variables, so it belongs to the networks: {@link dcgan.model.GanSpec#spectralNorm()}.)
 *
 * @param loss the loss pair ({@link GanLoss#TUTORIAL} by default)
 * @param gradientPenalty WGAN-GP's lambda; 0: none
 * @param criticSteps discriminator updates per generator update (1: both every step)
 * @param augment DiffAugment's policy for every image the discriminator sees ({@link DiffAugment#NONE})
 */
public record Objective(GanLoss loss, float gradientPenalty, int criticSteps, DiffAugment augment) {

  /** The tutorial's: cross-entropy, no penalty, one update of each network per step, no augmentation. */
  public static final Objective TUTORIAL = new Objective(GanLoss.TUTORIAL, 0f, 1);

  /** Without augmentation. */
  public Objective(GanLoss loss, float gradientPenalty, int criticSteps) {
    this(loss, gradientPenalty, criticSteps, DiffAugment.NONE);
  }

  public Objective {
    java.util.Objects.requireNonNull(loss, "loss");
    java.util.Objects.requireNonNull(augment, "augment");
    if (!(gradientPenalty >= 0 && Float.isFinite(gradientPenalty))) {
      throw new IllegalArgumentException("the gradient penalty's weight must be 0 (off) or positive, got " + gradientPenalty);
    }
    if (criticSteps < 1) {
      throw new IllegalArgumentException("critic steps must be at least 1, got " + criticSteps);
    }
  }

  /** Whether the generator is updated in step {@code step} (0-based): the last of every {@code criticSteps}. */
  public boolean updatesGenerator(long step) {
    return (step + 1) % criticSteps == 0;
  }

  /** This objective with another augmentation. */
  public Objective withAugment(DiffAugment value) {
    return new Objective(loss, gradientPenalty, criticSteps, value);
  }
}
