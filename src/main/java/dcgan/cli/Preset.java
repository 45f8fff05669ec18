package dcgan.cli;

import dcgan.losses.GanLoss;
import dcgan.losses.GradientPenalty;
import dcgan.training.Adam;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * {@code Train --preset NAME}: a published combination of loss, regularisers and Adam settings, or
 * one that this project's quality runs recommend. Options given on the command line beside it win
 * over the preset's values.
 *
 * @param id the command-line name
 * @param learningRate Adam's learning rate
 * @param beta1 Adam's beta_1
 * @param beta2 Adam's beta_2
 * @param loss the loss pair
 * @param gradientPenalty WGAN-GP's lambda, 0 for none
 * @param criticSteps discriminator updates per generator update
 * @param spectralNorm spectral normalization of the discriminator
 * @param batchSize the batch size, 0 to keep the tutorial's (or the command line's)
 * @param source where the combination comes from
 */
record Preset(String id, float learningRate, float beta1, float beta2, GanLoss loss, float gradientPenalty, int criticSteps,
    boolean spectralNorm, int batchSize, String source) {

  private static final Preset DCGAN = new Preset("dcgan", 2e-4f, 0.5f, Adam.BETA_2, GanLoss.TUTORIAL, 0, 1, false, 0,
      "the tutorial's losses with the DCGAN paper's Adam (Radford et al. 2016: 2e-4, beta_1 0.5)");

  /** The presets, in the order help lists them. */
  static final Preset[] ALL = {
      DCGAN,
      DCGAN.atBatchSize("dcgan-b32", 32,
          "dcgan at batch 32: eight times the updates per epoch; the quickest to good digits in this project's quality runs"),
      new Preset("lsgan", 2e-4f, 0.5f, Adam.BETA_2, GanLoss.LEAST_SQUARES, 0, 1, false, 0,
          "least squares losses (Mao et al. 2017) with the DCGAN paper's Adam"),
      new Preset("sngan", 2e-4f, 0.5f, Adam.BETA_2, GanLoss.HINGE, 0, 1, true, 0,
          "hinge loss and a spectrally normalized discriminator (Miyato et al. 2018, Adam setting C: 2e-4, 0.5, 0.999)"),
      new Preset("wgan-gp", 1e-4f, 0f, 0.9f, GanLoss.WASSERSTEIN, GradientPenalty.PAPER_WEIGHT, 5, false, 0,
          "Wasserstein critic with gradient penalty (Gulrajani et al. 2017, Algorithm 1: lambda 10, 5 critic steps,"
              + " Adam 1e-4, beta_1 0, beta_2 0.9)"),
  };

  /** This preset's settings at another batch size, under another name. */
  private Preset atBatchSize(String name, int batch, String why) {
    return new Preset(name, learningRate, beta1, beta2, loss, gradientPenalty, criticSteps, spectralNorm, batch, why);
  }

  /** The preset named {@code name}, or an error listing them. */
  static Preset parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(ALL).filter(p -> p.id.equals(wanted)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown preset '" + name + "'; choose one of " + names()));
  }

  /** {@code dcgan, lsgan, ...}. */
  static String names() {
    return String.join(", ", new Ids());
  }

  /** The presets' names, in order: picocli lists them in {@code --preset}'s help. */
  static final class Ids implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(ALL).map(Preset::id).iterator();
    }
  }
}
