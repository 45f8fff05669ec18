package dcgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.losses.GanLoss;
import dcgan.training.Objective;
import dcgan.training.TrainConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code Train}'s GAN options and presets, parsed into the one immutable config. */
class TrainOptionsTest {

  @Test
  void theTutorialsValuesSpelledOutAreTheDefault() {
    TrainConfig defaults = TrainCommand.parse().training();
    assertEquals(Objective.TUTORIAL, defaults.objective());
    assertEquals(defaults, TrainCommand.parse("--loss", "tutorial", "--gradient-penalty", "0", "--critic-steps", "1",
        "--adam-beta1", "0.9", "--adam-beta2", "0.999", "--learning-rate", "1e-4").training());
  }

  @Test
  void aPresetSetsItsCombination() {
    TrainConfig wgan = TrainCommand.parse("--preset", "wgan-gp").training();
    assertEquals(new Objective(GanLoss.WASSERSTEIN, 10f, 5), wgan.objective());
    assertEquals(false, wgan.networks().spectralNorm());
    assertEquals(1e-4f, wgan.learningRate());
    assertEquals(0f, wgan.adamBeta1());
    assertEquals(0.9f, wgan.adamBeta2());
    TrainConfig sngan = TrainCommand.parse("--preset", "sngan").training();
    assertEquals(new Objective(GanLoss.HINGE, 0f, 1), sngan.objective());
    assertEquals(true, sngan.networks().spectralNorm());
    assertEquals(2e-4f, sngan.learningRate());
    assertEquals(0.5f, sngan.adamBeta1());
    TrainConfig dcgan = TrainCommand.parse("--preset", "dcgan").training();
    assertEquals(Objective.TUTORIAL, dcgan.objective());
    assertEquals(0.5f, dcgan.adamBeta1());
    assertEquals(TrainConfig.BATCH_SIZE, dcgan.batchSize(), "a preset without a batch size keeps the tutorial's");
  }

  @Test
  void theSmallBatchPresetIsDcganAtBatch32UnlessTheBatchIsGiven() {
    TrainConfig small = TrainCommand.parse("--preset", "dcgan-b32").training();
    assertEquals(32, small.batchSize());
    assertEquals(Objective.TUTORIAL, small.objective());
    assertEquals(2e-4f, small.learningRate());
    assertEquals(0.5f, small.adamBeta1());
    assertEquals(64, TrainCommand.parse("--preset", "dcgan-b32", "--batch-size", "64").training().batchSize());
  }

  @Test
  void optionsGivenBesideAPresetWin() {
    TrainConfig c = TrainCommand.parse("--preset", "wgan-gp", "--critic-steps", "2", "--learning-rate", "3e-4",
        "--loss", "hinge").training();
    assertEquals(new Objective(GanLoss.HINGE, 10f, 2), c.objective());
    assertEquals(3e-4f, c.learningRate());
    assertEquals(0.9f, c.adamBeta2(), "the preset's, not given");
  }

  @Test
  void badValuesAreUsageErrorsThatNameTheProblem() {
    assertMessage("unknown loss 'wgan'; choose one of tutorial, minimax, least_squares, hinge, wasserstein", "--loss", "wgan");
    assertMessage("unknown preset 'biggan'; choose one of dcgan, dcgan-b32, dcgan-b32-ema, lsgan, sngan, wgan-gp", "--preset", "biggan");
    assertMessage("critic steps must be at least 1, got 0", "--critic-steps", "0");
    assertMessage("the gradient penalty's weight must be 0 (off) or positive, got -1.0", "--gradient-penalty", "-1");
    assertMessage("Adam's beta_2 must be in [0, 1), got 1.0", "--adam-beta2", "1");
    assertMessage("--resume continues this project's run in --output-dir, --resume-from the Python tutorial's: give one of them",
        "--resume", "--resume-from", "training_checkpoints");
  }

  @Test
  void twoLearningRatesEachNetworkItsOwn() {
    var config = TrainCommand.parse("--discriminator-learning-rate", "4e-4").training();
    assertEquals(1e-4f, config.learningRate());
    assertEquals(4e-4f, config.discriminatorLearningRate());
    config = TrainCommand.parse("--learning-rate", "3e-4", "--generator-learning-rate", "1e-4").training();
    assertEquals(1e-4f, config.learningRate(), "the generator's own");
    assertEquals(3e-4f, config.discriminatorLearningRate(), "--learning-rate still sets the other");
    config = TrainCommand.parse("--preset", "sngan", "--discriminator-learning-rate", "4e-4").training();
    assertEquals(2e-4f, config.learningRate(), "the preset's for the generator");
    assertEquals(4e-4f, config.discriminatorLearningRate(), "the option's for the discriminator");
    var defaults = TrainCommand.parse().training();
    assertEquals(defaults.learningRate(), defaults.discriminatorLearningRate(), "one rate by default");
    assertTrue(TrainCommand.parse("--discriminator-learning-rate", "4e-4").describe()
        .contains("learning_rate=1.0E-4 (generator), 4.0E-4 (discriminator)"));
    assertMessage("the discriminator's learning rate must be positive, got 0.0", "--discriminator-learning-rate", "0");
  }

  @Test
  void theConfigLineNamesEveryGanOption() {
    String described = TrainCommand.parse("--preset", "sngan").describe();
    assertTrue(described.contains("loss=hinge gradient_penalty=0.0 critic_steps=1 spectral_norm=true"), described);
    assertTrue(described.contains("learning_rate=2.0E-4 adam_beta1=0.5 adam_beta2=0.999"), described);
  }

  @Test
  void emaAndAugmentAreOffByDefaultAndKeptBesideAPreset() {
    var defaults = TrainCommand.parse().training();
    assertEquals(0f, defaults.emaDecay());
    assertTrue(defaults.objective().augment().none());
    assertTrue(TrainCommand.parse().describe().contains("augment=none ema=off"));
    var config = TrainCommand.parse("--preset", "dcgan-b32", "--ema", "0.999", "--augment", "cutout,translation").training();
    assertEquals(0.999f, config.emaDecay());
    assertEquals("translation,cutout", config.objective().augment().id());
    assertEquals(32, config.batchSize());
    assertMessage("the averaged generator's decay must be in (0, 1), such as 0.999, got -0.5", "--ema", "-0.5");
    var preset = TrainCommand.parse("--preset", "dcgan-b32-ema").training();
    assertEquals(0.999f, preset.emaDecay());
    assertEquals(32, preset.batchSize());
    assertEquals(2e-4f, preset.learningRate());
    assertEquals(0.99f, TrainCommand.parse("--preset", "dcgan-b32-ema", "--ema", "0.99").training().emaDecay(), "the option wins");
    assertMessage("unknown augmentation 'flip'; choose none, or any of color, translation, cutout joined by commas (the paper's:"
        + " color,translation,cutout)", "--augment", "flip");
  }

  @Test
  void anUnconstrainedCriticIsWarnedAbout() {
    assertTrue(TrainCommand.unconstrainedCriticWarning(TrainCommand.parse("--loss", "wasserstein").training())
        .orElseThrow().contains("--preset wgan-gp"));
    assertTrue(TrainCommand.unconstrainedCriticWarning(TrainCommand.parse("--preset", "wgan-gp").training()).isEmpty());
    assertTrue(TrainCommand.unconstrainedCriticWarning(TrainCommand.parse("--loss", "wasserstein", "--spectral-norm").training())
        .isEmpty());
  }

  private static void assertMessage(String message, String... args) {
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, () -> TrainCommand.parse(args));
    assertEquals(message, e.getMessage());
  }
}
