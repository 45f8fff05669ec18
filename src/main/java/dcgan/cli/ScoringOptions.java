package dcgan.cli;

import dcgan.data.Dataset;
import dcgan.eval.Evaluator;
import dcgan.eval.QualityReport;
import dcgan.eval.Scoring;
import dcgan.files.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code Evaluate} and {@code Compare} share: the real data to compare against, the
 * classifier, how many images, the threads and the JSON report; and scoring itself.
 */
final class ScoringOptions {

  @Option(names = "--count", paramLabel = "N", description = "Images drawn from each model (from the fixed evaluation noise); also the ceiling's.")
  int count = Evaluator.SAMPLES;

  @Option(names = "--data", paramLabel = "PATH",
      description = "A local mnist.npz, a folder of IDX files with the train-* and t10k-* images and labels, or CIFAR-10's batches"
          + " (cifar-10-batches-bin/ or the .tar.gz). Default: Keras's cache.")
  Path data;

  @Option(names = "--dataset", paramLabel = "NAME", description = "mnist, fashion_mnist or cifar10 (32x32x3 images).")
  String dataset = "mnist";

  @Mixin
  ClassifierOptions classifier;

  @Option(names = "--truncation", paramLabel = "PSI",
      description = "Draw from truncated noise: values outside plus or minus PSI drawn again (the truncation trick; 0: none)."
          + " Smaller PSI: more typical, less varied images, precision up, recall down.")
  double truncation;

  @Option(names = "--threads", description = "TensorFlow threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the numbers as JSON.")
  Path json;

  /** The scored sources, their report, and the real images they were scored against. */
  record Outcome(List<Scoring.Scored> scored, QualityReport report, dcgan.data.Images train, dcgan.data.Images test) {}

  /** Scores {@code sources} and the ceiling and prints the table. */
  Outcome score(List<Scoring.Source> sources, PrintStream out) {
    if (count < 1 || threads < 1) {
      throw new UsageError("--count and --threads must be at least 1");
    }
    Cli.requireTruncation(truncation);
    if (truncation != 0 && sources.stream().allMatch(s -> s.kind() == Scoring.Kind.SAMPLES)) {
      throw new UsageError("--truncation draws from a model's noise; it does not apply to --samples files");
    }
    Dataset which;
    try {
      which = Dataset.parse(dataset);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    for (Scoring.Source source : sources) { // before the data is loaded or a classifier trained
      java.nio.file.Path file = source.kind() == Scoring.Kind.CHECKPOINT
          ? source.path().resolveSibling(source.path().getFileName() + ".index") : source.path();
      if (!java.nio.file.Files.exists(file)) {
        throw new dcgan.files.UserError(file + " does not exist: pass " + switch (source.kind()) {
          case MODEL -> "--model a generator's SavedModel folder or Keras file";
          case SAMPLES -> "--samples a .npy of images";
          case CHECKPOINT -> "--checkpoint a checkpoint's prefix, such as training_checkpoints/ckpt-3";
        });
      }
    }
    ClassifierOptions.Prepared prepared = classifier.prepare(which, data, threads, out::println);
    try (Evaluator evaluator = prepared.evaluator()) {
      List<Scoring.Scored> scored = Scoring.score(sources, count, truncation, prepared.train(), evaluator, out::println);
      QualityReport report = Scoring.report(scored, evaluator, prepared.classifier(), prepared.test().count());
      out.println();
      out.print(report.table());
      return new Outcome(scored, report, prepared.train(), prepared.test());
    }
  }

  /** Writes {@code report} to {@code --json}, if given, atomically. */
  void writeJson(QualityReport report) {
    if (json == null) {
      return;
    }
    try {
      AtomicFiles.writeBytes(json, report.json().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + json, e);
    }
  }
}
