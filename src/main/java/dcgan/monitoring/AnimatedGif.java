package dcgan.monitoring;

import dcgan.files.AtomicFiles;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * The tutorial's {@code dcgan.gif}: every {@code image_at_epoch_*.png} in name (= epoch) order, the
 * last one appended once more so that the animation rests on it, 100 ms per frame (imageio's
 * default), looping forever. Written with the JDK's GIF writer; the grey grids fit its 256-colour
 * palette exactly.
 */
public final class AnimatedGif {

  /** Frame delay, in hundredths of a second. */
  public static final int DELAY_CENTISECONDS = 10;
  private static final String FORMAT = "javax_imageio_gif_image_1.0";

  private AnimatedGif() {}

  /** The epoch grids of {@code folder}, sorted by name as the tutorial's {@code sorted(glob('image*.png'))}. */
  public static List<Path> epochImages(Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, "image_at_epoch_*.png")) {
      found.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  /**
   * Writes the animation of {@code frames} (PNG files) to {@code gif}, atomically.
   *
   * @return the number of frames written (one more than the files: the last is held)
   */
  public static int write(List<Path> frames, Path gif) throws IOException {
    if (frames.isEmpty()) {
      throw new IOException("no image_at_epoch_*.png to animate");
    }
    List<Path> sequence = new ArrayList<>(frames);
    sequence.add(frames.get(frames.size() - 1));
    AtomicFiles.write(gif, tmp -> {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
        writer.setOutput(out);
        writer.prepareWriteSequence(null);
        for (int i = 0; i < sequence.size(); i++) {
          BufferedImage frame = frame(read(sequence.get(i)));
          writer.writeToSequence(new IIOImage(frame, null, metadata(writer, frame, i == 0)), null);
        }
        writer.endWriteSequence();
      } finally {
        writer.dispose();
      }
    });
    return sequence.size();
  }

  private static BufferedImage read(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    if (image == null) {
      throw new IOException(png + " is not a readable PNG");
    }
    return image;
  }

  /** A grey grid as {@link #grey}; a colour one (RGB data) as {@link #colour}. */
  static BufferedImage frame(BufferedImage image) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (((rgb >> 16) & 0xFF) != (rgb & 0xFF) || ((rgb >> 8) & 0xFF) != (rgb & 0xFF)) {
          return colour(image);
        }
      }
    }
    return grey(image);
  }

  /** Levels per channel of the colour palette: 6 x 7 x 6 = 252 colours (green, where the eye is keenest, gets 7). */
  private static final int RED_LEVELS = 6, GREEN_LEVELS = 7, BLUE_LEVELS = 6;

  /** The image as 8-bit indices into a fixed 252-colour palette, each channel rounded to its nearest level. */
  static BufferedImage colour(BufferedImage image) {
    byte[] r = new byte[256], g = new byte[256], b = new byte[256];
    for (int i = 0; i < RED_LEVELS * GREEN_LEVELS * BLUE_LEVELS; i++) {
      r[i] = (byte) Math.round(255.0 * (i / (GREEN_LEVELS * BLUE_LEVELS)) / (RED_LEVELS - 1));
      g[i] = (byte) Math.round(255.0 * (i / BLUE_LEVELS % GREEN_LEVELS) / (GREEN_LEVELS - 1));
      b[i] = (byte) Math.round(255.0 * (i % BLUE_LEVELS) / (BLUE_LEVELS - 1));
    }
    IndexColorModel palette = new IndexColorModel(8, 256, r, g, b);
    BufferedImage indexed = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_INDEXED, palette);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int ri = level((rgb >> 16) & 0xFF, RED_LEVELS), gi = level((rgb >> 8) & 0xFF, GREEN_LEVELS), bi = level(rgb & 0xFF, BLUE_LEVELS);
        indexed.getRaster().setSample(x, y, 0, (ri * GREEN_LEVELS + gi) * BLUE_LEVELS + bi);
      }
    }
    return indexed;
  }

  private static int level(int value, int levels) {
    return (int) Math.round(value * (levels - 1) / 255.0);
  }

  /** The image as 8-bit indices into a 256-level grey palette (the grids are grey: r = g = b). */
  static BufferedImage grey(BufferedImage image) {
    byte[] levels = new byte[256];
    for (int i = 0; i < 256; i++) {
      levels[i] = (byte) i;
    }
    IndexColorModel palette = new IndexColorModel(8, 256, levels, levels, levels);
    BufferedImage indexed = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_INDEXED, palette);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int grey = (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) + 1) / 3;
        indexed.getRaster().setSample(x, y, 0, grey);
      }
    }
    return indexed;
  }

  /** The frame's delay, and on the first frame the NETSCAPE2.0 extension that loops forever. */
  private static IIOMetadata metadata(ImageWriter writer, BufferedImage frame, boolean first) throws IOException {
    IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
    // The default metadata carries a generic palette, not the frame's: put the frame's in.
    IndexColorModel palette = (IndexColorModel) frame.getColorModel();
    IIOMetadataNode table = child(root, "LocalColorTable");
    for (int i = 0; i < table.getLength(); i++) {
      IIOMetadataNode entry = (IIOMetadataNode) table.item(i);
      int index = Integer.parseInt(entry.getAttribute("index"));
      entry.setAttribute("red", String.valueOf(palette.getRed(index)));
      entry.setAttribute("green", String.valueOf(palette.getGreen(index)));
      entry.setAttribute("blue", String.valueOf(palette.getBlue(index)));
    }
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("delayTime", String.valueOf(DELAY_CENTISECONDS));
    control.setAttribute("transparentColorIndex", "0");
    if (first) {
      IIOMetadataNode application = new IIOMetadataNode("ApplicationExtension");
      application.setAttribute("applicationID", "NETSCAPE");
      application.setAttribute("authenticationCode", "2.0");
      application.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
      child(root, "ApplicationExtensions").appendChild(application);
    }
    metadata.setFromTree(FORMAT, root);
    return metadata;
  }

  private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
    for (int i = 0; i < parent.getLength(); i++) {
      if (parent.item(i).getNodeName().equals(name)) {
        return (IIOMetadataNode) parent.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    parent.appendChild(node);
    return node;
  }
}
