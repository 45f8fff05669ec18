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
 * Reads MNIST-style training images from the two layouts they come in: Keras's {@code mnist.npz}
 * (array {@code x_train}, uint8 {@code [n, 28, 28]}) and the original IDX files, raw or gzipped
 * ({@code train-images-idx3-ubyte[.gz]}, magic {@code 0x00000803}). Fashion-MNIST uses the same
 * IDX layout.
 *
 * <p>Every problem is a {@link DataException} that names the file.
 */
public final class MnistReader {

  /** Image side length of (Fashion-)MNIST. */
  public static final int SIDE = 28;
  /** IDX magic number of an unsigned-byte, rank-3 array. */
  public static final int IDX3_UBYTE_MAGIC = 0x00000803;
  /** Name of the training images in an IDX folder, without {@code .gz}. */
  public static final String IDX_TRAIN_IMAGES = "train-images-idx3-ubyte";

  private MnistReader() {}

  /** Reads {@code path}: a {@code .npz}, a folder of IDX files, or one IDX images file. */
  public static Images read(Path path) {
    if (Files.isDirectory(path)) {
      return readIdxFolder(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new DataException(path + " does not exist; pass --data a mnist.npz file or a folder of IDX files");
    }
    return startsWithZipMagic(path) || path.toString().endsWith(".npz") ? readNpz(path) : readIdx(path);
  }

  /** The training images {@code x_train} of a Keras {@code .npz}. */
  public static Images readNpz(Path path) {
    try (ZipFile zip = new ZipFile(path.toFile())) {
      ZipEntry entry = zip.getEntry("x_train.npy");
      if (entry == null) {
        throw new DataException(path + " has no x_train array; expected Keras's mnist.npz layout (x_train, y_train, x_test, y_test)");
      }
      try (InputStream in = new BufferedInputStream(zip.getInputStream(entry))) {
        Npy.Array array = Npy.read(in, path + ":x_train");
        if (!array.dtype().equals("|u1") && !array.dtype().equals("<u1")) {
          throw new DataException(path + ": x_train has dtype " + array.dtype() + ", expected uint8 ('|u1')");
        }
        long[] shape = array.shape();
        if (shape.length != 3 || shape[1] != SIDE || shape[2] != SIDE || shape[0] < 1) {
          throw new DataException(path + ": x_train has shape " + Arrays.toString(shape) + ", expected [n, 28, 28]");
        }
        return new Images(array.data(), (int) shape[0], SIDE, SIDE, path.toString());
      }
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
    for (String name : new String[] {IDX_TRAIN_IMAGES + ".gz", IDX_TRAIN_IMAGES}) {
      Path file = folder.resolve(name);
      if (Files.isRegularFile(file)) {
        return readIdx(file);
      }
    }
    throw new DataException(folder + " holds neither " + IDX_TRAIN_IMAGES + ".gz nor " + IDX_TRAIN_IMAGES
        + "; pass --data a folder of IDX files or a mnist.npz");
  }

  /** One IDX images file, raw or gzipped (detected by content, not by name). */
  public static Images readIdx(Path path) {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(path));
        DataInputStream in = new DataInputStream(maybeGunzip(file))) {
      byte[] magicBytes = in.readNBytes(4);
      if (magicBytes.length < 4) {
        throw new DataException(path + " is too short for an IDX file (" + magicBytes.length + " bytes)");
      }
      int magic = java.nio.ByteBuffer.wrap(magicBytes).getInt();
      if (magic != IDX3_UBYTE_MAGIC) {
        throw new DataException(String.format("%s has IDX magic 0x%08x, expected 0x%08x (unsigned bytes, 3 dimensions):"
            + " not an images file", path, magic, IDX3_UBYTE_MAGIC));
      }
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

  private static boolean startsWithZipMagic(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    } catch (IOException e) {
      throw new DataException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
