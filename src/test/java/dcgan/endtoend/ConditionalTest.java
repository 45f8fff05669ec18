package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dcgan.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * {@code Train --conditional} end to end on the committed digits and their labels: the 10 x 10
 * grid, the SavedModels' signatures with labels, {@code Generate --digit}/{@code --digits}, the
 * docs/java-api.md's Java snippet compiled and run, Evaluate's label agreement, and a checkpoint of the other
 * mode refused on resume.
 */
class ConditionalTest {

  @TempDir
  static Path run;

  @BeforeAll
  static void train() {
    Runs.Run training = Runs.train("--conditional", "--data", Fixtures.mnistNpz().toString(), "--limit", "64", "--batch-size", "32",
        "--epochs", "2", "--eval-every", "1", "--eval-samples", "200", "--classifier-cache", run.resolve("classifiers").toString(),
        "--output-dir", run.resolve("out").toString());
    assertEquals(0, training.exitCode(), training.err());
    assertTrue(training.out().contains("conditional=true"), training.out());
    assertTrue(training.out().contains("Total params: 2,456,384"), "the summary counts the label's weights: " + training.out());
  }

  private static Path generator() {
    return run.resolve("out/saved_models/generator");
  }

  @Test
  void everyEpochsGridIsTenByTen() throws IOException {
    assertEquals(720, ImageIO.read(run.resolve("out/images/image_at_epoch_0002.png").toFile()).getWidth());
    List<String> metrics = Files.readAllLines(run.resolve("out/metrics.csv"));
    assertTrue(metrics.get(0).contains(",label_agreement,"), metrics.get(0));
    assertEquals(3, metrics.size());
  }

  @Test
  void theSavedModelsTakeLabels() throws IOException {
    SignatureDef generator = signature(generator());
    assertEquals(DataType.DT_FLOAT, generator.getInputsOrThrow("noise").getDtype());
    assertEquals(List.of(-1L, 100L), dims(generator.getInputsOrThrow("noise")));
    assertEquals(DataType.DT_INT32, generator.getInputsOrThrow("labels").getDtype());
    assertEquals(List.of(-1L), dims(generator.getInputsOrThrow("labels")));
    assertEquals(List.of(-1L, 28L, 28L, 1L), dims(generator.getOutputsOrThrow("images")));
    SignatureDef discriminator = signature(run.resolve("out/saved_models/discriminator"));
    assertEquals(List.of("images", "labels"), discriminator.getInputsMap().keySet().stream().sorted().toList());
    assertEquals(List.of(-1L, 1L), dims(discriminator.getOutputsOrThrow("logits")));
  }

