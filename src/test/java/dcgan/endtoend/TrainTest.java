package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code Train} entry point, end to end, on real digits: a few steps that write real
 * grids, bitwise reproducibility, and the errors a user can run into.
 */
class TrainTest {

  @TempDir
  Path tmp;

  private static Runs.Run train(String... args) {
    return Runs.train(args);
  }

  private String[] quickRun(Path output, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--data", Fixtures.mnistNpz().toString(), "--limit", "96",
        "--batch-size", "32", "--epochs", "2", "--threads", "2", "--eval-every", "0", "--output-dir", output.toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void trainsOnRealDigitsAndWritesAGridPerEpoch() throws IOException {
    Runs.Run run = train(quickRun(tmp));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Time for epoch 1 is "), run.out());
    assertTrue(run.out().contains("Time for epoch 2 is "), run.out());
    assertTrue(run.out().contains("Total params: 2,330,944"), "Keras-style summary at start");
    assertTrue(run.out().contains("epochs=2 batch_size=32"), "config printed at start");
    for (int epoch = 1; epoch <= 2; epoch++) {
      BufferedImage grid = ImageIO.read(tmp.resolve("images").resolve(String.format("image_at_epoch_%04d.png", epoch)).toFile());
      assertEquals(288, grid.getWidth());
      assertEquals(288, grid.getHeight());
      assertTrue(distinctGreys(grid) > 50, "a real picture, not a blank one");
    }
    try (Stream<Path> files = Files.list(tmp.resolve("images"))) {
      assertEquals(List.of("image_at_epoch_0001.png", "image_at_epoch_0002.png", "losses.png"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "grids and the plot, no temporary files");
    }
    assertEquals(1 + 2 * 3, Files.readAllLines(tmp.resolve("losses.csv")).size(), "a header and a row per step");
    assertTrue(Files.size(tmp.resolve("dcgan.gif")) > 1000);
    try (Stream<Path> files = Files.list(tmp.resolve("logs"))) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents.")));
    }
    assertFalse(run.out().contains("\r"), "no progress bar when the output is not a terminal");
  }

  @Test
  void monitoringCanBeSwitchedOff() {
    Runs.Run run = train(quickRun(tmp, "--no-plots", "--no-tensorboard"));
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(Files.exists(tmp.resolve("losses.csv")) || Files.exists(tmp.resolve("dcgan.gif")) || Files.exists(tmp.resolve("logs")));
  }

  @Test
  void showWithoutADisplaySaysSoAndCarriesOn() {
    org.junit.jupiter.api.Assumptions.assumeFalse(dcgan.monitoring.LiveWindow.displayAvailable(), "a display is available here");
    Runs.Run run = train(quickRun(tmp, "--show"));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("no display"), run.out());
    assertTrue(run.out().contains("Time for epoch 1"), run.out());
  }

  @Test
  void sameSeedAndThreadsGiveIdenticalLossesAndImages() throws IOException {
    Runs.Run first = train(quickRun(tmp.resolve("a")));
    Runs.Run second = train(quickRun(tmp.resolve("b")));
    Runs.Run other = train(quickRun(tmp.resolve("c"), "--seed", "7"));
    assertEquals(losses(first.out()), losses(second.out()));
    assertFalse(losses(first.out()).equals(losses(other.out())));
    for (String name : List.of("image_at_epoch_0001.png", "image_at_epoch_0002.png")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a/images").resolve(name)), Files.readAllBytes(tmp.resolve("b/images").resolve(name)));
    }
  }

