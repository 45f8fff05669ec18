package dcgan.data;

import java.util.Arrays;

/**
 * Images as Keras loads them: uint8 pixels, {@code count x rows x cols x channels}, row-major with
 * the channels interleaved (grey: 1 channel, as MNIST; RGB: 3), and where they were read with
 * them, their class labels ({@code y_train}, {@code y_test}, or the class folders of an image folder).
 *
 * @param pixels {@code count * rows * cols * channels} bytes (read as unsigned)
 * @param count number of images
 * @param rows image height
 * @param cols image width
 * @param channels 1 (grey) or 3 (RGB)
 * @param labels one class per image, 0 to 255, or null when not read
 * @param source where they came from, for messages
 */
public record Images(byte[] pixels, int count, int rows, int cols, int channels, byte[] labels, String source) {

  /** Classes of (Fashion-)MNIST and CIFAR-10: the project's one constant for "ten". */
  public static final int CLASSES = 10;
  /** The most classes labels can name: they are held as unsigned bytes. */
  public static final int MAX_CLASSES = 256;

  public Images {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("images have 1 (grey) or 3 (RGB) channels, not " + channels);
    }
    if ((long) count * rows * cols * channels != pixels.length) {
      throw new IllegalArgumentException(count + "x" + rows + "x" + cols + (channels == 1 ? "" : "x" + channels) + " images need "
          + (long) count * rows * cols * channels + " bytes, got " + pixels.length);
    }
    if (labels != null && labels.length != count) {
      throw new IllegalArgumentException(count + " images with " + labels.length + " labels");
    }
  }

  /** Grey images. */
  public Images(byte[] pixels, int count, int rows, int cols, byte[] labels, String source) {
    this(pixels, count, rows, cols, 1, labels, source);
  }

  /** Grey images without labels. */
  public Images(byte[] pixels, int count, int rows, int cols, String source) {
    this(pixels, count, rows, cols, 1, null, source);
  }

  /** The shape of each image. */
  public ImageShape shape() {
    return new ImageShape(rows, cols, channels);
  }

  /** Bytes per image: {@code rows * cols * channels}. */
  public int imageBytes() {
    return rows * cols * channels;
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
    return new Images(Arrays.copyOf(pixels, n * imageBytes()), n, rows, cols, channels, labels == null ? null : Arrays.copyOf(labels, n),
        source + " (first " + n + ")");
  }

  /**
   * Identifies the pixels (not the labels): their shape and CRC-32, e.g. {@code
   * 60000x28x28:crc32=1a2b3c4d} (grey) or {@code 50000x32x32x3:crc32=...}.
   */
  public String fingerprint() {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(pixels);
    return String.format("%dx%dx%d%s:crc32=%08x", count, rows, cols, channels == 1 ? "" : "x" + channels, crc.getValue());
  }

  /** Pixel {@code (row, col)} of grey image {@code i} (channel 0 of an RGB one), 0..255. */
  public int pixel(int i, int row, int col) {
    return pixel(i, row, col, 0);
  }

  /** Channel {@code c} of pixel {@code (row, col)} of image {@code i}, 0..255. */
  public int pixel(int i, int row, int col, int c) {
    return pixels[((i * rows + row) * cols + col) * channels + c] & 0xFF;
  }
}
