package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dcgan.Fixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Train --eval-every}, {@code Evaluate} and {@code Compare} end to end on the committed
 * digits: the scores written during training are those Evaluate gives for the exported model,
 * saved images score as the model that drew them, and every bad input is one clear error.
 */
class EvaluateTest {

  @TempDir
  static Path run;

  static Path cache;

  @BeforeAll
  static void train() {
    cache = run.resolve("classifiers");
    Runs.Run training = Runs.train("--data", Fixtures.mnistNpz().toString(), "--limit", "64", "--batch-size", "32",
        "--epochs", "2", "--eval-every", "1", "--eval-samples", "200", "--classifier-cache", cache.toString(),
        "--output-dir", run.resolve("out").toString());
    assertEquals(0, training.exitCode(), training.err());
    assertTrue(training.out().contains("Training the reference classifier on 256 images"), training.out());
    assertTrue(training.out().contains("  quality: frechet_distance "), training.out());
  }

  private static Path generator() {
    return run.resolve("out/saved_models/generator");
  }

  private static List<String> scoring(String... extra) {
    List<String> args = new ArrayList<>(List.of("--data", Fixtures.mnistNpz().toString(), "--classifier-cache", cache.toString()));
    args.addAll(List.of(extra));
    return args;
  }

  private static Runs.Run evaluate(String... extra) {
    return Runs.evaluate(scoring(extra).toArray(String[]::new));
  }

  @Test
  void evaluateGivesTheScoresThatTrainingWroteForTheSameModel(@TempDir Path tmp) throws IOException {
    List<String> csv = Files.readAllLines(run.resolve("out/metrics.csv"));
    assertEquals(3, csv.size(), "a header and a row per evaluated epoch: " + csv);
    assertTrue(csv.get(0).startsWith("epoch,step,frechet_distance,kid,kid_std,classifier_score,precision,recall,classes_drawn,class_0,"),
        csv.get(0));
    String[] last = csv.get(2).split(",");
    Runs.Run scored = evaluate("--model", generator().toString(), "--count", "200", "--json", tmp.resolve("q.json").toString());
    assertEquals(0, scored.exitCode(), scored.err());
    assertTrue(scored.out().contains("real data (ceiling)"), scored.out());
    assertFalse(scored.out().contains("Training the reference classifier"), "the cached classifier is reused: " + scored.out());
    JsonObject json = JsonParser.parseString(Files.readString(tmp.resolve("q.json"))).getAsJsonObject();
    JsonObject model = json.getAsJsonArray("results").get(0).getAsJsonObject();
    assertEquals(generator().toString(), model.get("name").getAsString());
    assertEquals(200, model.get("images").getAsInt());
    for (int i = 2; i <= 7; i++) {
      String name = csv.get(0).split(",")[i];
      assertEquals(Double.parseDouble(last[i]), model.get(name).getAsDouble(), 1e-5 * Math.max(1, Math.abs(Double.parseDouble(last[i]))),
          name);
    }
    Runs.Run fromCheckpoint = evaluate("--checkpoint", run.resolve("out/training_checkpoints/ckpt-1").toString(), "--count", "200",
        "--json", tmp.resolve("c.json").toString());
    assertEquals(0, fromCheckpoint.exitCode(), fromCheckpoint.err());
    JsonObject checkpoint = JsonParser.parseString(Files.readString(tmp.resolve("c.json"))).getAsJsonObject().getAsJsonArray("results")
        .get(0).getAsJsonObject();
    assertEquals(model.get("frechet_distance"), checkpoint.get("frechet_distance"), "the checkpoint of the epoch the model was exported at");
    assertEquals(model.get("class_counts"), checkpoint.get("class_counts"));
    JsonObject ceiling = json.getAsJsonArray("results").get(1).getAsJsonObject();
    assertEquals("real data (ceiling)", ceiling.get("name").getAsString());
    assertTrue(ceiling.get("frechet_distance").getAsDouble() < model.get("frechet_distance").getAsDouble(),
        "real digits are closer to the test digits than two epochs of training");
    assertEquals(320, json.getAsJsonObject("classifier").get("test_images").getAsInt());
  }

