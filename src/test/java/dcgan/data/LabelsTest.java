package dcgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both splits with their labels, from npz and IDX (raw and gz), and one clear error for each bad labels case. */
class LabelsTest {

  /** The fixture's first labels, as numpy printed {@code y_train[:10]} and {@code y_test[:10]} of the real MNIST. */
  private static final byte[] FIRST_TRAIN_LABELS = {5, 0, 4, 1, 9, 2, 1, 3, 1, 4};
  private static final byte[] FIRST_TEST_LABELS = {7, 2, 1, 0, 4, 1, 4, 9, 5, 9};

  @TempDir
  Path tmp;

  @Test
  void npzAndIdxGiveBothSplitsWithTheSameLabels() throws IOException {
    for (Split split : Split.values()) {
      Images npz = MnistReader.readLabeled(Fixtures.mnistNpz(), split);
      Images idx = MnistReader.readLabeled(Fixtures.mnistFolder(), split);
      assertEquals(split == Split.TRAIN ? 256 : 320, npz.count());
      assertArrayEquals(npz.pixels(), idx.pixels(), split + " pixels");
      assertArrayEquals(npz.labels(), idx.labels(), split + " labels");
      byte[] first = java.util.Arrays.copyOf(npz.labels(), 10);
      assertArrayEquals(split == Split.TRAIN ? FIRST_TRAIN_LABELS : FIRST_TEST_LABELS, first);
    }
    assertFalse(MnistReader.read(Fixtures.mnistNpz()).hasLabels(), "training reads no labels");
  }

  @Test
  void rawIdxFilesReadAsTheGzippedOnes() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("raw"));
    for (String name : List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.mnistFolder().resolve(name + ".gz")))) {
        Files.write(folder.resolve(name), in.readAllBytes());
      }
    }
    Images raw = MnistReader.readLabeled(folder, Split.TEST);
    assertArrayEquals(MnistReader.readLabeled(Fixtures.mnistFolder(), Split.TEST).labels(), raw.labels());
  }

  @Test
  void labelsThatAreMissingOfTheWrongLengthOrOutOfRangeAreOneClearError() throws IOException {
    Path folder = copyOfTestImages("missing");
    assertError(folder, "holds neither t10k-labels-idx1-ubyte.gz nor t10k-labels-idx1-ubyte");

    Path shortLabels = copyOfTestImages("short");
    writeLabels(shortLabels.resolve("t10k-labels-idx1-ubyte.gz"), new byte[319]);
    assertError(shortLabels, "holds 319 labels for 320 images");

    Path outOfRange = copyOfTestImages("range");
    byte[] labels = new byte[320];
    labels[17] = 12;
    writeLabels(outOfRange.resolve("t10k-labels-idx1-ubyte.gz"), labels);
    assertError(outOfRange, "holds label 12 at index 17");

    Path truncated = copyOfTestImages("truncated");
    byte[] whole = labelFile(new byte[320]);
    Files.write(truncated.resolve("t10k-labels-idx1-ubyte"), java.util.Arrays.copyOf(whole, 100));
    assertError(truncated, "announces 320 labels, found 92");

    Path images = copyOfTestImages("magic");
    Files.copy(Fixtures.mnistFolder().resolve("t10k-images-idx3-ubyte.gz"), images.resolve("t10k-labels-idx1-ubyte.gz"));
    assertError(images, "not a labels file");
  }

  @Test
  void npzLabelsAreCheckedToo() throws IOException {
    Path noLabels = npz(tmp.resolve("no-labels.npz"), new byte[][] {images(3)}, "x_test");
    assertError(noLabels, "has no y_test array");
    Path wrongLength = npz(tmp.resolve("length.npz"), new byte[][] {images(3), Npy.write("|u1", new long[] {2}, new byte[2])},
        "x_test", "y_test");
    assertError(wrongLength, "holds 2 labels for 3 images");
    Path int64 = npz(tmp.resolve("int64.npz"), new byte[][] {images(3), Npy.write("<i8", new long[] {3}, longs(1, 2, 300))},
        "x_test", "y_test");
    assertError(int64, "holds label 300 at index 2");
    Path floats = npz(tmp.resolve("floats.npz"), new byte[][] {images(3), Npy.write("<f4", new long[] {3}, new byte[12])},
        "x_test", "y_test");
    assertError(floats, "y_test has dtype <f4, expected integers");
    Path good = npz(tmp.resolve("good.npz"), new byte[][] {images(3), Npy.write("<i8", new long[] {3}, longs(1, 2, 9))},
        "x_test", "y_test");
    assertArrayEquals(new byte[] {1, 2, 9}, MnistReader.readLabeled(good, Split.TEST).labels());
  }

  @Test
  void aSingleIdxFileHasNoLabelsAndTheFakeDataNone() {
    assertError(Fixtures.mnistFolder().resolve("train-images-idx3-ubyte.gz"), "holds no labels");
    DatasetLoader loader = new DatasetLoader(tmp, List.of(), new Downloader(), message -> { });
    DataException e = assertThrows(DataException.class, () -> loader.loadLabeled(Dataset.FAKE, null, Split.TEST));
    assertTrue(e.getMessage().contains("no labels"), e.getMessage());
  }

  @Test
  void theLoaderReadsKerasCachedFashionFolderWithLabels() throws IOException {
    Path fashion = Files.createDirectories(tmp.resolve("fashion-mnist"));
    for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")) {
      Files.copy(Fixtures.mnistFolder().resolve(name + ".gz"), fashion.resolve(name + ".gz"));
    }
    DatasetLoader loader = new DatasetLoader(tmp, List.of(), new Downloader(), message -> { });
    Images test = loader.loadLabeled(Dataset.FASHION_MNIST, null, Split.TEST);
    assertEquals(320, test.count());
    assertArrayEquals(FIRST_TEST_LABELS, java.util.Arrays.copyOf(test.labels(), 10));
  }

  private Path copyOfTestImages(String name) throws IOException {
    Path folder = Files.createDirectories(tmp.resolve(name));
    Files.copy(Fixtures.mnistFolder().resolve("t10k-images-idx3-ubyte.gz"), folder.resolve("t10k-images-idx3-ubyte.gz"));
    return folder;
  }

  private static byte[] labelFile(byte[] labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MnistReader.IDX1_UBYTE_MAGIC);
    out.writeInt(labels.length);
    out.write(labels);
    return bytes.toByteArray();
  }

  private static void writeLabels(Path file, byte[] labels) throws IOException {
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(labelFile(labels));
    }
  }

  private static byte[] images(int count) {
    return Npy.write("|u1", new long[] {count, 28, 28}, new byte[count * 784]);
  }

  private static byte[] longs(long... values) {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(values.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      buffer.putLong(v);
    }
    return buffer.array();
  }

  private static Path npz(Path file, byte[][] arrays, String... names) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < names.length; i++) {
        zip.putNextEntry(new ZipEntry(names[i] + ".npy"));
        zip.write(arrays[i]);
      }
    }
    return file;
  }

  private static void assertError(Path path, String expected) {
    DataException e = assertThrows(DataException.class, () -> MnistReader.readLabeled(path, Split.TEST));
    assertTrue(e.getMessage().contains(path.toString()) || e.getMessage().contains(path.getFileName().toString()),
        "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
  }
}
