package dcgan.cli;

import dcgan.data.Npy;
import dcgan.eval.FixedNoise;
import dcgan.eval.Scoring;
import dcgan.files.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code Evaluate}: the quality of a generator SavedModel (Java's or Python's) or of saved images,
 * as TF-GAN measures it: Fréchet distance, classifier score, precision, recall and the class
 * histogram, with the same numbers for real images as the ceiling.
 */
@Command(name = "Evaluate", sortOptions = false, mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Scores a generator SavedModel, or a .npy of images, against the real test images.%n"
        + "Loading a SavedModel runs its graph: load only models you trust.")
public final class EvaluateCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  What what;

  /** Exactly one thing to score. */
  static final class What {
    @Option(names = "--model", paramLabel = "DIR", description = "A generator SavedModel folder (noise [-1, noise_dim] -> images [-1, 28, 28, 1]; [-1, 32, 32, 3] with --dataset cifar10) or Keras file (.keras, .h5, or weights with --generator-model).")
    Path model;

    @Option(names = "--samples", paramLabel = "FILE",
        description = "A .npy of images: float32 [n, 28, 28, 1] in [-1, 1], or uint8 [n, 28, 28] (CIFAR-10: [n, 32, 32, 3]).")
    Path samples;

    @Option(names = "--checkpoint", paramLabel = "PREFIX",
        description = "A checkpoint of Train's, e.g. training_checkpoints/ckpt-3: its generator is scored.")
    Path checkpoint;

    @Option(names = "--save-noise", paramLabel = "FILE",
        description = "Score nothing: save the evaluation noise (--count vectors of --noise-dim) as .npy, for a Python generator to draw --samples from.")
    Path saveNoise;
  }

  @Option(names = "--generator-model", paramLabel = "FILE",
      description = "The architecture of a --model file that holds weights alone (save_weights): the JSON model.to_json() writes, or a Keras file of the model.")
  Path generatorModel;

  @Option(names = "--cas",
      description = "Also the classification accuracy score of a conditional --model: the reference classifier's recipe trained on"
          + " --count generated images, tested on the real test split, beside the same recipe on as many real images (two"
          + " classifier trainings: about a minute for 10,000 images).")
  boolean cas;

  @Option(names = "--noise-dim", paramLabel = "N", description = "Length of the noise vectors that --save-noise writes.")
  int noiseDim = dcgan.model.Generator.NOISE_DIM;

  @Mixin
  ScoringOptions scoring;

  private final PrintStream stdout;

  EvaluateCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  /** Runs {@code Evaluate}; returns the exit code (0 done, 1 failed, 2 bad command line). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new EvaluateCommand(out), args, out, err);
  }

  @Override
  public Integer call() {
    if (what.saveNoise != null) {
      saveNoise(what.saveNoise, scoring.count, noiseDim);
      stdout.printf("Wrote the evaluation noise, float32 [%d, %d], to %s%n", scoring.count, noiseDim, what.saveNoise);
      return 0;
    }
    if (cas && what.model == null) {
      throw new UsageError("--cas scores a conditional generator: pass it with --model");
    }
    if (cas && java.nio.file.Files.exists(what.model)) { // before any scoring: only a conditional generator has labels to train on
      try (dcgan.persistence.SavedGenerator generator = dcgan.persistence.SavedGenerator.load(what.model, Optional.ofNullable(generatorModel))) {
        if (!generator.conditional()) {
          throw new dcgan.files.UserError(what.model + " is an unconditional generator: --cas trains on labelled samples, so it needs"
              + " a conditional one (Train --conditional)");
        }
      }
    }
    Scoring.Source source = what.model != null ? Scoring.Source.model(what.model, Optional.ofNullable(generatorModel))
        : what.samples != null ? Scoring.Source.samples(what.samples) : Scoring.Source.checkpoint(what.checkpoint);
    ScoringOptions.Outcome outcome = scoring.score(List.of(source), stdout);
    scoring.writeJson(outcome.report());
    if (cas) {
      try (dcgan.persistence.SavedGenerator generator = dcgan.persistence.SavedGenerator.load(what.model, Optional.ofNullable(generatorModel))) {
        stdout.println();
        stdout.println(dcgan.eval.ClassificationAccuracyScore.measure(generator, scoring.count, outcome.train(), outcome.test(),
            scoring.threads, stdout::println).line());
      }
    }
    return 0;
  }

  private static void saveNoise(Path file, int count, int dim) {
    try {
      AtomicFiles.writeBytes(file, Npy.writeFloats(FixedNoise.standardNormal(count, dim), count, dim));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
