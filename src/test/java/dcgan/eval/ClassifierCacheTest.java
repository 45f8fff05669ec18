package dcgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dcgan.Fixtures;
import dcgan.data.Images;
import dcgan.data.MnistReader;
import dcgan.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trained once, then found again: one folder per recipe and data, with its description beside the model. */
class ClassifierCacheTest {

  @TempDir
  Path cache;

  private final Images train = MnistReader.readLabeled(Fixtures.mnistNpz(), Split.TRAIN);
  private final Images test = MnistReader.readLabeled(Fixtures.mnistNpz(), Split.TEST);
  private final ClassifierTrainer.Settings quick = new ClassifierTrainer.Settings(1, 64, 1e-3f, 42, 2);

  @Test
  void theSecondRequestFindsTheFirstsClassifier() throws IOException {
    List<String> log = new ArrayList<>();
    ClassifierCache classifiers = new ClassifierCache(cache, log::add);
    Path first = classifiers.obtain(train, test, quick);
    long trainings = log.stream().filter(l -> l.startsWith("Training the reference classifier")).count();
    Path second = classifiers.obtain(train, test, quick);
    assertEquals(first, second);
    assertEquals(1, trainings);
    assertEquals(trainings, log.stream().filter(l -> l.startsWith("Training the reference classifier")).count(), "not trained again");
    JsonObject info = JsonParser.parseString(Files.readString(first.resolve(ClassifierCache.INFO))).getAsJsonObject();
    double accuracy = info.get("test_accuracy").getAsDouble();
    assertTrue(accuracy > 0 && accuracy <= 1, "test accuracy stored: " + accuracy);
    assertEquals(42, info.get("seed").getAsLong());
    try (Stream<Path> files = Files.list(cache)) {
      assertEquals(List.of(first), files.toList(), "no temporary folders left");
    }
  }

  @Test
  void theKeyFollowsTheSeedTheRecipeAndTheData() {
    String key = ClassifierCache.key(train, test, quick);
    assertNotEquals(key, ClassifierCache.key(train, test, new ClassifierTrainer.Settings(1, 64, 1e-3f, 43, 2)));
    assertNotEquals(key, ClassifierCache.key(train, test, new ClassifierTrainer.Settings(2, 64, 1e-3f, 42, 2)));
    assertNotEquals(key, ClassifierCache.key(train.limit(200), test, quick));
    assertEquals(key, ClassifierCache.key(train, test, new ClassifierTrainer.Settings(1, 64, 1e-3f, 42, 1)),
        "threads do not make another classifier");
    assertTrue(key.matches("classifier-[0-9a-f]{16}"), key);
  }
}
