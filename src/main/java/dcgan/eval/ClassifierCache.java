package dcgan.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dcgan.data.Images;
import dcgan.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.tensorflow.TensorFlow;

/**
 * Where reference classifiers are kept once trained, so that every evaluation of every model uses
 * the same network: one SavedModel folder per training recipe and data, named by a hash of both
 * (the images' and labels' fingerprints of the training and test splits, the seed, the epochs, ...),
 * with {@code classifier.json} inside it recording how it was made and its test accuracy.
 *
 * <p>The default folder is {@code $DCGAN_CACHE/classifiers}, else {@code
 * $XDG_CACHE_HOME/dcgan-tensorflow-java/classifiers}, else {@code
 * ~/.cache/dcgan-tensorflow-java/classifiers}. A classifier is trained into a temporary folder and
 * renamed into place when complete.
 */
public final class ClassifierCache {

  /** The file inside each cached classifier that describes it. */
  public static final String INFO = "classifier.json";
  /** Changes whenever the architecture or the training code changes what a recipe produces. */
  static final String RECIPE_VERSION = "classifier-v1";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private final Path folder;
  private final Consumer<String> log;

  /**
   * @param folder the cache folder
   * @param log receives progress lines
   */
  public ClassifierCache(Path folder, Consumer<String> log) {
    this.folder = folder;
    this.log = log;
  }

  /** The default cache folder (see the class comment). */
  public static Path defaultFolder() {
    String own = System.getenv("DCGAN_CACHE");
    if (own != null && !own.isBlank()) {
      return Path.of(own, "classifiers");
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("dcgan-tensorflow-java").resolve("classifiers");
  }

  /** The cache folder. */
  public Path folder() {
    return folder;
  }

  /**
   * The classifier for these splits and settings: the cached one, or one trained now and cached.
   *
   * @return its SavedModel folder
   */
  public Path obtain(Images train, Images test, ClassifierTrainer.Settings settings) {
    Path target = folder.resolve(key(train, test, settings));
    if (Files.isRegularFile(target.resolve(INFO)) && Files.isRegularFile(target.resolve("saved_model.pb"))) {
      return target;
    }
    log.accept(String.format(Locale.ROOT, "Training the reference classifier on %,d images (%d epochs; once, then cached in %s)",
        train.count(), settings.epochs(), target));
    try {
      AtomicFiles.write(target, tmp -> {
        ClassifierTrainer.Trained trained = ClassifierTrainer.train(train, test, settings, tmp, log);
        Files.writeString(tmp.resolve(INFO), describe(train, test, settings, trained), StandardCharsets.UTF_8);
        log.accept(String.format(Locale.ROOT, "Reference classifier: test accuracy %.2f%% on %,d images, trained in %.0f s",
            100 * trained.testAccuracy(), test.count(), trained.seconds()));
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reference classifier to " + target
          + " (set DCGAN_CACHE to a writable folder, or pass --classifier-cache DIR)", e);
    }
    return target;
  }

  /** The folder name of a recipe and its data, e.g. {@code classifier-3fa2c1d0e9b87a65}. */
  static String key(Images train, Images test, ClassifierTrainer.Settings settings) {
    String recipe = String.join("\n", RECIPE_VERSION, settings.recipe(), train.fingerprint(), labelsCrc(train),
        test.fingerprint(), labelsCrc(test));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(recipe.getBytes(StandardCharsets.UTF_8));
      return "classifier-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String labelsCrc(Images images) {
    CRC32 crc = new CRC32();
    crc.update(images.labels());
    return String.format("labels:crc32=%08x", crc.getValue());
  }

  private static String describe(Images train, Images test, ClassifierTrainer.Settings settings, ClassifierTrainer.Trained trained) {
    JsonObject info = new JsonObject();
    info.addProperty("recipe", RECIPE_VERSION);
    info.addProperty("test_accuracy", trained.testAccuracy());
    info.addProperty("train_seconds", trained.seconds());
    info.addProperty("steps", trained.steps());
    info.addProperty("epochs", settings.epochs());
    info.addProperty("batch_size", settings.batchSize());
    info.addProperty("learning_rate", settings.learningRate());
    info.addProperty("seed", settings.seed());
    info.addProperty("threads", settings.threads());
    info.addProperty("train_data", train.source() + " " + train.fingerprint());
    info.addProperty("test_data", test.source() + " " + test.fingerprint());
    info.addProperty("tensorflow", TensorFlow.version());
    return GSON.toJson(info) + "\n";
  }
}
