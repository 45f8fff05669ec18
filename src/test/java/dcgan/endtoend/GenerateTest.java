package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import dcgan.data.Npy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code Train --epochs 2 --checkpoint-every 1}: the tutorial's checkpoint keys, both
 * SavedModels, {@code Generate} on them, and Generate's errors.
 */
class GenerateTest {

  @TempDir
  static Path run;

  @BeforeAll
  static void train() {
    Runs.Run training = Runs.train("--data", Fixtures.mnistNpz().toString(), "--limit", "64", "--batch-size", "32",
        "--epochs", "2", "--checkpoint-every", "1", "--eval-every", "0", "--output-dir", run.toString());
    assertEquals(0, training.exitCode(), training.err());
  }

  private Path generator() {
    return run.resolve("saved_models/generator");
  }

  @Test
  void trainingLeftCheckpointsWithTheTutorialsKeysAndBothModels() throws IOException {
    Path folder = run.resolve("training_checkpoints");
    assertEquals("model_checkpoint_path: \"ckpt-2\"\nall_model_checkpoint_paths: \"ckpt-1\"\nall_model_checkpoint_paths: \"ckpt-2\"\n",
        Files.readString(folder.resolve("checkpoint")));
    Map<String, String> keys = dcgan.CheckpointFiles.keys(folder.resolve("ckpt-2"));
    dcgan.CheckpointFiles.reference(Fixtures.resource("python-tutorial/ckpt-3.keys.txt"))
        .forEach((key, type) -> assertEquals(type, keys.get(key), key));
    assertTrue(Files.isRegularFile(generator().resolve("saved_model.pb")));
    assertTrue(Files.isRegularFile(run.resolve("saved_models/discriminator/variables/variables.index")));
  }

