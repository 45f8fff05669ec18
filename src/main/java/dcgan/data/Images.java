package dcgan.data;

import java.util.Arrays;

/**
 * Grey images as Keras loads them: uint8 pixels, {@code count x rows x cols}, row-major, and
 * where they were read with them, their class labels ({@code y_train}, {@code y_test}).
 *
 * @param pixels {@code count * rows * cols} bytes (read as unsigned)
 * @param count number of images
 * @param rows image height
 * @param cols image width
 * @param labels one class per image, 0 to {@link #CLASSES}-1, or null when not read
 * @param source where they came from, for messages
 */
public record Images(byte[] pixels, int count, int rows, int cols, byte[] labels, String source) {

  /** Classes of (Fashion-)MNIST. */
  public static final int CLASSES = 10;

  public Images {
    if ((long) count * rows * cols != pixels.length) {
      throw new IllegalArgumentException(count + "x" + rows + "x" + cols + " images need "
          + (long) count * rows * cols + " bytes, got " + pixels.length);
    }
    if (labels != null && labels.length != count) {
      throw new IllegalArgumentException(count + " images with " + labels.length + " labels");
    }
  }

  /** Images without labels. */
  public Images(byte[] pixels, int count, int rows, int cols, String source) {
    this(pixels, count, rows, cols, null, source);
  }

  /** Whether labels were read with the images. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** The class of image {@code i}. */
  public int label(int i) {
    if (labels == null) {
      throw new IllegalStateException("no labels were read with " + source);
    }
    return labels[i];
  }

  /** The first {@code n} images (all of them if {@code n} is 0 or at least {@link #count()}). */
  public Images limit(int n) {
    if (n <= 0 || n >= count) {
      return this;
    }
    return new Images(Arrays.copyOf(pixels, n * rows * cols), n, rows, cols, labels == null ? null : Arrays.copyOf(labels, n),
        source + " (first " + n + ")");
  }

  /** Identifies the pixels (not the labels): their count and CRC-32, e.g. {@code 60000x28x28:crc32=1a2b3c4d}. */
  public String fingerprint() {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(pixels);
    return String.format("%dx%dx%d:crc32=%08x", count, rows, cols, crc.getValue());
  }

  /** Pixel {@code (row, col)} of image {@code i}, 0..255. */
  public int pixel(int i, int row, int col) {
    return pixels[(i * rows + row) * cols + col] & 0xFF;
  }
}
