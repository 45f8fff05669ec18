package dcgan.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads MNIST-style images, and their labels where asked, from the two layouts they come in: Keras's
 * {@code mnist.npz} (arrays {@code x_train}, {@code x_test}, uint8 {@code [n, 28, 28]}, and {@code
 * y_train}, {@code y_test}, uint8 {@code [n]}) and the original IDX files, raw or gzipped ({@code
 * train-images-idx3-ubyte[.gz]}, magic {@code 0x00000803}; {@code train-labels-idx1-ubyte[.gz]},
 * magic {@code 0x00000801}; {@code t10k-*} for the test split). Fashion-MNIST uses the same IDX layout.
 *
 * <p>Every problem is a {@link DataException} that names the file.
 */
public final class MnistReader {

  /** Image side length of (Fashion-)MNIST. */
  public static final int SIDE = 28;
  /** IDX magic number of an unsigned-byte, rank-3 array. */
  public static final int IDX3_UBYTE_MAGIC = 0x00000803;
  /** IDX magic number of an unsigned-byte, rank-1 array (labels). */
  public static final int IDX1_UBYTE_MAGIC = 0x00000801;
  /** Name of the training images in an IDX folder, without {@code .gz}. */
  public static final String IDX_TRAIN_IMAGES = Split.TRAIN.idxImages();

  private MnistReader() {}

