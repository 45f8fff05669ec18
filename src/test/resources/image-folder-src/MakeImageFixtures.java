import java.awt.*;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.*;
import javax.imageio.ImageIO;

/** Writes the image-folder test fixture: two classes of small shapes in every supported format. */
public class MakeImageFixtures {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Files.createDirectories(root.resolve("circles"));
    Files.createDirectories(root.resolve("squares/more"));
    write(shape(40, 30, true, new Color(200, 40, 40), BufferedImage.TYPE_INT_RGB), "png", root.resolve("circles/red-40x30.png"));
    write(shape(32, 32, true, new Color(40, 160, 60), BufferedImage.TYPE_INT_RGB), "jpg", root.resolve("circles/green-32.jpg"));
    write(shape(20, 24, true, new Color(30, 60, 220), BufferedImage.TYPE_INT_RGB), "bmp", root.resolve("circles/blue-20x24.bmp"));
    write(shape(16, 16, false, new Color(250, 200, 0), BufferedImage.TYPE_INT_RGB), "gif", root.resolve("squares/yellow-16.gif"));
    write(shape(24, 24, false, new Color(120, 0, 160), BufferedImage.TYPE_INT_ARGB), "png", root.resolve("squares/purple-alpha-24.png"));
    write(shape(36, 36, false, new Color(90, 90, 90), BufferedImage.TYPE_BYTE_GRAY), "png", root.resolve("squares/more/grey-36.png"));
    byte[] png = Files.readAllBytes(root.resolve("circles/red-40x30.png"));
    Files.write(root.resolve("squares/truncated.png"), java.util.Arrays.copyOf(png, png.length / 2));
    Files.writeString(root.resolve("squares/notes.txt"), "not an image: ignored by its extension\n");
  }

  /** A shape on a transparent (ARGB) or black background. */
  static BufferedImage shape(int w, int h, boolean circle, Color color, int type) {
    BufferedImage image = new BufferedImage(w, h, type);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    int side = Math.min(w, h) / 2;
    if (circle) {
      g.fillOval((w - side) / 2, (h - side) / 2, side, side);
    } else {
      g.fillRect((w - side) / 2, (h - side) / 2, side, side);
    }
    g.dispose();
    return image;
  }

  static void write(BufferedImage image, String format, Path file) throws Exception {
    if (!ImageIO.write(image, format, file.toFile())) {
      throw new IllegalStateException("no writer for " + format);
    }
  }
}
