package dcgan.benchmark;

import dcgan.data.DatasetLoader;
import dcgan.data.Images;
import dcgan.data.Split;
import dcgan.eval.ClassifierCache;
import dcgan.eval.ClassifierTrainer;
import dcgan.eval.Evaluator;
import dcgan.eval.ReferenceClassifier;
import dcgan.eval.TrainingEvaluator;
import dcgan.files.AtomicFiles;
import dcgan.training.QualityScores;
import dcgan.training.TrainConfig;
import dcgan.training.TrainStep;
import dcgan.training.Trainer;
import dcgan.training.TrainingState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Session;

/**
 * {@code Benchmark --classifier-training} and {@code --evaluation}: what the reference classifier
 * costs to train (and how accurate it gets), and what one evaluation of {@code Train --eval-every}
 * costs against an epoch.
 */
public final class EvaluationBenchmark {

  private EvaluationBenchmark() {}

  /** Trains the default recipe into a temporary folder (not the cache) and prints its time and accuracy. */
  public static void classifierTraining(Images train, Images test, int threads, PrintStream out) throws IOException {
    Path folder = Files.createTempDirectory("dcgan-classifier-");
    try {
      ClassifierTrainer.Settings settings = ClassifierTrainer.Settings.defaults(TrainConfig.SEED, threads);
      ClassifierTrainer.Trained trained = ClassifierTrainer.train(train, test, settings, folder.resolve("classifier"), out::println);
      out.printf(Locale.ROOT, "classifier: %d epochs of %,d images in %.1f s (%d steps), test accuracy %.2f%% on %,d images%n",
          settings.epochs(), train.count(), trained.seconds(), trained.steps(), 100 * trained.testAccuracy(), test.count());
      out.printf(Locale.ROOT, "classifier_seconds=%.1f classifier_accuracy=%.4f%n", trained.seconds(), trained.testAccuracy());
    } finally {
      AtomicFiles.deleteRecursively(folder);
    }
  }

  /**
   * One evaluation as {@code Train} runs it ({@code samples} images drawn by the train step's
   * generator and scored), against an epoch of {@code stepsPerEpoch} steps of {@code stepMs}.
   */
  public static void evaluation(Path data, int samples, int threads, double stepMs, int stepsPerEpoch, PrintStream out) {
    DatasetLoader loader = DatasetLoader.standard();
    Images train = loader.loadLabeled(dcgan.data.Dataset.MNIST, data, Split.TRAIN);
    Images test = loader.loadLabeled(dcgan.data.Dataset.MNIST, data, Split.TEST);
    Path classifier = new ClassifierCache(ClassifierCache.defaultFolder(), out::println)
        .obtain(train, test, ClassifierTrainer.Settings.defaults(TrainConfig.SEED, threads));
    long setup = System.nanoTime();
    try (Evaluator evaluator = new Evaluator(ReferenceClassifier.load(classifier), test, threads); Graph graph = new Graph()) {
      double setupSeconds = (System.nanoTime() - setup) / 1e9;
      TrainConfig config = TrainConfig.tutorial().toBuilder().epochs(1).threads(threads).build();
      TrainStep step = new TrainStep(graph, 256, config);
      try (Session session = new Session(graph, dcgan.model.Sessions.config(threads))) {
        Trainer.loadImages(session, step, train.limit(256));
        session.run(step.initializer());
        TrainingEvaluator scoring = new TrainingEvaluator(evaluator, 1, samples);
        scoring.prepare(step);
        TrainingState state = state(step, session);
        scoring.evaluate(state); // warm-up: oneDNN primitives for the new shapes
        QualityScores timed = scoring.evaluate(state);
        double epochSeconds = stepMs * stepsPerEpoch / 1e3;
        out.printf(Locale.ROOT, "evaluation: set-up (test features, radii) %.1f s once; %,d samples drawn and scored in %.1f s,"
                + " %.1f%% of a %d-step epoch of %.0f s; every 5 epochs: %.2f%%%n", setupSeconds, samples, timed.seconds(),
            100 * timed.seconds() / epochSeconds, stepsPerEpoch, epochSeconds, 100 * timed.seconds() / (5 * epochSeconds));
        out.printf(Locale.ROOT, "evaluation_seconds=%.2f evaluation_epoch_share=%.4f%n", timed.seconds(), timed.seconds() / epochSeconds);
      }
    }
  }

  private static TrainingState state(TrainStep step, Session session) {
    return new TrainingState() {
      public TrainStep step() {
        return step;
      }

      public Session session() {
        return session;
      }

      public long globalStep() {
        return 0;
      }

      public int epoch() {
        return 0;
      }
    };
  }
}
