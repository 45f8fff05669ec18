package dcgan.cli;

import dcgan.data.Dataset;
import dcgan.data.DatasetLoader;
import dcgan.data.Images;
import dcgan.data.Split;
import dcgan.eval.ClassifierCache;
import dcgan.eval.ClassifierTrainer;
import dcgan.eval.Evaluator;
import dcgan.eval.ReferenceClassifier;
import dcgan.training.TrainConfig;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options of every command that scores images ({@code Evaluate}, {@code Compare}, {@code Train
 * --eval-every}): which reference classifier to score with, trained and cached first if needed.
 */
final class ClassifierOptions {

  @Option(names = "--classifier", paramLabel = "DIR",
      description = "A classifier SavedModel (images -> 'logits' and 'features') to score with, instead of the cached reference one.")
  Path classifier;

  @Option(names = "--classifier-cache", paramLabel = "DIR",
      description = "Where reference classifiers are cached (default: $DCGAN_CACHE/classifiers, else ~/.cache/dcgan-tensorflow-java/classifiers).")
  Path classifierCache;

  @Option(names = "--classifier-seed", paramLabel = "N", description = "Seed of the reference classifier's training.")
  long classifierSeed = TrainConfig.SEED;

  /**
   * The labelled splits of {@code dataset} and an evaluator on them, the reference classifier
   * trained and cached first if it is not yet.
   */
  Prepared prepare(Dataset dataset, Path data, int threads, Consumer<String> log) {
    if (DatasetLoader.isImageFolder(dataset, data)) {
      throw new dcgan.data.DataException("a reference classifier is trained on a labelled training and test split"
          + " ((Fashion-)MNIST, CIFAR-10); an image folder has none");
    }
    DatasetLoader loader = DatasetLoader.standard();
    Images train = loader.loadLabeled(dataset, data, Split.TRAIN);
    Images test = loader.loadLabeled(dataset, data, Split.TEST);
    if (classifier == null) { // before the reference classifier is trained
      Evaluator.requireEnoughTestImages(test, dcgan.model.Classifier.FEATURES);
    }
    ClassifierCache cache = new ClassifierCache(classifierCache != null ? classifierCache : ClassifierCache.defaultFolder(), log);
    ClassifierTrainer.Settings settings = ClassifierTrainer.Settings.defaults(classifierSeed, threads);
    Path folder = classifier != null ? classifier : cache.obtain(train, test, settings);
    return new Prepared(train, test, folder, new Evaluator(ReferenceClassifier.load(folder), test, threads));
  }

  /**
   * @param train the labelled training split
   * @param test the labelled test split
   * @param classifier the classifier's folder
   * @param evaluator scores images against {@code test}
   */
  record Prepared(Images train, Images test, Path classifier, Evaluator evaluator) {}
}
