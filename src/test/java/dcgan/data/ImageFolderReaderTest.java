package dcgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a folder of images: the committed fixture (src/test/resources/image-folder: two class
 * folders, PNG, JPEG, BMP, GIF, an RGBA and a 16-bit-free grey PNG, a truncated PNG, a text file),
 * and crops and resizes against pixels computed by hand.
 */
class ImageFolderReaderTest {

  @TempDir
  Path tmp;

  private static Path fixture() {
    return Fixtures.resource("image-folder");
  }

  @Test
  void readsEveryFormatLabelsByClassFolderAndSkipsWhatDoesNotDecode() {
    List<int[]> progress = new ArrayList<>();
    ImageFolderReader.Result result = ImageFolderReader.read(fixture(), new ImageFolderReader.Options(16, 0),
        (done, total) -> progress.add(new int[] {done, total}));
    Images images = result.images();
    assertEquals(List.of("circles", "squares"), result.classes());
    assertEquals(List.of("squares/truncated.png"), result.skipped().stream().map(s -> s.replace('\\', '/')).toList());
    assertEquals(6, images.count(), "bmp, jpg, png; grey png (nested), rgba png, gif");
    assertArrayEquals(new byte[] {0, 0, 0, 1, 1, 1}, images.labels());
    assertEquals(3, images.channels(), "colour images: RGB");
    assertEquals(16, images.rows());
    assertEquals(7, progress.size(), "one update per image file, the truncated one too");
    assertArrayEquals(new int[] {7, 7}, progress.get(6));
  }

  @Test
  void transparencyShowsTheWhiteBackgroundAndGreyPngsKeepTheirValues() {
    Images images = ImageFolderReader.read(fixture(), new ImageFolderReader.Options(24, 3), (d, t) -> { }).images();
    int alpha = 4; // squares/purple-alpha-24.png: a purple square on a transparent 24 x 24 canvas
    assertArrayEquals(new int[] {255, 255, 255}, rgb(images, alpha, 0, 0), "transparent corner");
    assertArrayEquals(new int[] {120, 0, 160}, rgb(images, alpha, 12, 12), "opaque centre");
    int grey = 3; // squares/more/grey-36.png: a (90, 90, 90) square on black, 36 x 36 -> 24 x 24
    assertArrayEquals(new int[] {90, 90, 90}, rgb(images, grey, 12, 12), "not brightened by a grey-to-sRGB conversion");
    assertArrayEquals(new int[] {0, 0, 0}, rgb(images, grey, 0, 0));
  }

  @Test
  void greyImagesGiveOneChannelAndColourOnesCanBeMadeGrey() throws IOException {
    Path folder = tmp.resolve("grey");
    Files.createDirectories(folder);
    Files.copy(fixture().resolve("squares/more/grey-36.png"), folder.resolve("a.png"));
    Images auto = ImageFolderReader.read(folder, new ImageFolderReader.Options(36, 0), (d, t) -> { }).images();
    assertEquals(1, auto.channels());
    assertEquals(null, auto.labels(), "images directly in the folder: no classes");
    assertEquals(90, auto.pixel(0, 18, 18));
    Images luma = ImageFolderReader.read(fixture(), new ImageFolderReader.Options(24, 1), (d, t) -> { }).images();
    assertEquals(1, luma.channels());
    assertEquals(Math.round(0.299 * 120 + 0.114 * 160), luma.pixel(4, 12, 12), "ITU-R 601 luma of (120, 0, 160)");
  }