  @Test
  void drawsAGridAndReusesSavedNoiseExactly(@TempDir Path out) throws IOException {
    Runs.Run first = Runs.generate("--model", generator().toString(), "--count", "16", "--seed", "7",
        "--out", out.resolve("digits.png").toString(), "--save-noise", out.resolve("noise.npy").toString(),
        "--save-images", out.resolve("images.npy").toString());
    assertEquals(0, first.exitCode(), first.err());
    BufferedImage grid = ImageIO.read(out.resolve("digits.png").toFile());
    assertEquals(288, grid.getWidth());
    Npy.Array noise = read(out.resolve("noise.npy"));
    assertArrayEquals(new long[] {16, 100}, noise.shape());

    Runs.Run again = Runs.generate("--model", generator().toString(), "--noise", out.resolve("noise.npy").toString(),
        "--out", out.resolve("again.png").toString(), "--save-images", out.resolve("again.npy").toString());
    assertEquals(0, again.exitCode(), again.err());
    assertArrayEquals(read(out.resolve("images.npy")).floats(), read(out.resolve("again.npy")).floats());
    assertArrayEquals(Files.readAllBytes(out.resolve("digits.png")), Files.readAllBytes(out.resolve("again.png")));

    Runs.Run otherSeed = Runs.generate("--model", generator().toString(), "--seed", "8", "--out", out.resolve("other.png").toString());
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(out.resolve("digits.png")), Files.readAllBytes(out.resolve("other.png"))));
  }

  @Test
  void truncationDrawsFromNoiseInsidePlusOrMinusPsi(@TempDir Path out) throws IOException {
    Runs.Run truncated = Runs.generate("--model", generator().toString(), "--count", "16", "--seed", "7", "--truncation", "0.7",
        "--out", out.resolve("truncated.png").toString(), "--save-noise", out.resolve("noise.npy").toString());
    assertEquals(0, truncated.exitCode(), truncated.err());
    float[] noise = read(out.resolve("noise.npy")).floats();
    assertArrayEquals(dcgan.eval.FixedNoise.truncated(16, 100, 7, 0.7), noise, "the seed's noise, values beyond 0.7 drawn again");
    for (float v : noise) {
      assertTrue(Math.abs(v) <= 0.7f, "inside +-0.7: " + v);
    }
  }

  @Test
  void theKerasFileBesideTheSavedModelDrawsTheSameDigits(@TempDir Path out) throws IOException {
    Path keras = run.resolve("saved_models/generator.keras");
    assertTrue(Files.isRegularFile(keras), "written at every checkpoint");
    Runs.Run saved = Runs.generate("--model", generator().toString(), "--seed", "9", "--out", out.resolve("a.png").toString(),
        "--save-images", out.resolve("a.npy").toString());
    Runs.Run fromKeras = Runs.generate("--model", keras.toString(), "--seed", "9", "--out", out.resolve("b.png").toString(),
        "--save-images", out.resolve("b.npy").toString());
    assertEquals(0, fromKeras.exitCode(), fromKeras.err());
    assertEquals("", fromKeras.err(), "nothing on stderr (no logging library warnings)");
    assertArrayEquals(read(out.resolve("a.npy")).floats(), read(out.resolve("b.npy")).floats());
    assertArrayEquals(Files.readAllBytes(out.resolve("a.png")), Files.readAllBytes(out.resolve("b.png")));

    Files.writeString(out.resolve("not-a-zip.keras"), "hello");
    Runs.Run bad = Runs.generate("--model", out.resolve("not-a-zip.keras").toString(), "--out", out.resolve("c.png").toString());
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().startsWith("error: ") && bad.err().contains("not-a-zip.keras") && bad.err().lines().count() == 1, bad.err());
    assertFalse(Files.exists(out.resolve("c.png")));
  }

  @Test
  void wrongModelsGetOneClearError(@TempDir Path tmp) throws IOException {
    assertError(tmp.resolve("nothing"), "does not exist or is not a folder");
    assertError(Files.createDirectories(tmp.resolve("empty")), "is not a SavedModel: it has no saved_model.pb");
    assertError(run.resolve("saved_models/discriminator"), "a generator maps one float32 [-1, noise_dim] input");
    Path broken = tmp.resolve("broken");
    Files.createDirectories(broken);
    Files.copy(generator().resolve("saved_model.pb"), broken.resolve("saved_model.pb"));
    assertError(broken, "variables/variables.index is missing");
    Path garbage = Files.createDirectories(tmp.resolve("garbage"));
    Files.writeString(garbage.resolve("saved_model.pb"), "not a protobuf at all \u0000\u0001");
    assertError(garbage, "saved_model.pb");
  }

  @Test
  void badCountsAndNoiseFilesAreRejected(@TempDir Path tmp) throws IOException {
    Runs.Run notSquare = Runs.generate("--model", generator().toString(), "--count", "10", "--out", tmp.resolve("x.png").toString());
    assertEquals(2, notSquare.exitCode(), "a usage error");
    assertTrue(notSquare.err().contains("square"), notSquare.err());
    Files.write(tmp.resolve("bad.npy"), Npy.writeFloats(new float[16 * 50], 16, 50));
    Runs.Run wrongNoise = Runs.generate("--model", generator().toString(), "--noise", tmp.resolve("bad.npy").toString(),
        "--out", tmp.resolve("y.png").toString());
    assertEquals(1, wrongNoise.exitCode());
    assertTrue(wrongNoise.err().contains("[16, 50]") && wrongNoise.err().contains("100"), wrongNoise.err());
    assertFalse(Files.exists(tmp.resolve("x.png")) || Files.exists(tmp.resolve("y.png")), "no output on error");
  }

  /**
   * Python, without Python TensorFlow: the C library inside TensorFlow Java's native jar loads
   * the SavedModel and runs serving_default on the noise Java used; the pixels must match.
   */
  @Test
  void pythonRunsTheSavedModelThroughTensorFlowsCLibrary(@TempDir Path out) throws Exception {
    Assumptions.assumeTrue(succeeds("python3", "-c", "import numpy"),
        "python3 with numpy is not available here: the C-library check is skipped, not passed");
    Path library = findLibrary(org.bytedeco.javacpp.Loader.getCacheDir().toPath());
    Runs.Run javaRun = Runs.generate("--model", generator().toString(), "--seed", "11", "--out", out.resolve("java.png").toString(),
        "--save-noise", out.resolve("noise.npy").toString(), "--save-images", out.resolve("java.npy").toString());
    assertEquals(0, javaRun.exitCode(), javaRun.err());
    Process python = new ProcessBuilder("python3", Path.of("python/check_savedmodel_c_api.py").toAbsolutePath().toString(),
        "--model", generator().toString(), "--noise", out.resolve("noise.npy").toString(),
        "--expected", out.resolve("java.npy").toString(), "--libtensorflow", library.toString())
        .redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, python.waitFor(), output);
    assertTrue(output.contains("max abs diff vs Java"), output);
  }

  static boolean succeeds(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Path findLibrary(Path cache) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(cache)) {
      return files.filter(p -> p.getFileName().toString().equals("libtensorflow_cc.so.2")).findFirst()
          .orElseThrow(() -> new AssertionError("libtensorflow_cc.so.2 not found under " + cache));
    }
  }

  private void assertError(Path model, String message) {
    Runs.Run result = Runs.generate("--model", model.toString(), "--out", model.resolveSibling("out.png").toString());
    assertEquals(1, result.exitCode(), result.out());
    assertTrue(result.err().startsWith("error: ") && result.err().contains(message), result.err());
    assertEquals(1, result.err().strip().lines().count(), "one line: " + result.err());
    assertTrue(result.err().contains(model.toString()), "names the folder: " + result.err());
  }

  private static Npy.Array read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Npy.read(in, file.toString());
    }
  }
}
