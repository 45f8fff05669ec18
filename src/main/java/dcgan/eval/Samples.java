package dcgan.eval;

import dcgan.data.DataException;
import dcgan.data.ImageShape;
import dcgan.data.Npy;
import dcgan.persistence.SavedGenerator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Images to score: drawn from a generator on {@link FixedNoise}, or read from a {@code .npy} file. */
public final class Samples {

  /** Images per generator call: bounds the memory of its activations. */
  static final int BATCH = TrainingEvaluator.BATCH;
  /** Slack allowed beyond [-1, 1] for float images (a tanh output is inside; rounding may not be). */
  static final float RANGE_SLACK = 1e-3f;

  private Samples() {}

  /**
   * Images and the labels they were drawn with.
   *
   * @param pixels {@code count * shape.size()} values in [-1, 1] ({@code count * 784} for digits)
   * @param labels the label each image was asked for (a conditional generator's), or null
   * @param shape the images' shape
   */
  public record Drawn(float[] pixels, int[] labels, ImageShape shape) {
    /** How many images. */
    public int count() {
      return pixels.length / shape.size();
    }
  }

  /**
   * {@code count} images from {@code generator} on the first {@code count} fixed noise vectors; a
   * conditional generator draws image {@code i} with label {@code i % 10}, every digit as often.
   *
   * @param scored the image shape the reference classifier scores; a generator of another is refused
   */
  public static Drawn draw(SavedGenerator generator, int count, ImageShape scored) {
    return draw(generator, count, scored, 0);
  }

  /** The same from noise truncated at {@code truncation} ({@link FixedNoise#truncated}; 0: none). */
  public static Drawn draw(SavedGenerator generator, int count, ImageShape scored, double truncation) {
    if (!generator.imageShape().equals(scored)) {
      throw new DataException("the reference classifier scores " + scored + " images; this generator draws "
          + generator.imageShape() + " images (score it against data of that shape: --dataset cifar10 for 32x32x3)");
    }
    int dim = generator.noiseDim();
    int size = scored.size();
    float[] noise = FixedNoise.draw(count, dim, FixedNoise.SEED, truncation);
    int[] labels = generator.conditional() ? balancedLabels(count, generator.classes()) : null;
    float[] pixels = new float[count * size];
    for (int first = 0; first < count; first += BATCH) {
      int n = Math.min(BATCH, count - first);
      float[] z = Arrays.copyOfRange(noise, first * dim, (first + n) * dim);
      float[] batch = labels == null ? generator.generate(z, n) : generator.generate(z, Arrays.copyOfRange(labels, first, first + n));
      System.arraycopy(batch, 0, pixels, first * size, batch.length);
    }
    return new Drawn(pixels, labels, scored);
  }

  /** {@code 0, 1, ..., 9, 0, 1, ...}: the labels a conditional generator of MNIST's digits is scored with. */
  public static int[] balancedLabels(int count) {
    return balancedLabels(count, dcgan.data.Images.CLASSES);
  }

  /**
   * The labels a conditional generator of {@code classes} is scored with: the first ten classes at
   * most, in turn, as {@link dcgan.model.Labels#balanced} draws them during training ({@code
   * classes} unknown, -1: ten).
   */
  public static int[] balancedLabels(int count, int classes) {
    return dcgan.model.Labels.of(classes > 0 ? classes : dcgan.data.Images.CLASSES).balanced(count).orElseThrow();
  }

  /** Reads saved digits: {@link #read(Path, ImageShape)} for MNIST's 28 x 28 x 1. */
  public static float[] read(Path file) {
    return read(file, ImageShape.MNIST);
  }

  /**
   * Reads saved images of {@code shape}: float32 {@code [n, rows, cols, channels]} in [-1, 1] (a
   * generator's output, as {@code generator(noise)} in Python gives it), or uint8 {@code [n, rows,
   * cols]} for grey and {@code [n, rows, cols, 3]} for colour (pixels, scaled as the tutorial scales
   * the training images); {@code [n, 28, 28, 1]} and {@code [n, 28, 28]} for MNIST.
   *
   * @return {@code n * shape.size()} values in [-1, 1]
   * @throws DataException if the file is missing, not a .npy, or of another dtype, shape or range
   */
  public static float[] read(Path file, ImageShape shape) {
    Npy.Array array;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      array = Npy.read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new DataException(file + " does not exist; pass --samples a .npy of generated images", e);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
    long[] dims = array.shape();
    long[] image = {shape.rows(), shape.cols(), shape.channels()};
    long[] perImage = Arrays.copyOfRange(dims, Math.min(1, dims.length), dims.length);
    boolean floats = array.dtype().equals("<f4") && Arrays.equals(perImage, image);
    boolean bytes = (array.dtype().equals("|u1") || array.dtype().equals("<u1"))
        && (Arrays.equals(perImage, image) || (shape.channels() == 1 && Arrays.equals(perImage, Arrays.copyOf(image, 2))));
    if (dims.length < 1 || dims[0] < 1 || !(floats || bytes)) {
      String s = shape.rows() + ", " + shape.cols();
      throw new DataException(file + " holds " + array.dtype() + " " + Arrays.toString(dims) + "; Evaluate --samples takes"
          + " float32 ('<f4') [n, " + s + ", " + shape.channels() + "] in [-1, 1], or uint8 ('|u1') [n, " + s
          + (shape.channels() == 1 ? "" : ", " + shape.channels()) + "]");
    }
    if (bytes) {
      float[] out = new float[array.data().length];
      for (int i = 0; i < out.length; i++) {
        out[i] = ((array.data()[i] & 0xFF) - 127.5f) / 127.5f;
      }
      return out;
    }
    float[] values = array.floats();
    for (int i = 0; i < values.length; i++) {
      if (!(Math.abs(values[i]) <= 1 + RANGE_SLACK)) {
        throw new DataException(String.format("%s holds %s at index %d; float images must be in [-1, 1] as the generator's tanh"
            + " makes them (from [0, 255], use x / 127.5 - 1)", file, values[i], i));
      }
    }
    return values;
  }
}
