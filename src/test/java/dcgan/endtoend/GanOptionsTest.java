package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GAN-loss options end to end through {@code Train} on the committed digits: WGAN-GP with
 * critic steps in a conditional GAN scored during training (its epochs end with a short batch),
 * SN-GAN's checkpoints and SavedModels through resume, Evaluate and Generate, and a diverging run
 * stopped before it saves anything.
 */
class GanOptionsTest {

  @TempDir
  static Path run;

  private static List<String> quick(Path output, String... extra) {
    return quick(output, 64, extra);
  }

  private static List<String> quick(Path output, int images, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--data", Fixtures.mnistNpz().toString(), "--limit",
        String.valueOf(images), "--batch-size", "32", "--threads", "2", "--checkpoint-every", "1", "--output-dir",
        output.toString()));
    args.addAll(List.of(extra));
    return args;
  }

  private static Runs.Run train(List<String> args) {
    return Runs.train(args.toArray(String[]::new));
  }

  @BeforeAll
  static void trainBoth() {
    // 48 images: each epoch ends with a batch of 16 real images beside the tutorial's full batch of 32 generated ones.
    Runs.Run wgan = train(quick(run.resolve("wgan"), 48, "--preset", "wgan-gp", "--critic-steps", "2", "--conditional",
        "--epochs", "2", "--eval-every", "1", "--eval-samples", "200"));
    assertEquals(0, wgan.exitCode(), wgan.err());
    assertTrue(wgan.out().contains("loss=wasserstein gradient_penalty=10.0 critic_steps=2 spectral_norm=false"), wgan.out());
    Runs.Run sngan = train(quick(run.resolve("sngan"), "--preset", "sngan", "--epochs", "1", "--eval-every", "0"));
    assertEquals(0, sngan.exitCode(), sngan.err());
    assertTrue(sngan.out().contains("Non-trainable params: 193 (772 Byte)"), "u vectors in the summary: " + sngan.out());
  }

  @Test
  void aConditionalWganGpIsScoredAndDrawsTheAskedForDigit() throws IOException {
    List<String> metrics = Files.readAllLines(run.resolve("wgan/metrics.csv"));
    assertEquals(3, metrics.size(), "a header and epochs 1 and 2");
    assertTrue(metrics.get(0).contains("label_agreement"));
    Path png = run.resolve("threes.png");
    Runs.Run threes = Runs.generate("--model", run.resolve("wgan/saved_models/generator").toString(), "--digit", "3", "--count", "4",
        "--out", png.toString());
    assertEquals(0, threes.exitCode(), threes.err());
    assertTrue(Files.size(png) > 100);
  }

  @Test
  void anSnganCheckpointResumesAndEvaluates() throws IOException {
    Runs.Run resumed = train(quick(run.resolve("sngan"), "--preset", "sngan", "--epochs", "2", "--eval-every", "0", "--resume"));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains("epochs 2 to 2"), resumed.out());
    Runs.Run scored = Runs.evaluate("--checkpoint", run.resolve("sngan/training_checkpoints/ckpt-2").toString(), "--count", "200",
        "--data", Fixtures.mnistNpz().toString());
    assertEquals(0, scored.exitCode(), scored.err());
    assertTrue(scored.out().contains("frechet_distance") || scored.out().contains("Fréchet"), scored.out());
  }

  /**
   * Critic steps (3, with 2 steps an epoch, so the generator's updates fall at global steps 2 and 5,
   * across the resume), the penalty's random interpolates and spectral norm's stored vectors all
   * continue exactly: a run resumed from epoch 1 ends bitwise where the uninterrupted one does.
   */
  @Test
  void criticStepsPenaltyAndSpectralNormResumeBitwiseEqual() throws IOException {
    Runs.Run whole = trainStraightAndResumed("", "--loss", "wasserstein", "--gradient-penalty", "10", "--critic-steps", "3",
        "--spectral-norm", "--eval-every", "0", "--keep", "5");
    assertEquals(0, whole.exitCode(), whole.err());
    assertSameFiles(run.resolve("straight"), run.resolve("resumed"), "training_checkpoints/ckpt-3.data-00000-of-00001",
        "images/image_at_epoch_0003.png", "saved_models/discriminator/variables/variables.data-00000-of-00001");
  }

  /**
   * Trains {@code PREFIXstraight} for 3 epochs, and {@code PREFIXresumed} for 1 then resumed to 3,
   * both with {@code options}; the resumed run must succeed.
   *
   * @return the straight run
   */
  private static Runs.Run trainStraightAndResumed(String prefix, String... options) {
    List<String> args = quick(run.resolve(prefix + "straight"), "--epochs", "3");
    args.addAll(List.of(options));
    Runs.Run whole = train(args);
    Path resumed = run.resolve(prefix + "resumed");
    List<String> first = quick(resumed, "--epochs", "1");
    first.addAll(List.of(options));
    assertEquals(0, train(first).exitCode());
    List<String> rest = quick(resumed, "--epochs", "3", "--resume");
    rest.addAll(List.of(options));
    Runs.Run continued = train(rest);
    assertEquals(0, continued.exitCode(), continued.err());
    return whole;
  }

  private static void assertSameFiles(Path straight, Path resumed, String... files) throws IOException {
    for (String file : files) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(straight.resolve(file)),
          Files.readAllBytes(resumed.resolve(file)), file);
    }
  }

  /**
   * The averaged generator and DiffAugment continue exactly across a resume: a conditional run with
   * {@code --ema} and every augmentation policy, resumed after epoch 1, ends bitwise where the
   * uninterrupted one does (checkpoint, grid, both exported generators).
   */
  @Test
  void emaAndAugmentResumeBitwiseEqual() throws IOException {
    Runs.Run whole = trainStraightAndResumed("ema-", "--ema", "0.9", "--augment", "color,translation,cutout", "--conditional",
        "--eval-every", "0", "--keep", "5");
    assertEquals(0, whole.exitCode(), whole.err());
    assertTrue(whole.out().contains("augment=color,translation,cutout ema=0.9"), whole.out());
    assertTrue(whole.out().contains("saved_models/generator (averaged), "), whole.out());
    Path straight = run.resolve("ema-straight");
    assertSameFiles(straight, run.resolve("ema-resumed"), "training_checkpoints/ckpt-3.data-00000-of-00001",
        "images/image_at_epoch_0003.png", "saved_models/generator/variables/variables.data-00000-of-00001",
        "saved_models/generator_raw/variables/variables.data-00000-of-00001");
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(straight.resolve("saved_models/generator/variables/variables.data-00000-of-00001")),
        Files.readAllBytes(straight.resolve("saved_models/generator_raw/variables/variables.data-00000-of-00001"))),
        "the averaged generator is not the trained one");
    for (String keras : List.of("generator.keras", "generator_raw.keras", "discriminator.keras")) {
      assertTrue(Files.size(straight.resolve("saved_models").resolve(keras)) > 1000, keras);
    }
  }

  /**
   * A checkpoint of an averaged run exports, for Evaluate, the averaged generator: its images are
   * the ones the run's own SavedModel draws.
   */
  @Test
  void anEmaCheckpointEvaluatesWithItsAveragedGenerator() throws IOException {
    Path out = run.resolve("ema-eval");
    Runs.Run trained = train(quick(out, "--ema", "0.99", "--epochs", "1", "--eval-every", "0"));
    assertEquals(0, trained.exitCode(), trained.err());
    Path exported = run.resolve("ema-eval-export");
    dcgan.persistence.CheckpointExport.export(out.resolve("training_checkpoints/ckpt-1"), exported);
    for (String model : List.of("generator", "generator_raw")) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          Files.readAllBytes(out.resolve("saved_models").resolve(model).resolve("variables/variables.data-00000-of-00001")),
          Files.readAllBytes(exported.resolve(model).resolve("variables/variables.data-00000-of-00001")), model);
    }
    Runs.Run scored = Runs.evaluate("--checkpoint", out.resolve("training_checkpoints/ckpt-1").toString(), "--count", "200",
        "--data", Fixtures.mnistNpz().toString());
    assertEquals(0, scored.exitCode(), scored.err());
  }

  @Test
  void anEmaCheckpointIsRefusedByARunWithoutIt() {
    Path out = run.resolve("ema-refused");
    assertEquals(0, train(quick(out, "--ema", "0.99", "--augment", "cutout", "--epochs", "1", "--eval-every", "0")).exitCode());
    Runs.Run refused = train(quick(out, "--epochs", "2", "--eval-every", "0", "--resume"));
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("training.augment is cutout there, none here (--augment)")
        && refused.err().contains("training.ema is 0.99 there, none here (--ema)"), refused.err());
  }

  @Test
  void aSpectralNormCheckpointIsRefusedByARunWithoutIt() {
    Runs.Run refused = train(quick(run.resolve("sngan"), "--loss", "hinge", "--learning-rate", "2e-4", "--adam-beta1", "0.5",
        "--epochs", "3", "--eval-every", "0", "--resume"));
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("networks.spectral_norm is true there, false here (--spectral-norm)")
        && refused.err().contains("Resume with the options it was trained with"), refused.err());
  }

  @Test
  void aDivergingRunStopsNamingTheStepAndSavesNothing() throws IOException {
    Path out = run.resolve("diverged");
    Runs.Run diverged = train(quick(out, "--learning-rate", "1e30", "--epochs", "2", "--eval-every", "0"));
    assertEquals(1, diverged.exitCode(), diverged.out());
    assertTrue(diverged.err().contains("error: training diverged at epoch 1, step "), diverged.err());
    assertTrue(diverged.err().contains("lower --learning-rate"), diverged.err());
    try (Stream<Path> files = Files.list(out.resolve("training_checkpoints"))) {
      assertEquals(List.of(), files.toList(), "no checkpoint of the diverged weights");
    } catch (java.nio.file.NoSuchFileException e) {
      // not even the folder: fine
    }
    assertFalse(Files.exists(out.resolve("saved_models/generator")), "no SavedModel of the diverged weights");
  }
}
