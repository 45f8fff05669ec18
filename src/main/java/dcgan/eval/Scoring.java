package dcgan.eval;

import dcgan.data.ImageShape;
import dcgan.data.Images;
import dcgan.files.AtomicFiles;
import dcgan.persistence.CheckpointExport;
import dcgan.persistence.SavedGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What {@code Evaluate} and {@code Compare} do: score each generator SavedModel (on the first
 * {@code count} {@link FixedNoise} vectors) or each file of saved images, then the real-data
 * ceiling, into one {@link QualityReport}.
 */
public final class Scoring {

  /** The name of the ceiling's row. */
  public static final String CEILING = "real data (ceiling)";

  private Scoring() {}

  /** What a {@link Source} is. */
  public enum Kind {
    /** A generator SavedModel folder. */
    MODEL,
    /** A .npy of images (see {@link Samples#read}). */
    SAMPLES,
    /** A checkpoint prefix of {@code Train}'s, e.g. {@code training_checkpoints/ckpt-3}. */
    CHECKPOINT
  }

  /**
   * Something to score.
   *
   * @param path the model folder, file or checkpoint prefix
   * @param kind what it is
   * @param architecture for a Keras file of weights alone, the file that holds the model's architecture
   */
  public record Source(Path path, Kind kind, Optional<Path> architecture) {
    /** A generator SavedModel or Keras file. */
    public static Source model(Path path) {
      return model(path, Optional.empty());
    }

    /** A generator's Keras file, its architecture from {@code architecture} when given (weights saved alone). */
    public static Source model(Path path, Optional<Path> architecture) {
      return new Source(path, Kind.MODEL, architecture);
    }

    /** A .npy of images (see {@link Samples#read}). */
    public static Source samples(Path path) {
      return new Source(path, Kind.SAMPLES, Optional.empty());
    }

    /** A checkpoint of {@code Train}'s: its generator is exported to a temporary folder and scored. */
    public static Source checkpoint(Path prefix) {
      return new Source(prefix, Kind.CHECKPOINT, Optional.empty());
    }

    /** The label of its row and tile. */
    public String name() {
      return path.toString();
    }
  }

  /**
   * One scored source.
   *
   * @param row its line of the report
   * @param firstImages its first (up to 16) images, for a grid
   * @param shape their shape
   */
  public record Scored(QualityReport.Row row, float[] firstImages, ImageShape shape) {}

  /**
   * Scores every source, then {@code count} training images as the ceiling (other real digits than
   * the test images, as a perfect generator would draw them).
   *
   * @param count images drawn from each model
   * @param log receives a line per source
   */
  public static List<Scored> score(List<Source> sources, int count, Images train, Evaluator evaluator, Consumer<String> log) {
    return score(sources, count, 0, train, evaluator, log);
  }

  /**
   * The same, the models drawing from noise truncated at {@code truncation} ({@link
   * FixedNoise#truncated}; 0: none).
   */
  public static List<Scored> score(List<Source> sources, int count, double truncation, Images train, Evaluator evaluator,
      Consumer<String> log) {
    List<Scored> scored = new ArrayList<>();
    ImageShape shape = evaluator.classifier().imageShape();
    int size = shape.size();
    for (Source source : sources) {
      long start = System.nanoTime();
      Samples.Drawn drawn = images(source, count, shape, truncation);
      float[] images = drawn.pixels();
      int n = drawn.count();
      Quality quality = evaluator.score(images, n, drawn.labels());
      double seconds = (System.nanoTime() - start) / 1e9;
      log.accept(String.format(Locale.ROOT, "Scored %,d images of %s in %.1f s", n, source.name(), seconds));
      if (n < count) {
        log.accept(String.format(Locale.ROOT, "warning: %s holds %,d images, fewer than the %,d scored for the others and the"
            + " ceiling: its Fréchet distance and recall come out worse for that alone; compare runs scored with as many", source.name(),
            n, count));
      }
      scored.add(new Scored(new QualityReport.Row(source.name(), quality, seconds), Arrays.copyOf(images, Math.min(n, 16) * size), shape));
    }
    long start = System.nanoTime();
    Images real = train.limit(Math.min(count, train.count()));
    Quality ceiling = evaluator.score(real);
    scored.add(new Scored(new QualityReport.Row(CEILING, ceiling, (System.nanoTime() - start) / 1e9),
        Arrays.copyOf(ReferenceClassifier.scaled(real), Math.min(real.count(), 16) * size), shape));
    return scored;
  }

  /** The images of {@code source}: {@code count} drawn from a model, or all of a file's. */
  static Samples.Drawn images(Source source, int count, ImageShape shape) {
    return images(source, count, shape, 0);
  }

  static Samples.Drawn images(Source source, int count, ImageShape shape, double truncation) {
    return switch (source.kind()) {
      case SAMPLES -> new Samples.Drawn(Samples.read(source.path(), shape), null, shape);
      case MODEL -> draw(source.path(), source.architecture(), count, shape, truncation);
      case CHECKPOINT -> {
        Path folder = temporaryFolder();
        try {
          CheckpointExport.export(source.path(), folder);
          yield draw(folder.resolve("generator"), Optional.empty(), count, shape, truncation);
        } finally {
          AtomicFiles.deleteRecursively(folder);
        }
      }
    };
  }

  private static Samples.Drawn draw(Path model, Optional<Path> architecture, int count, ImageShape shape, double truncation) {
    try (SavedGenerator generator = SavedGenerator.load(model, architecture)) {
      return Samples.draw(generator, count, shape, truncation);
    }
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("dcgan-checkpoint-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the checkpoint's SavedModels", e);
    }
  }

  /** The report of {@code scored}. */
  public static QualityReport report(List<Scored> scored, Evaluator evaluator, Path classifier, int testImages) {
    return new QualityReport(classifier, evaluator.testAccuracy(), testImages, scored.stream().map(Scored::row).toList());
  }
}
