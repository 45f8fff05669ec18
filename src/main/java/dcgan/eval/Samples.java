package dcgan.eval;

import dcgan.data.DataException;
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
   * @param pixels {@code count * 784} values in [-1, 1]
   * @param labels the label each image was asked for (a conditional generator's), or null
   */
  public record Drawn(float[] pixels, int[] labels) {
    /** How many images. */
    public int count() {
      return Samples.count(pixels);
    }
  }

  /**
   * {@code count} images from {@code generator} on the first {@code count} fixed noise vectors; a
   * conditional generator draws image {@code i} with label {@code i % 10}, every digit as often.
   */
  public static Drawn draw(SavedGenerator generator, int count) {
    if (!generator.imageShape().equals(dcgan.data.ImageShape.MNIST)) {
      throw new dcgan.data.DataException("the reference classifier scores 28x28x1 digits; this generator draws "
          + generator.imageShape() + " images, which no reference classifier here scores yet");
    }
    int dim = generator.noiseDim();
    float[] noise = FixedNoise.standardNormal(count, dim);
    int[] labels = generator.conditional() ? balancedLabels(count) : null;
    float[] pixels = new float[count * 28 * 28];
    for (int first = 0; first < count; first += BATCH) {
      int n = Math.min(BATCH, count - first);
      float[] z = Arrays.copyOfRange(noise, first * dim, (first + n) * dim);
      float[] batch = labels == null ? generator.generate(z, n) : generator.generate(z, Arrays.copyOfRange(labels, first, first + n));
      System.arraycopy(batch, 0, pixels, first * 28 * 28, batch.length);
    }
    return new Drawn(pixels, labels);
  }

  /** {@code 0, 1, ..., 9, 0, 1, ...}: the labels a conditional generator is scored with. */
  public static int[] balancedLabels(int count) {
    int[] labels = new int[count];
    Arrays.setAll(labels, i -> i % 10);
    return labels;
  }

  /**
   * Reads saved images: float32 {@code [n, 28, 28, 1]} in [-1, 1] (a generator's output, as {@code
   * generator(noise)} in Python gives it), or uint8 {@code [n, 28, 28]} (pixels, scaled as the
   * tutorial scales the training images).
   *
   * @return {@code n * 784} values in [-1, 1]
   * @throws DataException if the file is missing, not a .npy, or of another dtype, shape or range
   */
  public static float[] read(Path file) {
    Npy.Array array;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      array = Npy.read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new DataException(file + " does not exist; pass --samples a .npy of generated images", e);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
    long[] shape = array.shape();
    boolean floats = array.dtype().equals("<f4") && Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), new long[] {28, 28, 1});
    boolean bytes = (array.dtype().equals("|u1") || array.dtype().equals("<u1"))
        && Arrays.equals(Arrays.copyOfRange(shape, Math.min(1, shape.length), shape.length), new long[] {28, 28});
    if (shape.length < 1 || shape[0] < 1 || !(floats || bytes)) {
      throw new DataException(file + " holds " + array.dtype() + " " + Arrays.toString(shape) + "; Evaluate --samples takes"
          + " float32 ('<f4') [n, 28, 28, 1] in [-1, 1], or uint8 ('|u1') [n, 28, 28]");
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

  /** The number of 28x28 images in {@code pixels}. */
  public static int count(float[] pixels) {
    return pixels.length / (28 * 28);
  }
}
