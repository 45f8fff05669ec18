package dcgan.monitoring;

import dcgan.files.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The tutorial's {@code generate_and_save_images} figure: a square grid of the generated images,
 * each shown as matplotlib's {@code plt.imshow(img * 127.5 + 127.5, cmap='gray')} shows it (grey
 * levels stretched from the tile's own minimum to its maximum), axes off, on a white 4x4-inch
 * figure at 72 dpi: 288x288 pixels for the 16 examples, laid out as the Python run lays them out.
 */
public final class ImageGrid {

  /** Figure size in pixels for a 4x4 grid, as matplotlib's {@code figsize=(4, 4)} at 72 dpi. */
  public static final int FIGURE_PIXELS = 288;
  // Measured on the Python tutorial's image_at_epoch_*.png: tile origins and size, in pixels.
  private static final double LEFT = 36.9, TOP = 34.9, PITCH_X = 58.0, PITCH_Y = 56.7, TILE = 47.6;

  private ImageGrid() {}

  /**
   * Draws the figure.
   *
   * @param images {@code count * side * side} generator outputs in [-1, 1], image after image
   * @param count number of images: a square number fills the grid; others fill the next square's
   *     cells in reading order (10 digits: three rows of four, the last row half)
   * @param side image side in pixels (28 for MNIST)
   */
  public static BufferedImage render(float[] images, int count, int side) {
    return render(images, count, side, 1);
  }

  /**
   * The same for images of {@code channels} channels: grey ones as {@code imshow(..., cmap='gray')}
   * shows them, RGB ones as {@code imshow((img * 127.5 + 127.5).astype('uint8'))} does (no stretch).
   */
  public static BufferedImage render(float[] images, int count, int side, int channels) {
    int columns = columns(count);
    if (count < 1 || images.length != count * side * side * channels) {
      throw new IllegalArgumentException(count + " images of " + side + "x" + side + (channels == 1 ? "" : "x" + channels)
          + " are not " + images.length + " values");
    }
    int pixels = figurePixels(count);
    double zoom = pixels / (double) FIGURE_PIXELS;
    double scale = 4.0 / columns * zoom; // the 4x4 layout, shrunk to the columns and grown to the figure
    BufferedImage figure = new BufferedImage(pixels, pixels, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = figure.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, pixels, pixels);
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      for (int i = 0; i < count; i++) {
        BufferedImage tile = channels == 1 ? tile(images, i, side) : colourTile(images, i, side);
        double x = LEFT * zoom + (i % columns) * PITCH_X * scale;
        double y = TOP * zoom + (i / columns) * PITCH_Y * scale;
        double size = TILE * scale;
        AffineTransform place = new AffineTransform(size / side, 0, 0, size / side, x, y);
        g.drawImage(tile, place, null);
      }
    } finally {
      g.dispose();
    }
    return figure;
  }

  /**
   * The figure's side: 288 pixels (4 inches at 72 dpi) up to a 4x4 grid, as the tutorial's; wider
   * grids get an inch per column (the conditional GAN's 10 x 10: 720), so that tiles stay legible.
   */
  public static int figurePixels(int count) {
    int columns = columns(count);
    return columns <= 4 ? FIGURE_PIXELS : 72 * columns;
  }

  private static int columns(int count) {
    return (int) Math.ceil(Math.sqrt(count) - 1e-9);
  }

  /** {@code imshow(..., cmap='gray')}: linear grey from the image's minimum (black) to its maximum (white). */
  static BufferedImage tile(float[] images, int index, int side) {
    int offset = index * side * side;
    float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
    for (int p = 0; p < side * side; p++) {
      float v = images[offset + p] * 127.5f + 127.5f;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    BufferedImage tile = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
    for (int p = 0; p < side * side; p++) {
      float v = images[offset + p] * 127.5f + 127.5f;
      double t = max > min ? (v - min) / (max - min) : 0;
      int grey = (int) Math.min(255, Math.floor(t * 256)); // matplotlib's 256-entry colormap lookup
      tile.setRGB(p % side, p / side, 0xFF000000 | grey << 16 | grey << 8 | grey);
    }
    return tile;
  }

  /** An RGB image's tile: {@code img * 127.5 + 127.5}, clipped to [0, 255], truncated as {@code astype('uint8')}. */
  static BufferedImage colourTile(float[] images, int index, int side) {
    int offset = index * side * side * 3;
    BufferedImage tile = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
    for (int p = 0; p < side * side; p++) {
      int rgb = 0xFF000000;
      for (int c = 0; c < 3; c++) {
        int v = (int) Math.max(0, Math.min(255, images[offset + 3 * p + c] * 127.5f + 127.5f));
        rgb |= v << (16 - 8 * c);
      }
      tile.setRGB(p % side, p / side, rgb);
    }
    return tile;
  }

  /** {@code plt.savefig('image_at_epoch_{:04d}.png'.format(epoch))}, written atomically. */
  public static void save(Path file, float[] images, int count, int side) throws IOException {
    save(file, images, count, side, 1);
  }

  /** The same for images of {@code channels} channels. */
  public static void save(Path file, float[] images, int count, int side, int channels) throws IOException {
    BufferedImage figure = render(images, count, side, channels);
    AtomicFiles.write(file, tmp -> {
      if (!ImageIO.write(figure, "png", tmp.toFile())) {
        throw new IOException("no PNG writer in this JDK");
      }
    });
  }

  /** {@code image_at_epoch_0001.png}. */
  public static String fileName(int epoch) {
    return String.format("image_at_epoch_%04d.png", epoch);
  }
}