  /** Reads {@code path}: a {@code .npz}, a folder of IDX files, or one IDX images file. */
  public static Images read(Path path) {
    if (Files.isDirectory(path)) {
      return readIdxFolder(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new DataException(path + " does not exist; pass --data a mnist.npz file or a folder of IDX files");
    }
    return isNpz(path) ? readNpz(path) : readIdx(path);
  }

  /**
   * Reads one split of {@code path} (a {@code .npz} or a folder of IDX files) with its labels, as
   * evaluation and conditioning need them.
   *
   * @throws DataException if the images or labels are missing, truncated, or do not match
   */
  public static Images readLabeled(Path path, Split split) {
    if (Files.isDirectory(path)) {
      return readIdxFolder(path, split, true);
    }
    if (!Files.isRegularFile(path)) {
      throw new DataException(path + " does not exist; pass --data a mnist.npz file or a folder of IDX files");
    }
    if (!isNpz(path)) {
      throw new DataException(path + " is a single IDX file, which holds no labels and no " + split.name().toLowerCase()
          + " split; pass --data the folder that holds " + split.idxImages() + " and " + split.idxLabels() + " (raw or .gz), or a mnist.npz");
    }
    return readNpz(path, split, true);
  }

  /** The training images {@code x_train} of a Keras {@code .npz}. */
  public static Images readNpz(Path path) {
    return readNpz(path, Split.TRAIN, false);
  }

  /** The images of {@code split} of a Keras {@code .npz}, with their labels if {@code withLabels}. */
  public static Images readNpz(Path path, Split split, boolean withLabels) {
    try (ZipFile zip = new ZipFile(path.toFile())) {
      Npy.Array array = npzArray(zip, path, split.npzImages());
      if (!isUint8(array)) {
        throw new DataException(path + ": " + split.npzImages() + " has dtype " + array.dtype() + ", expected uint8 ('|u1')");
      }
      long[] shape = array.shape();
      if (shape.length != 3 || shape[1] != SIDE || shape[2] != SIDE || shape[0] < 1) {
        throw new DataException(path + ": " + split.npzImages() + " has shape " + Arrays.toString(shape) + ", expected [n, 28, 28]");
      }
      int count = (int) shape[0];
      byte[] labels = null;
      if (withLabels) {
        Npy.Array y = npzArray(zip, path, split.npzLabels());
        if (!isUint8(y) && !y.dtype().matches("[<|]i[1248]|[<|]u[248]")) {
          throw new DataException(path + ": " + split.npzLabels() + " has dtype " + y.dtype() + ", expected integers (uint8 as Keras's)");
        }
        labels = checkLabels(integers(y), count, path + ":" + split.npzLabels());
      }
      return new Images(array.data(), count, SIDE, SIDE, labels, path + (split == Split.TRAIN ? "" : ":" + split.npzImages()));
    } catch (ZipException | EOFException e) {
      throw new DataException(path + " is not a readable .npz (zip) archive, probably truncated or corrupt ("
          + e.getMessage() + "); delete it so that it is downloaded again, or pass another file with --data", e);
    } catch (NoSuchFileException e) {
      throw new DataException(path + " does not exist", e);
    } catch (IOException e) {
      throw new DataException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** The training images of a folder holding {@code train-images-idx3-ubyte} or its {@code .gz}. */
  public static Images readIdxFolder(Path folder) {
    return readIdxFolder(folder, Split.TRAIN, false);
  }

  /** The images of {@code split} in an IDX folder, with their labels if {@code withLabels}. */
  public static Images readIdxFolder(Path folder, Split split, boolean withLabels) {
    Images images = readIdx(idxFile(folder, split.idxImages()));
    if (!withLabels) {
      return images;
    }
    Path labelFile = idxFile(folder, split.idxLabels());
    byte[] labels = checkLabels(unsigned(readIdxLabels(labelFile)), images.count(), labelFile.toString());
    return new Images(images.pixels(), images.count(), SIDE, SIDE, labels, images.source());
  }

  /** {@code folder/name.gz} or {@code folder/name}, whichever exists. */
  private static Path idxFile(Path folder, String name) {
    for (String candidate : new String[] {name + ".gz", name}) {
      Path file = folder.resolve(candidate);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new DataException(folder + " holds neither " + name + ".gz nor " + name
        + "; pass --data a folder of IDX files or a mnist.npz");
  }

  /** One IDX labels file ({@code *-labels-idx1-ubyte}), raw or gzipped. */
  public static byte[] readIdxLabels(Path path) {
    return readIdxFile(path, IDX1_UBYTE_MAGIC, "1 dimension): not a labels file", in -> {
      int count = in.readInt();
      byte[] labels = in.readNBytes(Math.max(0, count));
      if (count < 1 || labels.length < count) {
        throw new DataException(path + " is truncated: its header announces " + count + " labels, found " + labels.length);
      }
      return labels;
    });
  }

  private static long[] unsigned(byte[] bytes) {
    long[] out = new long[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[i] & 0xFF;
    }
    return out;
  }

  /** {@code labels}, checked: one per image, each a class 0..9. */
  static byte[] checkLabels(long[] labels, int imageCount, String name) {
    if (labels.length != imageCount) {
      throw new DataException(name + " holds " + labels.length + " labels for " + imageCount
          + " images; the labels must belong to the images beside them");
    }
    byte[] classes = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= Images.CLASSES) {
        throw new DataException(name + " holds label " + labels[i] + " at index " + i + "; (Fashion-)MNIST labels are 0 to 9");
      }
      classes[i] = (byte) labels[i];
    }
    return classes;
  }

  /** One IDX images file, raw or gzipped (detected by content, not by name). */
  public static Images readIdx(Path path) {
    return readIdxFile(path, IDX3_UBYTE_MAGIC, "3 dimensions): not an images file", in -> {
      byte[] dims = in.readNBytes(12);
      if (dims.length < 12) {
        throw new DataException(path + " is truncated inside its IDX header");
      }
      DataInputStream header = new DataInputStream(new java.io.ByteArrayInputStream(dims));
      int count = header.readInt();
      int rows = header.readInt();
      int cols = header.readInt();
      if (rows != SIDE || cols != SIDE || count < 1) {
        throw new DataException(path + " holds " + count + " images of " + rows + "x" + cols + ", expected 28x28");
      }
      byte[] pixels = in.readNBytes(count * SIDE * SIDE);
      if (pixels.length < count * SIDE * SIDE) {
        throw new DataException(path + " is truncated: its header announces " + count + " images ("
            + count * SIDE * SIDE + " bytes), found " + pixels.length + " bytes");
      }
      return new Images(pixels, count, SIDE, SIDE, path.toString());
    });
  }

  /** Reads the rest of an IDX file after its magic number. */
  @FunctionalInterface
  private interface IdxBody<T> {
    T read(DataInputStream in) throws IOException;
  }

  /**
   * Opens an IDX file (raw or gzipped), checks its magic number and hands the rest to {@code body};
   * every I/O problem becomes a {@link DataException} naming the file.
   *
   * @param expected what the magic number says, for the message: e.g. {@code 1 dimension): not a labels file}
   */
  private static <T> T readIdxFile(Path path, int magic, String expected, IdxBody<T> body) {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(path));
        DataInputStream in = new DataInputStream(maybeGunzip(file))) {
      byte[] magicBytes = in.readNBytes(4);
      if (magicBytes.length < 4) {
        throw new DataException(path + " is too short for an IDX file (" + magicBytes.length + " bytes)");
      }
      int actual = java.nio.ByteBuffer.wrap(magicBytes).getInt();
      if (actual != magic) {
        throw new DataException(String.format("%s has IDX magic 0x%08x, expected 0x%08x (unsigned bytes, %s", path, actual, magic,
            expected));
      }
      return body.read(in);
    } catch (EOFException | ZipException e) {
      throw new DataException(path + " is truncated or not valid gzip (" + e.getMessage() + ")", e);
    } catch (NoSuchFileException e) {
      throw new DataException(path + " does not exist", e);
    } catch (IOException e) {
      throw new DataException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static InputStream maybeGunzip(InputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static Npy.Array npzArray(ZipFile zip, Path path, String name) throws IOException {
    ZipEntry entry = zip.getEntry(name + ".npy");
    if (entry == null) {
      throw new DataException(path + " has no " + name + " array; expected Keras's mnist.npz layout (x_train, y_train, x_test, y_test)");
    }
    return Npy.read(new java.io.ByteArrayInputStream(verifiedBytes(zip, entry, path)), path + ":" + name);
  }

  /**
   * The bytes of a zip entry, checked against the CRC-32 the archive records for it: {@link
   * ZipFile}'s streams do not check it, and a corrupt archive must not train on garbage.
   *
   * @throws DataException naming the file and the entry if they differ
   */
  static byte[] verifiedBytes(ZipFile zip, ZipEntry entry, Path path) throws IOException {
    byte[] bytes;
    try (InputStream in = zip.getInputStream(entry)) {
      bytes = in.readAllBytes();
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes);
    if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
      throw new DataException(path + " is corrupt: " + entry.getName() + "'s data does not match its CRC-32 (the archive records "
          + String.format("%08x", entry.getCrc()) + ", the data gives " + String.format("%08x", crc.getValue())
          + "); download or copy the file again");
    }
    return bytes;
  }

  private static boolean isUint8(Npy.Array array) {
    return array.dtype().equals("|u1") || array.dtype().equals("<u1");
  }

  /** A little-endian integer array's values (labels may be saved as uint8, int32 or int64). */
  private static long[] integers(Npy.Array array) {
    int size = array.dtype().charAt(2) - '0';
    boolean unsigned = array.dtype().charAt(1) == 'u';
    java.nio.ByteBuffer data = java.nio.ByteBuffer.wrap(array.data()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    long[] out = new long[(int) array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (size) {
        case 1 -> unsigned ? data.get(i) & 0xFF : data.get(i);
        case 2 -> unsigned ? data.getShort(i * 2) & 0xFFFF : data.getShort(i * 2);
        case 4 -> unsigned ? data.getInt(i * 4) & 0xFFFFFFFFL : data.getInt(i * 4);
        default -> data.getLong(i * 8);
      };
    }
    return out;
  }

  private static boolean isNpz(Path path) {
    return startsWithZipMagic(path) || path.toString().endsWith(".npz");
  }

  private static boolean startsWithZipMagic(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    } catch (IOException e) {
      throw new DataException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
