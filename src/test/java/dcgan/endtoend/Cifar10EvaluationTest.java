package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.SyntheticCifar;
import dcgan.data.Cifar10Reader;
import dcgan.data.Npy;
import dcgan.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quality in numbers for colour images: a reference classifier trained on CIFAR-10-format data
 * (made up here, as the real set is not reachable), scoring a 32 x 32 x 3 GAN during training, its
 * SavedModel with Evaluate, and saved colour images; a 28 x 28 generator is refused.
 */
class Cifar10EvaluationTest {

  @TempDir
  static Path tmp;

  @Test
  void aClassifierOnCifar10DataScoresColourGeneratorsAndImages() throws IOException {
    Path data = SyntheticCifar.write(tmp.resolve("cifar"), 80, 300, 5);
    Path cache = tmp.resolve("classifiers");
    Path out = tmp.resolve("run");
    Runs.Run run = Runs.train("--dataset", "cifar10", "--data", data.toString(), "--epochs", "1", "--batch-size", "50",
        "--threads", "2", "--no-tensorboard", "--eval-every", "1", "--eval-samples", "200", "--classifier-cache", cache.toString(),
        "--output-dir", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    Matcher accuracy = Pattern.compile("Reference classifier: test accuracy ([0-9.]+)% on 300 images").matcher(run.out());
    assertTrue(accuracy.find(), run.out());
    assertTrue(Double.parseDouble(accuracy.group(1)) > 50, "far above the 10% of chance: " + accuracy.group(1));
    assertTrue(run.out().contains("quality: frechet_distance"), "scored during training: " + run.out());
    assertEquals(2, Files.readAllLines(out.resolve("metrics.csv")).size(), "a header and epoch 1");

    Runs.Run model = Runs.evaluate("--model", out.resolve("saved_models/generator").toString(), "--dataset", "cifar10",
        "--data", data.toString(), "--count", "200", "--classifier-cache", cache.toString());
    assertEquals(0, model.exitCode(), model.err());
    assertTrue(model.out().contains("real data (ceiling)"), model.out());

    Path real = tmp.resolve("real.npy");
    var test = Cifar10Reader.read(data, Split.TEST);
    Files.write(real, Npy.write("|u1", new long[] {test.count(), 32, 32, 3}, test.pixels()));
    Runs.Run samples = Runs.evaluate("--samples", real.toString(), "--dataset", "cifar10", "--data", data.toString(),
        "--classifier-cache", cache.toString(), "--json", tmp.resolve("q.json").toString());
    assertEquals(0, samples.exitCode(), samples.err());
    String json = Files.readString(tmp.resolve("q.json"));
    Matcher fd = Pattern.compile("\"frechet_distance\":\\s*([0-9.eE-]+)").matcher(json);
    assertTrue(fd.find(), json);
    assertTrue(Double.parseDouble(fd.group(1)) < 1e-3, "the test images against themselves: " + fd.group(1));

    Path digits = dcgan.ModelFixtures.untrainedGenerator(tmp.resolve("mnist-generator"));
    Runs.Run refused = Runs.evaluate("--model", digits.toString(), "--dataset", "cifar10", "--data", data.toString(),
        "--count", "200", "--classifier-cache", cache.toString());
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("the reference classifier scores 32x32x3 images; this generator draws 28x28x1"), refused.err());
  }
}