  @Test
  void savedImagesScoreAsTheModelThatDrewThem(@TempDir Path tmp) throws IOException {
    Path images = tmp.resolve("images.npy");
    Runs.Run generated = Runs.generate("--model", generator().toString(), "--count", "196", "--seed", "0",
        "--out", tmp.resolve("grid.png").toString(), "--save-images", images.toString(), "--save-noise", tmp.resolve("g.npy").toString());
    assertEquals(0, generated.exitCode(), generated.err());
    Runs.Run noise = Runs.evaluate("--save-noise", tmp.resolve("e.npy").toString(), "--count", "196");
    assertEquals(0, noise.exitCode(), noise.err());
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("g.npy")), Files.readAllBytes(tmp.resolve("e.npy"))),
        "Evaluate's noise is what Generate --seed 0 drew: a Python generator can be fed the same vectors");
    Runs.Run fromFile = evaluate("--samples", images.toString(), "--json", tmp.resolve("file.json").toString());
    Runs.Run fromModel = evaluate("--model", generator().toString(), "--count", "196", "--json", tmp.resolve("model.json").toString());
    assertEquals(0, fromFile.exitCode(), fromFile.err());
    assertEquals(0, fromModel.exitCode(), fromModel.err());
    assertTrue(fromFile.out().contains("holds 196 images, fewer than the 10,000 scored for the others and the ceiling"),
        "fewer samples than the real set are warned about: " + fromFile.out());
    assertFalse(fromModel.out().contains("fewer than"), fromModel.out());
    JsonObject a = JsonParser.parseString(Files.readString(tmp.resolve("file.json"))).getAsJsonObject().getAsJsonArray("results").get(0)
        .getAsJsonObject();
    JsonObject b = JsonParser.parseString(Files.readString(tmp.resolve("model.json"))).getAsJsonObject().getAsJsonArray("results").get(0)
        .getAsJsonObject();
    for (String name : List.of("frechet_distance", "classifier_score", "precision", "recall")) {
      assertEquals(b.get(name).getAsDouble(), a.get(name).getAsDouble(), 1e-6, name);
    }
    assertEquals(b.get("class_counts"), a.get("class_counts"));
  }

  @Test
  void compareDrawsEachModelAndTheRealDigitsSideBySide(@TempDir Path tmp) throws IOException {
    Path untrained = dcgan.ModelFixtures.untrainedGenerator(tmp.resolve("untrained"));
    Path png = tmp.resolve("compare.png");
    Runs.Run compared = Runs.compare(scoring("--model", generator().toString(), "--model", untrained.toString(), "--count", "200",
        "--out", png.toString(), "--json", tmp.resolve("c.json").toString()).toArray(String[]::new));
    assertEquals(0, compared.exitCode(), compared.err());
    BufferedImage figure = ImageIO.read(png.toFile());
    assertEquals(3 * 288, figure.getWidth(), "two models and the real digits");
    assertTrue(figure.getHeight() > 288);
    assertEquals(3, JsonParser.parseString(Files.readString(tmp.resolve("c.json"))).getAsJsonObject().getAsJsonArray("results").size());
    assertTrue(compared.out().contains(untrained.toString()), compared.out());
  }

  @Test
  void everyBadInputIsOneClearErrorAndWritesNothing(@TempDir Path tmp) throws IOException {
    Path json = tmp.resolve("q.json");
    assertFails(evaluate("--model", tmp.resolve("none").toString(), "--json", json.toString()), "none does not exist: pass --model");
    assertFails(evaluate("--model", run.resolve("out/saved_models/discriminator").toString(), "--json", json.toString()),
        "a generator maps one float32");
    assertFails(evaluate("--model", generator().toString(), "--classifier", generator().toString(), "--json", json.toString()),
        "a classifier maps one float32 image input ([-1, 28, 28, 1], or [-1, S, S, 1 or 3]) to 'logits'");
    assertFails(evaluate("--checkpoint", run.resolve("out/training_checkpoints/ckpt-9").toString(), "--json", json.toString()),
        "ckpt-9.index does not exist: pass --checkpoint a checkpoint's prefix");
    Path wrong = Files.write(tmp.resolve("wrong.npy"), dcgan.data.Npy.writeFloats(new float[300 * 784], 300, 28, 28));
    assertFails(evaluate("--samples", wrong.toString(), "--json", json.toString()), "float32 ('<f4') [n, 28, 28, 1]");
    assertFails(evaluate("--model", generator().toString(), "--count", "100", "--json", json.toString()),
        "more images than the classifier's 128 features");
    assertFails(Runs.evaluate("--model", generator().toString(), "--data", Fixtures.mnistFolder().resolve("train-images-idx3-ubyte.gz").toString(),
        "--classifier-cache", cache.toString(), "--json", json.toString()), "holds no labels");
    assertFalse(Files.exists(json), "nothing written");
    assertEquals(2, evaluate().exitCode(), "--model or --samples is required");
    assertEquals(2, evaluate("--model", "a", "--samples", "b").exitCode(), "not both");
    Runs.Run nothing = Runs.compare("--out", tmp.resolve("c.png").toString());
    assertEquals(2, nothing.exitCode(), "a usage error: " + nothing.err());
    assertTrue(nothing.err().contains("nothing to compare"), nothing.err());
    assertFalse(Files.exists(tmp.resolve("c.png")));
  }

  @Test
  void evaluatingDuringTrainingChangesNothingItTrains(@TempDir Path tmp) throws IOException {
    Runs.Run without = Runs.train("--data", Fixtures.mnistNpz().toString(), "--limit", "64", "--batch-size", "32",
        "--epochs", "2", "--eval-every", "0", "--output-dir", tmp.toString());
    assertEquals(0, without.exitCode(), without.err());
    Path with = run.resolve("out"); // the same run with --eval-every 1, trained in train()
    for (String file : List.of("losses.csv", "images/image_at_epoch_0002.png", "saved_models/generator/variables/variables.data-00000-of-00001",
        "training_checkpoints/ckpt-1.data-00000-of-00001")) {
      assertTrue(java.util.Arrays.equals(Files.readAllBytes(with.resolve(file)), Files.readAllBytes(tmp.resolve(file))), file);
    }
  }

  @Test
  void anExplicitEvaluationNeedsATestSplitWhileTheDefaultOnlyNotes(@TempDir Path tmp) throws IOException {
    Path trainOnly = Files.createDirectories(tmp.resolve("idx"));
    Files.copy(Fixtures.mnistFolder().resolve("train-images-idx3-ubyte.gz"), trainOnly.resolve("train-images-idx3-ubyte.gz"));
    List<String> common = List.of("--data", trainOnly.toString(), "--limit", "32", "--batch-size", "32", "--epochs", "1",
        "--classifier-cache", cache.toString(), "--no-tensorboard", "--no-plots");
    List<String> explicit = new ArrayList<>(common);
    explicit.addAll(List.of("--eval-every", "1", "--output-dir", tmp.resolve("a").toString()));
    assertFails(Runs.train(explicit.toArray(String[]::new)), "holds neither train-labels-idx1-ubyte.gz");
    List<String> byDefault = new ArrayList<>(common);
    byDefault.addAll(List.of("--output-dir", tmp.resolve("b").toString()));
    Runs.Run quiet = Runs.train(byDefault.toArray(String[]::new));
    assertEquals(0, quiet.exitCode(), quiet.err());
    assertTrue(quiet.out().contains("note: no evaluation during training"), quiet.out());
    assertFalse(Files.exists(tmp.resolve("b/metrics.csv")));
  }

  private static void assertFails(Runs.Run run, String expected) {
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().startsWith("error: ") && run.err().contains(expected), "says '" + expected + "': " + run.err());
    assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
  }
}