  @Test
  void generateDrawsTheAskedForDigitsAndTellsWhichKindOfModelItIs(@TempDir Path tmp) throws IOException {
    Runs.Run sevens = Runs.generate("--model", generator().toString(), "--digit", "7", "--count", "9", "--out",
        tmp.resolve("sevens.png").toString(), "--save-labels", tmp.resolve("labels.npy").toString());
    assertEquals(0, sevens.exitCode(), sevens.err());
    try (InputStream in = Files.newInputStream(tmp.resolve("labels.npy"))) {
      dcgan.data.Npy.Array labels = dcgan.data.Npy.read(in, "labels.npy");
      assertEquals("<i4", labels.dtype());
      java.nio.IntBuffer values = java.nio.ByteBuffer.wrap(labels.data()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer();
      for (int i = 0; i < 9; i++) {
        assertEquals(7, values.get(i));
      }
    }
    Runs.Run all = Runs.generate("--model", generator().toString(), "--digits", "0123456789", "--out", tmp.resolve("all.png").toString());
    assertEquals(0, all.exitCode(), all.err());
    assertTrue(all.out().contains("Wrote 10 digits"), all.out());
    Runs.Run none = Runs.generate("--model", generator().toString(), "--out", tmp.resolve("none.png").toString());
    assertEquals(1, none.exitCode());
    assertTrue(none.err().contains("is a conditional generator of classes 0 to 9: say which to draw"), none.err());
    Path unconditional = dcgan.ModelFixtures.untrainedGenerator(tmp.resolve("tutorial"));
    Runs.Run asked = Runs.generate("--model", unconditional.toString(), "--digit", "3", "--out", tmp.resolve("x.png").toString());
    assertEquals(1, asked.exitCode());
    assertTrue(asked.err().contains("is an unconditional generator (the tutorial's)"), asked.err());
    assertFalse(Files.exists(tmp.resolve("none.png")) || Files.exists(tmp.resolve("x.png")), "nothing written");
  }

  @Test
  void pythonFeedsTheLabelsThroughTensorFlowsCLibrary(@TempDir Path out) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(GenerateTest.succeeds("python3", "-c", "import numpy"),
        "python3 with numpy is not available here: the C-library check is skipped, not passed");
    Runs.Run javaRun = Runs.generate("--model", generator().toString(), "--digits", "9876543210", "--out", out.resolve("java.png").toString(),
        "--save-noise", out.resolve("noise.npy").toString(), "--save-images", out.resolve("java.npy").toString(),
        "--save-labels", out.resolve("labels.npy").toString());
    assertEquals(0, javaRun.exitCode(), javaRun.err());
    Process python = new ProcessBuilder("python3", Path.of("python/check_savedmodel_c_api.py").toAbsolutePath().toString(),
        "--model", generator().toString(), "--noise", out.resolve("noise.npy").toString(), "--labels", out.resolve("labels.npy").toString(),
        "--expected", out.resolve("java.npy").toString(), "--libtensorflow",
        GenerateTest.findLibrary(org.bytedeco.javacpp.Loader.getCacheDir().toPath()).toString())
        .redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, python.waitFor(), output);
    assertTrue(output.contains("(10, 28, 28, 1), max abs diff vs Java 0"), output);
  }

  @Test
  void theClassificationAccuracyScoreTrainsOnSamplesAndOnAsManyRealImages() {
    Runs.Run scored = Runs.evaluate("--model", generator().toString(), "--count", "200", "--data", Fixtures.mnistNpz().toString(),
        "--classifier-cache", run.resolve("classifiers").toString(), "--cas");
    assertEquals(0, scored.exitCode(), scored.err());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Classification accuracy score: ([0-9.]+)% \\(the reference recipe"
        + " trained on 200 generated images, tested on the real test split\\); the same recipe on 200 real images: ([0-9.]+)%")
        .matcher(scored.out());
    assertTrue(m.find(), scored.out());
    for (int g = 1; g <= 2; g++) {
      double accuracy = Double.parseDouble(m.group(g));
      assertTrue(accuracy >= 0 && accuracy <= 100, m.group());
    }
    assertTrue(Double.parseDouble(m.group(2)) > Double.parseDouble(m.group(1)),
        "real digits teach the classifier more than two epochs' samples: " + m.group());
  }

  @Test
  void evaluateReportsHowWellTheSamplesFollowTheirLabels(@TempDir Path tmp) throws IOException {
    Runs.Run scored = Runs.evaluate("--model", generator().toString(), "--count", "200", "--data", Fixtures.mnistNpz().toString(),
        "--classifier-cache", run.resolve("classifiers").toString(), "--json", tmp.resolve("q.json").toString());
    assertEquals(0, scored.exitCode(), scored.err());
    assertTrue(scored.out().contains("Asked for a digit"), scored.out());
    JsonObject row = JsonParser.parseString(Files.readString(tmp.resolve("q.json"))).getAsJsonObject().getAsJsonArray("results")
        .get(0).getAsJsonObject();
    JsonArray perClass = row.getAsJsonArray("class_agreement");
    assertEquals(10, perClass.size());
    double mean = 0;
    for (int k = 0; k < 10; k++) {
      mean += perClass.get(k).getAsDouble() / 10; // 200 samples: 20 of each label, so the overall share is the mean
    }
    assertEquals(mean, row.get("label_agreement").getAsDouble(), 1e-9);
    List<String> csv = Files.readAllLines(run.resolve("out/metrics.csv"));
    String[] header = csv.get(0).split(",");
    String[] last = csv.get(2).split(",");
    int column = List.of(header).indexOf("label_agreement");
    assertEquals(Double.parseDouble(last[column]), row.get("label_agreement").getAsDouble(), 1e-5, "as Train measured it");
  }

  @Test
  void itsKerasFilesDrawTheSameDigitsInJava(@TempDir Path tmp) throws IOException {
    Path keras = run.resolve("out/saved_models/generator.keras");
    Runs.Run fromKeras = Runs.generate("--model", keras.toString(), "--digits", "9876543210", "--out", tmp.resolve("k.png").toString(),
        "--save-noise", tmp.resolve("noise.npy").toString(), "--save-images", tmp.resolve("k.npy").toString());
    assertEquals(0, fromKeras.exitCode(), fromKeras.err());
    Runs.Run fromSaved = Runs.generate("--model", run.resolve("out/saved_models/generator").toString(), "--digits", "9876543210",
        "--noise", tmp.resolve("noise.npy").toString(), "--out", tmp.resolve("s.png").toString(),
        "--save-images", tmp.resolve("s.npy").toString());
    assertEquals(0, fromSaved.exitCode(), fromSaved.err());
    org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(tmp.resolve("s.npy")), Files.readAllBytes(tmp.resolve("k.npy")),
        "a conditional generator's .keras file (a Functional model of noise and labels) draws bitwise what its SavedModel draws");
    try (dcgan.persistence.SavedGenerator generator = dcgan.persistence.SavedGenerator.load(keras)) {
      assertTrue(generator.conditional());
      assertEquals(10, generator.classes());
    }
  }

  @Test
  void aCheckpointOfTheOtherModeIsRefusedOnResume() {
    Runs.Run resumed = Runs.train("--data", Fixtures.mnistNpz().toString(), "--limit", "64", "--batch-size", "32", "--epochs", "3",
        "--eval-every", "0", "--resume", "--output-dir", run.resolve("out").toString());
    assertEquals(1, resumed.exitCode());
    assertTrue(resumed.err().contains("it is a conditional GAN's checkpoint; resume it with --conditional"), resumed.err());
  }

  @Test
  void theReadmesJavaSnippetCompilesAndDrawsSevens(@TempDir Path tmp) throws Exception {
    Matcher block = Pattern.compile("```java\\n(import dcgan[^`]*?class DrawSevens[^`]*?)```", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("docs", "java-api.md")));
    assertTrue(block.find(), "docs/java-api.md has the DrawSevens snippet");
    Path source = Files.writeString(Files.createDirectories(tmp.resolve("src")).resolve("DrawSevens.java"), block.group(1));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), source.toString()));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass("DrawSevens").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[] {generator().toString(), tmp.resolve("sevens").toString()});
    }
    try (var files = Files.list(tmp.resolve("sevens"))) {
      List<Path> pngs = files.toList();
      assertEquals(8, pngs.size());
      assertEquals(28, ImageIO.read(pngs.get(0).toFile()).getWidth());
    }
  }

  private static SignatureDef signature(Path folder) throws IOException {
    try (InputStream in = Files.newInputStream(folder.resolve("saved_model.pb"))) {
      return SavedModel.parseFrom(in).getMetaGraphs(0).getSignatureDefOrThrow("serving_default");
    }
  }

  private static List<Long> dims(TensorInfo info) {
    return info.getTensorShape().getDimList().stream().map(d -> d.getSize()).toList();
  }
}
