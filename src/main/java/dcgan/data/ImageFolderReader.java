package dcgan.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A folder of image files as training data, the way torchvision's {@code ImageFolder} and
 * CelebA's {@code img_align_celeba/} lay them out: PNG, JPEG, BMP and GIF (its first frame) files,
 * in subfolders at any depth. Each image is composited onto {@link #BACKGROUND} where it is
 * transparent, cropped to its largest centred square and resized to {@code size x size}
 * ({@link ImageResize}), grey or RGB.
 *
 * <p>Labels: when every image lies inside a top-level subfolder, the subfolders, sorted by name, are
 * the classes 0, 1, ... (their names in {@link Result#classes()}); images directly in the folder
 * mean no labels. Files are read in sorted order of their paths, so the same folder gives the same
 * images in the same order everywhere. Unreadable or truncated files are skipped and reported.
 */
public final class ImageFolderReader {

  /** The file name extensions read (case-insensitive). */
  public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

  /** Where an image is transparent it shows this colour: white, {@code 0xFFFFFF}. */
  public static final int BACKGROUND = 0xFFFFFF;

  /** Most classes a byte label holds. */
  static final int MAX_CLASSES = Images.MAX_CLASSES;

  private ImageFolderReader() {}

  /**
   * What to make of the images.
   *
   * @param size the side of the square images, in pixels
   * @param channels 1 (grey), 3 (RGB), or 0: grey when every pixel of every image is grey, else RGB
   */
  public record Options(int size, int channels) {
    public Options {
      if (size < 1) {
        throw new IllegalArgumentException("the image size must be at least 1 pixel, got " + size);
      }
      if (channels != 0 && channels != 1 && channels != 3) {
        throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
      }
    }
  }

  /** Told after each decoded file: how many of how many are done. */
  @FunctionalInterface
  public interface Progress {
    void update(int done, int total);
  }

  /**
   * What was read.
   *
   * @param images the images, with labels when the folder has class subfolders
   * @param classes the class names (subfolder names) in label order; empty without labels
   * @param skipped the files that could not be decoded, relative to the folder
   */
  public record Result(Images images, List<String> classes, List<String> skipped) {}

  /** What a folder without images holds instead, and the option that reads it: the advice of that error. */
  private static String whatItHolds(Path folder) throws IOException {
    List<String> names;
    try (Stream<Path> walk = Files.walk(folder, 2)) {
      names = walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
    }
    java.util.Optional<String> npz = names.stream().filter(n -> n.endsWith(".npz")).findFirst();
    if (npz.isPresent()) {
      return "; it holds " + npz.get() + ": pass that file itself, --data " + folder.resolve(npz.get());
    }
    if (names.stream().anyMatch(n -> n.startsWith("data_batch_") && n.endsWith(".bin"))) {
      return "; it holds CIFAR-10's binary batches: add --dataset cifar10";
    }
    if (names.stream().anyMatch(n -> n.contains("-ubyte"))) {
      return "; it holds IDX files, but not train-images-idx3-ubyte[.gz]: pass the folder of the four MNIST files";
    }
    return names.isEmpty() ? "; it is empty: pass a folder of images (subfolders per class allowed), an mnist.npz, or a folder"
        + " of MNIST's IDX files" : "; pass a folder of images, subfolders per class allowed";
  }

  /** The image files under {@code folder}, sorted by path; an error when there is none. */
  public static List<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new DataException(folder + " is not a folder of images");
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      List<Path> files = walk.filter(Files::isRegularFile).filter(ImageFolderReader::hasImageExtension)
          .sorted().toList();
      if (files.isEmpty()) {
        throw new DataException(folder + " holds no image files (" + String.join(", ", new TreeSet<>(EXTENSIONS)) + ")"
            + whatItHolds(folder));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** Decodes every image file under {@code folder}. */
  public static Result read(Path folder, Options options, Progress progress) {
    return read(folder, list(folder), options, progress);
  }

  /** Decodes {@code files}, the image files under {@code folder} as {@link #list} gives them. */
  static Result read(Path folder, List<Path> files, Options options, Progress progress) {
    List<String> classes = classes(folder, files);
    int size = options.size();
    List<double[]> decoded = new ArrayList<>(); // per image: size * size * 3, RGB interleaved
    List<Integer> labels = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      BufferedImage image = decode(file);
      if (image == null) {
        skipped.add(folder.relativize(file).toString());
      } else {
        decoded.add(squareRgb(image, size));
        if (!classes.isEmpty()) {
          labels.add(classes.indexOf(folder.relativize(file).getName(0).toString()));
        }
      }
      progress.update(i + 1, files.size());
    }
    if (decoded.isEmpty()) {
      throw new DataException("none of the " + files.size() + " image files under " + folder + " could be decoded (the first: "
          + skipped.get(0) + ")");
    }
    int channels = options.channels() != 0 ? options.channels() : allGrey(decoded) ? 1 : 3;
    byte[] pixels = pack(decoded, size, channels);
    byte[] labelBytes = null;
    if (!classes.isEmpty()) {
      labelBytes = new byte[labels.size()];
      for (int i = 0; i < labelBytes.length; i++) {
        labelBytes[i] = (byte) (int) labels.get(i);
      }
    }
    Images images = new Images(pixels, decoded.size(), size, size, channels, labelBytes, folder.toString());
    return new Result(images, classes, List.copyOf(skipped));
  }

  /**
   * The class names: the top-level subfolders holding images, sorted, when no image lies directly
   * in {@code folder}; otherwise none.
   */
  static List<String> classes(Path folder, List<Path> files) {
    TreeSet<String> names = new TreeSet<>();
    for (Path file : files) {
      Path relative = folder.relativize(file);
      if (relative.getNameCount() == 1) {
        return List.of();
      }
      names.add(relative.getName(0).toString());
    }
    if (names.size() > MAX_CLASSES) {
      throw new DataException(folder + " has " + names.size() + " class subfolders; at most " + MAX_CLASSES + " are supported");
    }
    return List.copyOf(names);
  }

  /**
   * The first image of {@code file}, or null when it cannot be decoded: no reader for its content,
   * a decoding error, or a warning (a truncated JPEG decodes with a warning and grey rows).
   */
  static BufferedImage decode(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        return null;
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        boolean[] warned = {false};
        reader.addIIOReadWarningListener((source, warning) -> warned[0] = true);
        reader.setInput(in, true, true);
        BufferedImage image = reader.read(0);
        return warned[0] ? null : image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null; // ImageIO reports corrupt data as IIOException, and sometimes as a runtime exception
    }
  }

  /** The image composited onto the background, centre-cropped and resized: {@code size * size * 3} values in [0, 255]. */
  static double[] squareRgb(BufferedImage image, int size) {
    int width = image.getWidth(), height = image.getHeight();
    int[] argb = argb(image);
    int side = Math.min(width, height);
    double[][] planes = new double[3][];
    for (int c = 0; c < 3; c++) {
      double[] plane = new double[width * height];
      int shift = 16 - 8 * c;
      double background = (BACKGROUND >> shift) & 0xFF;
      for (int p = 0; p < plane.length; p++) {
        double alpha = ((argb[p] >>> 24) & 0xFF) / 255.0;
        plane[p] = alpha * ((argb[p] >> shift) & 0xFF) + (1 - alpha) * background;
      }
      planes[c] = ImageResize.resize(ImageResize.centreSquare(plane, width, height), side, size);
    }
    double[] out = new double[size * size * 3];
    for (int p = 0; p < size * size; p++) {
      for (int c = 0; c < 3; c++) {
        out[p * 3 + c] = planes[c][p];
      }
    }
    return out;
  }

  /**
   * The image as ARGB values. Grey images are read from their raster: {@code getRGB} would convert
   * them from Java's linear grey colour space to sRGB and brighten every mid-tone.
   */
  static int[] argb(BufferedImage image) {
    int width = image.getWidth(), height = image.getHeight();
    java.awt.image.ColorModel model = image.getColorModel();
    boolean grey = model.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
        && !(model instanceof java.awt.image.IndexColorModel);
    if (!grey) {
      return image.getRGB(0, 0, width, height, null, 0, width);
    }
    java.awt.image.Raster raster = image.getRaster();
    int bands = raster.getNumBands();
    double greyMax = (1 << model.getComponentSize(0)) - 1;
    double alphaMax = bands > 1 ? (1 << model.getComponentSize(1)) - 1 : 1;
    int[] out = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = (int) Math.round(raster.getSample(x, y, 0) * 255 / greyMax);
        int a = bands > 1 ? (int) Math.round(raster.getSample(x, y, 1) * 255 / alphaMax) : 255;
        out[y * width + x] = a << 24 | v << 16 | v << 8 | v;
      }
    }
    return out;
  }

  private static boolean allGrey(List<double[]> images) {
    for (double[] rgb : images) {
      for (int p = 0; p < rgb.length; p += 3) {
        if (Math.round(rgb[p]) != Math.round(rgb[p + 1]) || Math.round(rgb[p]) != Math.round(rgb[p + 2])) {
          return false;
        }
      }
    }
    return true;
  }

  /** Rounds to bytes; grey by ITU-R 601 luma ({@code 0.299 R + 0.587 G + 0.114 B}, PIL's "L"). */
  private static byte[] pack(List<double[]> images, int size, int channels) {
    int perImage = size * size * channels;
    byte[] out = new byte[images.size() * perImage];
    for (int i = 0; i < images.size(); i++) {
      double[] rgb = images.get(i);
      for (int p = 0; p < size * size; p++) {
        if (channels == 1) {
          out[i * perImage + p] = toByte(0.299 * rgb[3 * p] + 0.587 * rgb[3 * p + 1] + 0.114 * rgb[3 * p + 2]);
        } else {
          for (int c = 0; c < 3; c++) {
            out[i * perImage + 3 * p + c] = toByte(rgb[3 * p + c]);
          }
        }
      }
    }
    return out;
  }

  private static byte toByte(double value) {
    return (byte) (int) Math.max(0, Math.min(255, Math.round(value)));
  }

  private static boolean hasImageExtension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
