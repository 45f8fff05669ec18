package dcgan.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import dcgan.data.DataException;
import dcgan.data.Images;
import dcgan.data.MnistReader;
import dcgan.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference classifier trained on the committed fixture (256 training and 320 test digits):
 * far better than chance, the same network for the same seed and threads, a SavedModel with the
 * signature the evaluator needs, and the evaluator's numbers on it.
 */
class ClassifierTest {

  /** Enough passes over 256 images to learn them (the real recipe's 3 epochs are over 60,000). */
  static final ClassifierTrainer.Settings FIXTURE = new ClassifierTrainer.Settings(20, 64, 1e-3f, 42, 2);

  @TempDir
  static Path folder;

  static Images train;
  static Images test;
  static ClassifierTrainer.Trained trained;

  @BeforeAll
  static void trainOnce() {
    train = MnistReader.readLabeled(Fixtures.mnistNpz(), Split.TRAIN);
    test = MnistReader.readLabeled(Fixtures.mnistNpz(), Split.TEST);
    trained = ClassifierTrainer.train(train, test, FIXTURE, folder.resolve("classifier"), line -> { });
  }

  @Test
  void onTheFixtureItDoesFarBetterThanChance() {
    assertTrue(trained.testAccuracy() > 0.6, "test accuracy " + trained.testAccuracy() + " against 0.1 for chance");
    assertEquals(20 * 4, trained.steps());
  }

  @Test
  void itsSavedModelHasLogitsAndFeaturesAndAgreesWithTheMeasuredAccuracy() {
    try (ReferenceClassifier classifier = ReferenceClassifier.load(folder.resolve("classifier"))) {
      assertEquals(10, classifier.classes());
      assertEquals(128, classifier.featureDim());
      ReferenceClassifier.Activations a = classifier.run(test);
      int correct = 0;
      for (int i = 0; i < test.count(); i++) {
        correct += Metrics.argMax(a.logits(), i * 10, 10) == test.label(i) ? 1 : 0;
      }
      assertEquals(trained.testAccuracy(), correct / (double) test.count(), 1e-12);
      for (float f : a.features()) {
        assertTrue(f >= 0, "features come after a ReLU");
      }
    }
  }

  @Test
  void sameSeedAndThreadsGiveTheSameNetwork(@TempDir Path tmp) throws IOException {
    ClassifierTrainer.Settings quick = new ClassifierTrainer.Settings(2, 64, 1e-3f, 7, 2);
    List<byte[]> weights = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      ClassifierTrainer.train(train, test, quick, tmp.resolve(name), line -> { });
      weights.add(Files.readAllBytes(tmp.resolve(name).resolve("variables/variables.data-00000-of-00001")));
    }
    assertArrayEquals(weights.get(0), weights.get(1), "bitwise the same weights");
    ClassifierTrainer.train(train, test, new ClassifierTrainer.Settings(2, 64, 1e-3f, 8, 2), tmp.resolve("c"), line -> { });
    assertFalse(java.util.Arrays.equals(weights.get(0),
        Files.readAllBytes(tmp.resolve("c").resolve("variables/variables.data-00000-of-00001"))), "another seed, another network");
  }

  @Test
  void theEvaluatorScoresTheTestImagesAgainstThemselvesAsPerfectAndIsRepeatable() {
    try (Evaluator evaluator = new Evaluator(ReferenceClassifier.load(folder.resolve("classifier")), test, 2)) {
      assertEquals(trained.testAccuracy(), evaluator.testAccuracy(), 1e-12);
      Quality self = evaluator.score(test);
      assertEquals(0, self.frechetDistance(), 1e-6);
      assertEquals(1, self.precision());
      assertEquals(1, self.recall());
      Quality ceiling = evaluator.score(train);
      Quality again = evaluator.score(train);
      assertEquals(ceiling.frechetDistance(), again.frechetDistance(), "the same images, the same numbers");
      assertEquals(ceiling.classifierScore(), again.classifierScore());
      assertEquals(ceiling.precision(), again.precision());
      assertArrayEquals(ceiling.classCounts(), again.classCounts());
      assertTrue(ceiling.frechetDistance() > 0.01, "other digits are not the test images: " + ceiling.frechetDistance());
      assertEquals(256, java.util.Arrays.stream(ceiling.classCounts()).sum());
    }
  }

  @Test
  void tooFewImagesForTheFeaturesAreRefused() {
    try (Evaluator evaluator = new Evaluator(ReferenceClassifier.load(folder.resolve("classifier")), test, 2)) {
      dcgan.files.UserError e = assertThrows(dcgan.files.UserError.class, () -> evaluator.score(new float[128 * 784], 128));
      assertTrue(e.getMessage().contains("more images than the classifier's 128 features"), e.getMessage());
    }
  }

  @Test
  void aSavedModelWithoutTheClassifierSignatureIsOneClearError(@TempDir Path tmp) throws IOException {
    DataException missing = assertThrows(DataException.class, () -> ReferenceClassifier.load(tmp.resolve("none")));
    assertTrue(missing.getMessage().contains("pass --classifier a SavedModel folder"), missing.getMessage());
    Path generator = dcgan.ModelFixtures.untrainedGenerator(tmp.resolve("models"));
    DataException wrong = assertThrows(DataException.class, () -> ReferenceClassifier.load(generator));
    assertTrue(wrong.getMessage().contains("a classifier maps one float32 image input ([-1, 28, 28, 1], or [-1, S, S, 1 or 3]) to 'logits'"), wrong.getMessage());
  }
}
