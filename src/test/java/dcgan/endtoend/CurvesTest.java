package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Curves}: runs' metrics.csv on one chart, by epoch or by training time, and its refusals. */
class CurvesTest {

  @TempDir
  Path tmp;

  private Path csv(String name, String... rows) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, "epoch,step,frechet_distance,classifier_score,precision,recall,classes_drawn\n" + String.join("\n", rows)
        + "\n");
    return file;
  }

  @Test
  void drawsEveryRunAgainstTrainingTime() throws IOException {
    Path tutorial = csv("tutorial.csv", "5,1175,332.5,3.24,0.321,0.010,10", "1,235,602.7,1.07,1,0,4", "15,3525,296.8,3.02,0.62,0.02,10");
    Path sngan = csv("sngan.csv", "1,235,200,5,0.5,0.3,10", "2,470,90,7,0.6,0.5,10");
    Path png = tmp.resolve("fd.png");
    Runs.Run run = Runs.curves("--run", "tutorial=" + tutorial + "@282", "--run", "sngan=" + sngan + "@276",
        "--out", png.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("tutorial: frechet_distance 296.8 at epoch 15 (1.18 h)"), "rows sorted by epoch: " + run.out());
    assertTrue(run.out().contains("sngan: frechet_distance 90.00 at epoch 2 (0.15 h)"), run.out());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(900, image.getWidth());
    assertEquals(560, image.getHeight());
  }

  @Test
  void tablesTheEpochsAskedForAndWhenEachRunReachesTheTarget() throws IOException {
    Path tutorial = csv("tutorial.csv", "5,1175,332.5,3.24,0.321,0.010,10", "1,235,602.7,1.07,1,0,4", "15,3525,296.8,3.02,0.62,0.02,10");
    Path dcgan = csv("dcgan.csv", "1,235,425.2,2.13,0.927,0,10", "2,470,296.2,3.42,0.748,0.02,10", "5,1175,80.5,7.5,0.7,0.4,10");
    Runs.Run run = Runs.curves("--run", "tutorial=" + tutorial + "@300", "--run", "dcgan=" + dcgan + "@300",
        "--table", "1,5,15", "--target", "300", "--out", tmp.resolve("fd.png").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("tutorial: frechet_distance <= 300.0 first at epoch 15 (1.25 h)"), run.out());
    assertTrue(run.out().contains("dcgan: frechet_distance <= 300.0 first at epoch 2 (0.17 h)"), run.out());
    assertTrue(run.out().contains("| run | epoch | hours | FD | KID | classifier score | precision | recall | classes drawn |\n"), run.out());
    assertTrue(run.out().contains("| tutorial | 1 | 0.08 | 602.7 | – | 1.07 | 1.000 | 0.000 | 4 |\n"
        + "| tutorial | 5 | 0.42 | 332.5 | – | 3.24 | 0.321 | 0.010 | 10 |\n| tutorial | 15 | 1.25 | 296.8 | – | 3.02 | 0.620 | 0.020 | 10 |\n"
        + "| dcgan | 1 | 0.08 | 425.2 | – | 2.13 | 0.927 | 0.000 | 10 |\n| dcgan | 5 | 0.42 | 80.5 | – | 7.50 | 0.700 | 0.400 | 10 |\n"),
        "epochs a run did not evaluate are left out, KID shows a dash in files without it: " + run.out());
    Path withKid = tmp.resolve("kid.csv");
    Files.writeString(withKid, "epoch,step,frechet_distance,kid,kid_std,classifier_score,precision,recall,classes_drawn\n"
        + "1,1875,148.869,14.1070,0.467379,5.56704,0.596500,0.315800,10.0000\n");
    Runs.Run kid = Runs.curves("--run", "b32=" + withKid, "--table", "1", "--out", tmp.resolve("kid.png").toString());
    assertTrue(kid.out().contains("| b32 | 1 |  | 148.9 | 14.11 | 5.57 | 0.597 | 0.316 | 10 |\n"), kid.out());
    Runs.Run never = Runs.curves("--run", "dcgan=" + dcgan, "--target", "10", "--out", tmp.resolve("b.png").toString());
    assertTrue(never.out().contains("dcgan: frechet_distance never <= 10.00 in its 5 epochs"), never.out());
  }

  @Test
  void badRunsAreRefusedAndNothingIsWritten() throws IOException {
    Path good = csv("good.csv", "1,235,602.7,1.07,1,0,4");
    Path png = tmp.resolve("x.png");
    assertFails("give the seconds per epoch (LABEL=FILE@SECONDS) for every --run or for none",
        "--run", "a=" + good + "@282", "--run", "b=" + good, "--out", png.toString());
    assertFails("has no label_agreement column", "--run", "a=" + good, "--metric", "label_agreement", "--out", png.toString());
    assertFails("write LABEL=FILE or LABEL=FILE@SECONDS_PER_EPOCH", "--run", good.toString(), "--out", png.toString());
    assertFails("the seconds per epoch after '@' must be a number", "--run", "a=" + good + "@soon", "--out", png.toString());
    assertFails("cannot read " + tmp.resolve("missing.csv"), "--run", "a=" + tmp.resolve("missing.csv"), "--out", png.toString());
    Path broken = csv("broken.csv", "1,235,oops,1,1,0,4");
    assertFails("line 2 of " + broken + " is not a row of numbers", "--run", "a=" + broken, "--out", png.toString());
    assertFalse(Files.exists(png), "no chart from bad input");
  }

  /** A bad --run is a usage error (exit 2); a file that does not read, a data error (exit 1). */
  private static void assertFails(String message, String... args) {
    Runs.Run run = Runs.curves(args);
    boolean usage = message.startsWith("give the seconds") || message.startsWith("write LABEL") || message.startsWith("the seconds");
    assertEquals(usage ? 2 : 1, run.exitCode(), run.out());
    assertTrue(run.err().contains(message), run.err());
  }
}
