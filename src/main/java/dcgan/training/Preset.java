package dcgan.training;

import dcgan.losses.GanLoss;
import dcgan.losses.GradientPenalty;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code Train --preset NAME}: a published combination of loss, regularisers and Adam settings, or
 * one that this project's quality runs recommend. {@link #applyTo} is the one place a preset
 * becomes settings, for Train and Benchmark alike; options given on the command line beside it win.
 *
 * @param id the command-line name
 * @param learningRate Adam's learning rate
 * @param beta1 Adam's beta_1
 * @param beta2 Adam's beta_2
 * @param objective the loss pair, WGAN-GP's penalty and the critic steps
 * @param spectralNorm spectral normalization of the discriminator
 * @param batchSize the batch size, 0 to keep the tutorial's (or the command line's)
 * @param emaDecay the averaged generator's decay ({@code --ema}), 0 for none
 * @param source where the combination comes from
 */
public record Preset(String id, float learningRate, float beta1, float beta2, Objective objective, boolean spectralNorm, int batchSize,
    float emaDecay, String source) {

  private static final Preset DCGAN = new Preset("dcgan", 2e-4f, 0.5f, Adam.BETA_2, Objective.TUTORIAL, false, 0, 0f,
      "the tutorial's losses with the DCGAN paper's Adam (Radford et al. 2016: 2e-4, beta_1 0.5)");

  /** The presets, in the order help lists them. */
  public static final Preset[] ALL = {
      DCGAN,
      DCGAN.atBatchSize("dcgan-b32", 32,
          "dcgan at batch 32: eight times the updates per epoch; the quickest to good digits in this project's quality runs"),
      DCGAN.atBatchSize("dcgan-b32-ema", 32, "").averaged(0.999f,
          "dcgan-b32 drawing with the moving average of its generator (--ema 0.999): FD 28.7 against 38.1 after 10 epochs"
              + " in this project's quality runs, for 3% more time per step"),
      new Preset("lsgan", 2e-4f, 0.5f, Adam.BETA_2, new Objective(GanLoss.LEAST_SQUARES, 0, 1), false, 0, 0f,
          "least squares losses (Mao et al. 2017) with the DCGAN paper's Adam"),
      new Preset("sngan", 2e-4f, 0.5f, Adam.BETA_2, new Objective(GanLoss.HINGE, 0, 1), true, 0, 0f,
          "hinge loss and a spectrally normalized discriminator (Miyato et al. 2018, Adam setting C: 2e-4, 0.5, 0.999)"),
      new Preset("wgan-gp", 1e-4f, 0f, 0.9f, new Objective(GanLoss.WASSERSTEIN, GradientPenalty.PAPER_WEIGHT, 5), false, 0, 0f,
          "Wasserstein critic with gradient penalty (Gulrajani et al. 2017, Algorithm 1: lambda 10, 5 critic steps,"
              + " Adam 1e-4, beta_1 0, beta_2 0.9)"),
  };

  /** This preset with an averaged generator ({@code --ema decay}), described by {@code why}. */
  private Preset averaged(float decay, String why) {
    return new Preset(id, learningRate, beta1, beta2, objective, spectralNorm, batchSize, decay, why);
  }

  /** This preset's settings at another batch size, under another name. */
  private Preset atBatchSize(String name, int batch, String why) {
    return new Preset(name, learningRate, beta1, beta2, objective, spectralNorm, batch, emaDecay, why);
  }

  /**
   * {@code config} with this preset's values, except those whose option {@code given} says the
   * command line set ({@code --learning-rate}, {@code --loss}, ...).
   */
  public TrainConfig applyTo(TrainConfig config, Predicate<String> given) {
    TrainConfig.Builder b = config.toBuilder();
    if (!given.test("--learning-rate")) {
      if (!given.test("--generator-learning-rate")) {
        b.generatorLearningRate(learningRate);
      }
      if (!given.test("--discriminator-learning-rate")) {
        b.discriminatorLearningRate(learningRate);
      }
    }
    if (!given.test("--adam-beta1")) {
      b.adamBeta1(beta1);
    }
    if (!given.test("--adam-beta2")) {
      b.adamBeta2(beta2);
    }
    Objective o = config.objective();
    b.objective(new Objective(given.test("--loss") ? o.loss() : objective.loss(),
        given.test("--gradient-penalty") ? o.gradientPenalty() : objective.gradientPenalty(),
        given.test("--critic-steps") ? o.criticSteps() : objective.criticSteps(),
        given.test("--augment") ? o.augment() : objective.augment()));
    if (!given.test("--ema")) {
      b.emaDecay(emaDecay);
    }
    if (!given.test("--spectral-norm")) {
      b.networks(config.networks().withSpectralNorm(spectralNorm));
    }
    if (batchSize > 0 && !given.test("--batch-size")) {
      b.batchSize(batchSize);
    }
    return b.build();
  }

  /** The preset named {@code name}, or an error listing them. */
  public static Preset parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(ALL).filter(p -> p.id.equals(wanted)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown preset '" + name + "'; choose one of " + names()));
  }

  /** {@code dcgan, lsgan, ...}. */
  public static String names() {
    return String.join(", ", new Ids());
  }

  /** The presets' names, in order: picocli lists them in {@code --preset}'s help. */
  public static final class Ids implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(ALL).map(Preset::id).iterator();
    }
  }
}
