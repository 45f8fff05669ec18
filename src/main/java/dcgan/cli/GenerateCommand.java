package dcgan.cli;

import dcgan.files.UserError;
import dcgan.data.DataException;
import dcgan.data.Npy;
import dcgan.eval.FixedNoise;
import dcgan.files.AtomicFiles;
import dcgan.monitoring.ImageGrid;
import dcgan.persistence.SavedGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code Generate}: draws digits from a generator SavedModel (Java's or Python's) into a grid PNG,
 * optionally saving or reusing the noise as .npy so that Python can be fed the same vectors.
 */
@Command(name = "Generate", sortOptions = false, mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Draws digits from a generator SavedModel into a grid PNG.%n"
        + "Loading a SavedModel runs its graph: load only models you trust.")
public final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--model", paramLabel = "DIR",
      description = "A SavedModel folder with a [-1, noise_dim] (and for a conditional GAN, labels [-1]) -> [-1, 28, 28, 1] (or [-1, S, S, 3]) serving_default signature, or a generator's Keras file, Java's or Python's: .keras, legacy .h5, or weights saved alone with --generator-model.")
  Path model = Path.of("saved_models", "generator");

  @Option(names = "--generator-model", paramLabel = "FILE",
      description = "The architecture of a --model file that holds weights alone (save_weights): the JSON model.to_json() writes, or a Keras file of the model.")
  Path generatorModel;

  @Option(names = "--count", description = "How many digits (a square number, for the grid).")
  int count = 16;

  @Option(names = "--seed", description = "Seed of the noise (0: the first vectors that Evaluate scores).")
  long seed = 0;

  @Option(names = "--out", paramLabel = "FILE", description = "The grid PNG.")
  Path out = Path.of("digits.png");

  @Option(names = "--truncation", paramLabel = "PSI",
      description = "The truncation trick: noise values outside plus or minus PSI drawn again (0: none). Smaller: more typical, less varied digits.")
  double truncation;

  @Option(names = "--noise", paramLabel = "FILE", description = "Read the noise from this .npy (float32 [count, noise_dim]) instead of drawing it.")
  Path noiseFile;

  @Option(names = "--save-noise", paramLabel = "FILE", description = "Save the noise as .npy, e.g. to feed Python the same vectors.")
  Path saveNoise;

  @Option(names = "--save-images", paramLabel = "FILE", description = "Save the generated images as .npy (float32 [count, 28, 28, 1], or the model's image shape).")
  Path saveImages;

  @Option(names = "--save-labels", paramLabel = "FILE", description = "Conditional models: save the labels as .npy (int32 [count]).")
  Path saveLabels;

  @Option(names = "--digit", paramLabel = "D", description = "Conditional models: draw --count images of digit (class) D.")
  Integer digit;

  @Option(names = "--digits", paramLabel = "DIGITS", description = "Conditional models: one image per digit, in order, e.g. 0123456789;"
      + " classes above 9 separated by commas, e.g. 0,5,12.")
  String digits;

  private final PrintStream stdout;

  GenerateCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  /** Runs {@code Generate} with {@code args}; returns the exit code (0 done, 1 failed, 2 bad command line). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new GenerateCommand(out), args, out, err);
  }

  /** The most images one Generate draws: their pixels are held in one Java array. */
  static final int MAX_COUNT = 100_000;

  @Override
  public Integer call() throws IOException {
    if (count > MAX_COUNT) {
      throw new UsageError("--count " + count + " is more than one Generate draws (" + MAX_COUNT + "); draw fewer, or several"
          + " times with other --seed values");
    }
    try (SavedGenerator generator = SavedGenerator.load(model, java.util.Optional.ofNullable(generatorModel))) {
      if (saveLabels != null && !generator.conditional()) {
        throw new UserError(model + " is an unconditional generator: it draws no labels, so there are none to --save-labels;"
            + " drop --save-labels");
      }
      int[] labels = labels(generator.conditional(), generator.classes());
      int wanted = labels != null && digits != null ? labels.length : count;
      if (noiseFile != null && truncation != 0) {
        throw new UsageError("--truncation draws new noise; it does not apply to the vectors of --noise: give one of them");
      }
      float[] noise = noiseFile != null ? readNoise(noiseFile, generator.noiseDim()) : drawNoise(wanted, generator.noiseDim(), seed);
      int n = noise.length / generator.noiseDim();
      int side = (int) Math.round(Math.sqrt(n));
      if (digits == null && side * side != n) {
        throw new UsageError("--count must be a square number (4, 9, 16, ...) to make a grid, got " + n);
      }
      if (labels != null && digit != null) {
        labels = new int[n];
        java.util.Arrays.fill(labels, digit);
      } else if (labels != null && labels.length != n) {
        throw new UsageError("--digits names " + labels.length + " digits for " + n + " noise vectors");
      }
      float[] images = labels == null ? generator.generate(noise, n) : generator.generate(noise, labels);
      dcgan.data.ImageShape shape = generator.imageShape();
      ImageGrid.save(out, images, n, shape.rows(), shape.channels());
      if (saveNoise != null) {
        AtomicFiles.writeBytes(saveNoise, Npy.writeFloats(noise, n, generator.noiseDim()));
      }
      if (saveImages != null) {
        AtomicFiles.writeBytes(saveImages, Npy.writeFloats(images, n, shape.rows(), shape.cols(), shape.channels()));
      }
      if (saveLabels != null && labels != null) {
        AtomicFiles.writeBytes(saveLabels, Npy.writeInts(labels));
      }
      stdout.printf("Wrote %d %s from %s to %s%n", n, shape.equals(dcgan.data.ImageShape.MNIST) ? "digits" : "images", model, out);
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  /**
   * The labels {@code --digit} or {@code --digits} ask for (for {@code --digit}, one; the count
   * follows the noise), or null for an unconditional model; a mismatch between the options and the
   * kind of model is the one error that says which kind it is.
   */
  private int[] labels(boolean conditional, int classes) {
    int[] asked = askedLabels(); // the options' own syntax first: a usage error whatever the model
    if (!conditional) {
      if (asked != null) {
        throw new UserError(model + " is an unconditional generator (the tutorial's): it cannot be asked for a digit;"
            + " drop --digit and --digits, or pass a model trained with Train --conditional");
      }
      return null;
    }
    String range = classes > 0 ? "0 to " + (classes - 1) : "0 and up";
    if (asked == null) {
      throw new UserError(model + " is a conditional generator of classes " + range + ": say which to draw, with"
          + " --digit D (--count images of D) or --digits 0123456789 (one per class, in order)");
    }
    for (int label : asked) {
      if (label < 0 || (classes > 0 && label >= classes)) {
        throw new UserError((digit != null ? "--digit" : "--digits") + " must name classes " + range + " of "
            + model + ", got " + label);
      }
    }
    return asked;
  }

  /** The labels {@code --digit} or {@code --digits} name, or null when neither is given. */
  private int[] askedLabels() {
    if (digit != null && digits != null) {
      throw new UsageError("pass --digit or --digits, not both");
    }
    if (digit != null) {
      return new int[] {digit};
    }
    if (digits == null) {
      return null;
    }
    if (digits.matches("[0-9]+")) {
      return digits.chars().map(c -> c - '0').toArray();
    }
    if (digits.matches("[0-9]{1,3}(,[0-9]{1,3})+")) { // labels are below 256: no number can overflow
      return java.util.Arrays.stream(digits.split(",")).mapToInt(Integer::parseInt).toArray();
    }
    throw new UsageError("--digits takes digits, e.g. 0123456789, or classes (below 256) separated by commas, e.g. 0,5,12;"
        + " got '" + digits + "'");
  }

  /** Standard normal noise, float32 {@code [count, dim]}, reproducible from {@code seed} (seed 0: the evaluation noise). */
  float[] drawNoise(int count, int dim, long seed) {
    if (count < 1) {
      throw new UsageError("--count must be at least 1, got " + count);
    }
    Cli.requireTruncation(truncation);
    return FixedNoise.draw(count, dim, seed, truncation);
  }

  private static float[] readNoise(Path file, int dim) {
    try (InputStream in = Files.newInputStream(file)) {
      Npy.Array array = Npy.read(in, file.toString());
      long[] shape = array.shape();
      if (!array.dtype().equals("<f4") || shape.length != 2 || shape[1] != dim) {
        throw new DataException(file + " holds " + array.dtype() + " " + java.util.Arrays.toString(shape)
            + "; the model needs float32 ('<f4') [count, " + dim + "]");
      }
      return array.floats();
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
