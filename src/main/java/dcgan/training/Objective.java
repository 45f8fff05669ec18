package dcgan.training;

import dcgan.losses.GanLoss;
import java.util.Locale;

/**
 * How the two networks are trained against each other, where a run departs from the tutorial: the
 * pair of losses, WGAN-GP's gradient penalty on the discriminator, how many discriminator updates
 * each generator update gets, and spectral normalization of the discriminator's kernels.
 *
 * @param loss the loss pair ({@link GanLoss#TUTORIAL} by default)
 * @param gradientPenalty WGAN-GP's lambda; 0: none
 * @param criticSteps discriminator updates per generator update (1: both every step)
 * @param spectralNorm whether the discriminator's kernels are spectrally normalized
 */
public record Objective(GanLoss loss, float gradientPenalty, int criticSteps, boolean spectralNorm) {

  /** The tutorial's: cross-entropy, no penalty, one update of each network per step, plain kernels. */
  public static final Objective TUTORIAL = new Objective(GanLoss.TUTORIAL, 0f, 1, false);

  public Objective {
    java.util.Objects.requireNonNull(loss, "loss");
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

  /** {@code loss=hinge spectral_norm=true}: the settings that differ from the tutorial's, or "" for the tutorial's. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    if (loss != GanLoss.TUTORIAL) {
      out.append(" loss=").append(loss.id());
    }
    if (gradientPenalty > 0) {
      out.append(String.format(Locale.ROOT, " gradient_penalty=%s", gradientPenalty));
    }
    if (criticSteps != 1) {
      out.append(" critic_steps=").append(criticSteps);
    }
    if (spectralNorm) {
      out.append(" spectral_norm=true");
    }
    return out.toString().trim();
  }
}
