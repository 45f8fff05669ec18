package dcgan.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid as the Python tutorial draws it: 288x288, white, 4x4 tiles where Python puts them
 * (tile 0 spans x 37..84, y 35..81 in the reference PNGs), each tile stretched from its own
 * minimum (black) to maximum (white).
 */
class ImageGridTest {

  @TempDir
  Path tmp;

  /** 16 images: left half at {@code low}, right half at {@code high}. */
  private static float[] halves(float low, float high) {
    float[] images = new float[16 * 28 * 28];
    for (int i = 0; i < 16; i++) {
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          images[(i * 28 + y) * 28 + x] = x < 14 ? low : high;
        }
      }
    }
    return images;
  }

  private static int grey(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFF;
  }

  @Test
  void tilesSitWherePythonPutsThem() {
    BufferedImage figure = ImageGrid.render(halves(-1, 1), 16, 28);
    assertEquals(288, figure.getWidth());
    assertEquals(288, figure.getHeight());
    assertEquals(255, grey(figure, 5, 5), "white margin");
    assertEquals(255, grey(figure, 89, 58), "white gap between tiles");
    assertEquals(0, grey(figure, 45, 58), "tile 0, left half: black");
    assertEquals(255, grey(figure, 76, 58), "tile 0, right half: white");
    assertEquals(0, grey(figure, 219, 228), "tile 15, left half");
    assertEquals(255, grey(figure, 250, 228), "tile 15, right half");
    assertEquals(0xFF, figure.getRGB(5, 5) >>> 24, "opaque, as matplotlib's RGBA PNG");
  }

  @Test
  void eachTileIsStretchedToItsOwnRange() {
    BufferedImage faint = ImageGrid.render(halves(-0.1f, 0.1f), 16, 28);
    assertEquals(0, grey(faint, 45, 58));
    assertEquals(255, grey(faint, 76, 58));
    BufferedImage flat = ImageGrid.render(halves(0.3f, 0.3f), 16, 28);
    assertEquals(0, grey(flat, 45, 58), "a constant image is drawn at the colormap's low end");
  }

  @Test
  void savedPngReadsBackAndNothingElseIsLeft() throws IOException {
    Path file = tmp.resolve(ImageGrid.fileName(7));
    assertEquals("image_at_epoch_0007.png", file.getFileName().toString());
    ImageGrid.save(file, halves(-1, 1), 16, 28);
    BufferedImage read = ImageIO.read(file.toFile());
    assertEquals(288, read.getWidth());
    assertEquals(255, grey(read, 76, 58));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void otherCountsFillTheNextSquareInReadingOrderAndTenByTenIsLarger() {
    float[] dark = new float[3 * 784];
    java.util.Arrays.fill(dark, -1f);
    for (int i = 0; i < 3; i++) {
      dark[i * 784] = 1f; // each tile is stretched from its minimum: one white pixel keeps the rest black
    }
    BufferedImage three = ImageGrid.render(dark, 3, 28); // a 2 x 2 grid: tiles 95 pixels wide, 116 apart
    assertEquals(288, three.getWidth());
    assertEquals(0, grey(three, 84, 82), "first tile, top left");
    assertEquals(0, grey(three, 200, 82), "second tile, top right");
    assertEquals(0, grey(three, 84, 196), "third tile, bottom left");
    assertEquals(255, grey(three, 200, 196), "the fourth cell stays the figure's white");
    assertEquals(720, ImageGrid.render(new float[100 * 784], 100, 28).getWidth(), "a conditional GAN's 10 x 10 grid");
    assertThrows(IllegalArgumentException.class, () -> ImageGrid.render(new float[3 * 784], 4, 28));
  }

  @Test
  void rgbTilesShowTheirColoursUnstretched() {
    int side = 8;
    float[] images = new float[16 * side * side * 3];
    for (int i = 0; i < 16; i++) {
      for (int p = 0; p < side * side; p++) {
        images[(i * side * side + p) * 3] = 1f; // red at full
        images[(i * side * side + p) * 3 + 1] = 0f; // green at 127.5 -> 127
        images[(i * side * side + p) * 3 + 2] = -1f; // blue off
      }
    }
    java.awt.image.BufferedImage tile = ImageGrid.colourTile(images, 3, side);
    assertEquals(0xFFFF7F00, tile.getRGB(4, 4));
    java.awt.image.BufferedImage figure = ImageGrid.render(images, 16, side, 3);
    assertEquals(ImageGrid.FIGURE_PIXELS, figure.getWidth());
    assertEquals(0xFFFF7F00, figure.getRGB(60, 58), "inside the first tile");
  }
}
