package dcgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers on real digits in both layouts, and one clear error for each kind of bad file. */
class MnistReaderTest {

  @TempDir
  Path tmp;

  @Test
  void npzAndIdxHoldTheSameDigits() throws IOException {
    Images npz = MnistReader.read(Fixtures.mnistNpz());
    Images gz = MnistReader.read(Fixtures.mnistFolder().resolve("train-images-idx3-ubyte.gz"));
    Path raw = tmp.resolve("train-images-idx3-ubyte");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.mnistFolder().resolve("train-images-idx3-ubyte.gz")))) {
      Files.copy(in, raw);
    }
    Images plain = MnistReader.read(raw);
    Images folder = MnistReader.read(tmp);
    assertEquals(256, npz.count());
    assertEquals(28, npz.rows());
    assertArrayEquals(npz.pixels(), gz.pixels());
    assertArrayEquals(npz.pixels(), plain.pixels());
    assertArrayEquals(npz.pixels(), folder.pixels());
    // The first training digit is a 5: ink in the middle, blank corners.
    assertEquals(0, npz.pixel(0, 0, 0));
    assertTrue(npz.pixel(0, 14, 14) + npz.pixel(0, 12, 14) + npz.pixel(0, 15, 10) > 0);
  }

  @Test
  void storedNpzWorksAsWellAsCompressed() throws IOException {
    byte[] pixels = new byte[2 * 28 * 28];
    pixels[5] = 42;
    Path file = npz(tmp.resolve("stored.npz"), ZipEntry.STORED, Npy.write("|u1", new long[] {2, 28, 28}, pixels));
    Images images = MnistReader.read(file);
    assertEquals(2, images.count());
    assertEquals(42, images.pixel(0, 0, 5));
  }

  @Test
  void truncatedNpzIsReported() throws IOException {
    byte[] whole = Files.readAllBytes(Fixtures.mnistNpz());
    Path file = tmp.resolve("mnist.npz");
    Files.write(file, Arrays.copyOf(whole, whole.length * 6 / 10));
    assertError(file, "truncated or corrupt");
  }

  @Test
  void garbageNamedNpzIsReported() throws IOException {
    Path file = tmp.resolve("mnist.npz");
    Files.writeString(file, "<html>Access denied</html>");
    assertError(file, "not a readable .npz");
  }

  @Test
  void wrongDtypeIsReported() throws IOException {
    Path file = npz(tmp.resolve("f.npz"), ZipEntry.DEFLATED, Npy.writeFloats(new float[28 * 28], 1, 28, 28));
    assertError(file, "dtype <f4");
  }

  @Test
  void wrongShapeIsReported() throws IOException {
    Path file = npz(tmp.resolve("s.npz"), ZipEntry.DEFLATED, Npy.write("|u1", new long[] {3, 32, 32}, new byte[3 * 32 * 32]));
    assertError(file, "shape [3, 32, 32]");
  }

  @Test
  void npzWithoutTrainingImagesIsReported() throws IOException {
    Path file = tmp.resolve("other.npz");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("weights.npy"));
      zip.write(Npy.writeFloats(new float[] {1f}, 1));
    }
    assertError(file, "no x_train");
  }

  @Test
  void truncatedNpyDataIsReported() throws IOException {
    byte[] full = Npy.write("|u1", new long[] {2, 28, 28}, new byte[2 * 28 * 28]);
    Path file = npz(tmp.resolve("t.npz"), ZipEntry.DEFLATED, Arrays.copyOf(full, full.length - 100));
    assertError(file, "truncated");
  }

  @Test
  void labelFileInsteadOfImagesIsReported() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000801);
    out.writeInt(3);
    out.write(new byte[] {1, 2, 3});
    Path file = tmp.resolve("train-labels-idx1-ubyte");
    Files.write(file, bytes.toByteArray());
    assertError(file, "IDX magic 0x00000801");
  }

  @Test
  void truncatedIdxIsReported() throws IOException {
    Path file = idx(tmp.resolve("train-images-idx3-ubyte"), 10, 28, 5 * 784);
    assertError(file, "truncated");
  }

  @Test
  void wrongImageSizeIsReported() throws IOException {
    Path file = idx(tmp.resolve("train-images-idx3-ubyte"), 2, 32, 2 * 32 * 32);
    assertError(file, "32x32");
  }

  @Test
  void truncatedGzipIsReported() throws IOException {
    byte[] whole = Files.readAllBytes(Fixtures.mnistFolder().resolve("train-images-idx3-ubyte.gz"));
    Path file = tmp.resolve("train-images-idx3-ubyte.gz");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    assertError(file, "truncated or not valid gzip");
  }

  @Test
  void missingFileAndEmptyFolderAreReported() {
    assertError(tmp.resolve("nope.npz"), "does not exist");
    assertError(tmp, "holds neither train-images-idx3-ubyte.gz nor train-images-idx3-ubyte");
  }

  @Test
  void limitKeepsTheFirstImages() {
    Images all = MnistReader.read(Fixtures.mnistNpz());
    Images ten = all.limit(10);
    assertEquals(10, ten.count());
    assertArrayEquals(Arrays.copyOf(all.pixels(), 10 * 784), ten.pixels());
    assertEquals(all, all.limit(0));
  }

  private static void assertError(Path file, String expected) {
    DataException e = assertThrows(DataException.class, () -> MnistReader.read(file));
    assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
  }

  private static Path npz(Path file, int method, byte[] xTrain) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      ZipEntry entry = new ZipEntry("x_train.npy");
      entry.setMethod(method);
      if (method == ZipEntry.STORED) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(xTrain);
        entry.setSize(xTrain.length);
        entry.setCrc(crc.getValue());
      }
      zip.putNextEntry(entry);
      zip.write(xTrain);
    }
    return file;
  }

  private static Path idx(Path file, int count, int side, int dataBytes) throws IOException {
    try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(os)) {
      out.writeInt(MnistReader.IDX3_UBYTE_MAGIC);
      out.writeInt(count);
      out.writeInt(side);
      out.writeInt(side);
      out.write(new byte[dataBytes]);
    }
    return file;
  }

  @org.junit.jupiter.api.Test
  void aCorruptArchiveIsRefusedNotTrainedOn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // The fixture's arrays as an uncompressed .npz (np.savez), then one pixel byte of x_train flipped: the zip still reads,
    // only the CRC-32 tells.
    Path stored = dir.resolve("mnist.npz");
    try (java.util.zip.ZipFile source = new java.util.zip.ZipFile(dcgan.Fixtures.mnistNpz().toFile());
        java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(stored))) {
      for (var e : java.util.Collections.list(source.entries())) {
        byte[] bytes = source.getInputStream(e).readAllBytes();
        java.util.zip.ZipEntry copy = new java.util.zip.ZipEntry(e.getName());
        copy.setMethod(java.util.zip.ZipEntry.STORED);
        copy.setSize(bytes.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        copy.setCrc(crc.getValue());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    byte[] file = java.nio.file.Files.readAllBytes(stored);
    byte[] name = "x_train.npy".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int header = indexOf(file, name) - 30; // the local file header, whose name x_train.npy is
    int extra = (file[header + 28] & 0xff) | (file[header + 29] & 0xff) << 8;
    file[header + 30 + name.length + extra + 50_000] ^= 0x5a; // a pixel of x_train, in the file the archive's CRC describes
    java.nio.file.Files.write(stored, file);
    DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class, () -> MnistReader.readNpz(stored));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("mnist.npz is corrupt: x_train.npy's data does not match"
        + " its CRC-32"), e.getMessage());
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