  @Test
  void cropsTheCentredSquareAndResizesByAreaDownAndBilinearUp() throws IOException {
    // 6 x 4 image: the centred 4 x 4 square starts at column 1.
    int[][] values = {
        {9, 0, 10, 20, 30, 9},
        {9, 40, 50, 60, 70, 9},
        {9, 80, 90, 100, 110, 9},
        {9, 120, 130, 140, 150, 9}};
    Path folder = tmp.resolve("plane");
    Files.createDirectories(folder);
    BufferedImage image = new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        image.setRGB(x, y, values[y][x] * 0x010101);
      }
    }
    ImageIO.write(image, "png", folder.resolve("plane.png").toFile());
    Images two = ImageFolderReader.read(folder, new ImageFolderReader.Options(2, 1), (d, t) -> { }).images();
    // Area averaging 4 -> 2: the mean of each 2 x 2 block.
    assertArrayEquals(new byte[] {(byte) 25, (byte) 45, (byte) 105, (byte) 125}, two.pixels());
    Images three = ImageFolderReader.read(folder, new ImageFolderReader.Options(3, 1), (d, t) -> { }).images();
    // 4 -> 3: output pixel 0 covers source [0, 4/3) (weights 3/4, 1/4), pixel 1 covers [4/3, 8/3) (1/2, 1/2).
    assertEquals(Math.round(0.75 * (0.5 * 10 + 0.5 * 20) + 0.25 * (0.5 * 50 + 0.5 * 60)), three.pixel(0, 0, 1)); // 25
    assertEquals((50 + 60 + 90 + 100) / 4, three.pixel(0, 1, 1));
    // Pixel 2 covers [8/3, 4): weights 1/4, 3/4; 137.5 exactly, so either neighbour is a right rounding.
    assertEquals(0.25 * (0.25 * 100 + 0.75 * 110) + 0.75 * (0.25 * 140 + 0.75 * 150), three.pixel(0, 2, 2), 0.5);
    Images eight = ImageFolderReader.read(folder, new ImageFolderReader.Options(8, 1), (d, t) -> { }).images();
    // Bilinear 4 -> 8, half-pixel centres: output x = 1 samples source 0.25, x = 0 clamps to 0.
    assertEquals(0, eight.pixel(0, 0, 0));
    assertEquals(Math.round(0.75 * 0 + 0.25 * 10), eight.pixel(0, 0, 1));
    assertEquals(Math.round(0.75 * (0.75 * 0 + 0.25 * 10) + 0.25 * (0.75 * 40 + 0.25 * 50)), eight.pixel(0, 1, 1));
    assertEquals(150, eight.pixel(0, 7, 7));
  }

  @Test
  void areaWeightsCoverEachOutputPixelOnce() {
    double[][] w = ImageResize.areaWeights(5, 3);
    for (double[] row : w) {
      double sum = 0;
      for (double v : row) {
        sum += v;
      }
      assertEquals(1, sum, 1e-12);
    }
    assertArrayEquals(new double[] {0.6, 0.4, 0, 0, 0}, w[0], 1e-12); // [0, 5/3): 1 + 2/3, over 5/3
  }

  @Test
  void aFolderWithoutImagesIsAnErrorThatSaysWhatItWants() throws IOException {
    Path empty = tmp.resolve("empty");
    Files.createDirectories(empty.resolve("sub"));
    Files.writeString(empty.resolve("sub/readme.txt"), "no images");
    DataException none = assertThrows(DataException.class,
        () -> ImageFolderReader.read(empty, new ImageFolderReader.Options(16, 0), (d, t) -> { }));
    assertTrue(none.getMessage().contains("holds no image files (bmp, gif, jpeg, jpg, png)"), none.getMessage());
    Path broken = tmp.resolve("broken");
    Files.createDirectories(broken);
    Files.copy(fixture().resolve("squares/truncated.png"), broken.resolve("x.png"));
    DataException undecodable = assertThrows(DataException.class,
        () -> ImageFolderReader.read(broken, new ImageFolderReader.Options(16, 0), (d, t) -> { }));
    assertTrue(undecodable.getMessage().startsWith("none of the 1 image files under "), undecodable.getMessage());
    assertThrows(DataException.class, () -> ImageFolderReader.read(tmp.resolve("missing"), new ImageFolderReader.Options(16, 0),
        (d, t) -> { }));
    assertThrows(IllegalArgumentException.class, () -> new ImageFolderReader.Options(16, 2));
  }

  private static int[] rgb(Images images, int i, int row, int col) {
    return new int[] {images.pixel(i, row, col, 0), images.pixel(i, row, col, 1), images.pixel(i, row, col, 2)};
  }
}