  @Test
  void dryRunNeedsNoData() {
    Runs.Run run = train("--dry-run", "--batch-size", "128", "--output-dir", tmp.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("dataset=fake"), run.out());
    assertTrue(Files.exists(tmp.resolve("images/image_at_epoch_0001.png")));
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    Runs.Run run = train("--help");
    assertEquals(0, run.exitCode());
    for (String option : List.of("--epochs", "--batch-size", "--buffer-size", "--data", "--dataset", "--limit",
        "--output-dir", "--seed", "--threads", "--noise-dim", "--learning-rate", "--dry-run")) {
      assertTrue(run.out().contains(option), option + " in " + run.out());
    }
    assertTrue(run.out().contains("Default: 50"), run.out());
    assertTrue(run.out().contains("Default: 256"), run.out());
    assertTrue(run.out().replaceAll("\\s+", " ").contains("--preset=NAME A combination of the options above: dcgan, dcgan-b32, dcgan-b32-ema,"
        + " lsgan, sngan, wgan-gp (see docs/presets.md)"), "every preset named in " + run.out());
  }

  @Test
  void anEarlierRunIsNeverReplacedSilently() throws IOException {
    Path out = tmp.resolve("earlier");
    Runs.Run first = train("--dry-run", "--epochs", "2", "--checkpoint-every", "1", "--output-dir", out.toString());
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(Files.exists(out.resolve("training_checkpoints/ckpt-2.index")));

    Runs.Run refused = train("--dry-run", "--output-dir", out.toString());
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("holds an earlier run (training_checkpoints, saved_models/generator, saved_models/generator.keras"
        + " and ") && refused.err().contains("continue it with --resume, train into another --output-dir, or replace it with"
        + " --overwrite"), refused.err());
    assertTrue(Files.exists(out.resolve("training_checkpoints/ckpt-2.index")), "nothing touched");

    Runs.Run replaced = train("--dry-run", "--overwrite", "--output-dir", out.toString());
    assertEquals(0, replaced.exitCode(), replaced.err());
    assertTrue(replaced.out().contains("Removed the earlier run in "), replaced.out());
    assertFalse(Files.exists(out.resolve("training_checkpoints/ckpt-2.index")), "the earlier run's later checkpoint is gone");
    assertFalse(Files.exists(out.resolve("images/image_at_epoch_0002.png")), "and its later grid, which the GIF would have shown");
    assertTrue(Files.exists(out.resolve("images/image_at_epoch_0001.png")));
    assertEquals(2, Files.readAllLines(out.resolve("training_checkpoints/checkpoint")).size(), "ckpt-1 alone: " 
        + Files.readString(out.resolve("training_checkpoints/checkpoint")));

    Runs.Run continued = train("--dry-run", "--epochs", "2", "--resume", "--output-dir", out.toString());
    assertEquals(0, continued.exitCode(), continued.err());
  }

  @Test
  void badOptionsExitWithUsageErrors() {
    for (String[] args : List.of(new String[] {"--epochs", "0"}, new String[] {"--dataset", "cifar"},
        new String[] {"--batch-size", "many"}, new String[] {"--num-examples", "15"}, new String[] {"--frobnicate"})) {
      Runs.Run run = train(args);
      assertEquals(2, run.exitCode(), String.join(" ", args));
      assertFalse(run.err().isBlank(), String.join(" ", args));
    }
  }

  @Test
  void missingDataFileExitsWithOneClearMessageAndNoOutput() throws IOException {
    Runs.Run run = train("--data", tmp.resolve("missing.npz").toString(), "--output-dir", tmp.resolve("out").toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("error: "), run.err());
    assertTrue(run.err().contains("missing.npz does not exist"), run.err());
    assertEquals(1, run.err().strip().lines().count(), "one message, no stack trace: " + run.err());
    try (Stream<Path> files = Files.list(tmp.resolve("out/images"))) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void unwritableOutputDirIsReportedBeforeTraining() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
    Runs.Run run = train(quickRun(file));
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("not-a-folder is a file, not a folder") && run.err().contains("--output-dir"), run.err());
    assertFalse(run.out().contains("Time for epoch"));
  }

  private static String losses(String out) {
    return out.lines().filter(l -> l.contains("gen_loss")).reduce("", (a, b) -> a + b + "\n");
  }

  private static int distinctGreys(BufferedImage image) {
    java.util.Set<Integer> greys = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        greys.add(image.getRGB(x, y) & 0xFF);
      }
    }
    return greys.size();
  }
}
