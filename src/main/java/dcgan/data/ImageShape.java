package dcgan.data;

/**
 * The shape of one training image: {@code rows x cols x channels} (1: grey, 3: RGB).
 *
 * @param rows height in pixels
 * @param cols width in pixels
 * @param channels 1 or 3
 */
public record ImageShape(int rows, int cols, int channels) {

  /** (Fashion-)MNIST's: 28 x 28, grey. */
  public static final ImageShape MNIST = new ImageShape(28, 28, 1);

  public ImageShape {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("an image needs at least one pixel, got " + rows + "x" + cols);
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("images have 1 (grey) or 3 (RGB) channels, not " + channels);
    }
  }

  /** Values per image. */
  public int size() {
    return rows * cols * channels;
  }

  /** {@code 32x32x3}, as checkpoints record it. */
  @Override
  public String toString() {
    return rows + "x" + cols + "x" + channels;
  }

  /** Reads {@link #toString()}'s form. */
  public static ImageShape parse(String text) {
    String[] parts = text.split("x");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not an image shape (ROWSxCOLSxCHANNELS): " + text);
    }
    return new ImageShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
  }
}
