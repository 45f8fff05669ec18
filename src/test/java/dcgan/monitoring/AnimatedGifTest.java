package dcgan.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

/** dcgan.gif, read back with the JDK's GIF reader: frames, order, delay, loop. */
class AnimatedGifTest {

  @TempDir
  Path tmp;

  /** Epoch grids whose tiles are uniformly grey at a level that identifies the epoch. */
  private List<Path> epochs(int count) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int epoch = count; epoch >= 1; epoch--) { // written out of order: the writer sorts
      float[] pixels = new float[16 * 784];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (i % 28) < 14 ? -1f : epoch / (float) count; // half black, half the epoch's level
      }
      Path file = tmp.resolve(ImageGrid.fileName(epoch));
      ImageGrid.save(file, pixels, 16, 28);
      files.add(file);
    }
    return AnimatedGif.epochImages(tmp);
  }

  @Test
  void framesAreTheEpochsInOrderWithTheLastHeld() throws IOException {
    List<Path> frames = epochs(3);
    assertEquals(List.of("image_at_epoch_0001.png", "image_at_epoch_0002.png", "image_at_epoch_0003.png"),
        frames.stream().map(p -> p.getFileName().toString()).toList());
    Path gif = tmp.resolve("dcgan.gif");
    assertEquals(4, AnimatedGif.write(frames, gif));

    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      reader.setInput(in);
      assertEquals(4, reader.getNumImages(true));
      for (int i = 0; i < 4; i++) {
        BufferedImage expected = ImageIO.read(frames.get(Math.min(i, 2)).toFile());
        BufferedImage actual = reader.read(i);
        assertEquals(288, actual.getWidth());
        for (int y = 0; y < 288; y += 7) {
          for (int x = 0; x < 288; x += 7) {
            assertEquals(expected.getRGB(x, y) & 0xFF, actual.getRGB(x, y) & 0xFF, "frame " + i + " at " + x + "," + y);
          }
        }
        IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
        assertEquals("10", find(root, "GraphicControlExtension").getAttributes().getNamedItem("delayTime").getNodeValue(),
            "100 ms per frame");
      }
      IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
      IIOMetadataNode loop = (IIOMetadataNode) find(root(first, "ApplicationExtensions"), "ApplicationExtension");
      assertEquals("NETSCAPE", loop.getAttribute("applicationID"));
      byte[] data = (byte[]) loop.getUserObject();
      assertEquals(1, data[0]);
      assertEquals(0, (data[1] & 0xFF) | (data[2] & 0xFF) << 8, "loop count 0: forever");
    } finally {
      reader.dispose();
    }
  }

  @Test
  void anEmptyFolderIsAnError() {
    IOException e = assertThrows(IOException.class, () -> AnimatedGif.write(AnimatedGif.epochImages(tmp), tmp.resolve("x.gif")));
    assertTrue(e.getMessage().contains("image_at_epoch"));
    assertTrue(Files.notExists(tmp.resolve("x.gif")));
  }

  private static IIOMetadataNode root(IIOMetadataNode node, String name) {
    return (IIOMetadataNode) find(node, name);
  }

  private static Node find(Node node, String name) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeName().equals(name)) {
        return child;
      }
    }
    throw new AssertionError("no " + name);
  }

  @Test
  void colourGridsStayInColour() throws IOException {
    int side = 8;
    float[] images = new float[16 * side * side * 3];
    for (int v = 0; v < images.length; v += 3) {
      images[v] = 1f;
      images[v + 1] = -1f;
      images[v + 2] = -1f;
    }
    Path folder = tmp.resolve("colour");
    java.nio.file.Files.createDirectories(folder);
    ImageGrid.save(folder.resolve(ImageGrid.fileName(1)), images, 16, side, 3);
    Path gif = folder.resolve("colour.gif");
    AnimatedGif.write(AnimatedGif.epochImages(folder), gif);
    java.awt.image.BufferedImage frame = javax.imageio.ImageIO.read(gif.toFile());
    assertEquals(0xFFFF0000, frame.getRGB(60, 58), "a red tile, not a grey one");
  }
}
