package dcgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10's binary format, from the committed made-up records (src/test/resources/cifar10/README.md). */
class Cifar10ReaderTest {

  @TempDir
  Path tmp;

  private static Path fixture() {
    return Fixtures.resource("cifar10");
  }

  @Test
  void planesBecomeInterleavedRgbWithTheirLabels() {
    Images train = Cifar10Reader.read(fixture().resolve(Cifar10Reader.FOLDER), Split.TRAIN);
    assertEquals(15, train.count(), "five batches of three");
    assertEquals(3, train.channels());
    assertEquals(32, train.rows());
    assertEquals(32, train.cols());
    for (int b = 1; b <= 5; b++) {
      for (int i = 0; i < 3; i++) {
        int image = 3 * (b - 1) + i;
        assertEquals((b + i) % 10, train.label(image));
        assertEquals(10 * b + i, train.pixel(image, 7, 9, 0), "red");
      }
    }
    assertEquals(7, train.pixel(4, 7, 9, 1), "green: the row");
    assertEquals(72, train.pixel(4, 7, 9, 2), "blue: eight times the column");
    Images test = Cifar10Reader.read(fixture(), Split.TEST);
    assertEquals(2, test.count());
    assertArrayEquals(new byte[] {6, 7}, test.labels());
    assertEquals(61, test.pixel(1, 0, 0, 0));
  }

  @Test
  void theArchiveReadsAsTheFolder() throws IOException {
    Path archiveOnly = tmp.resolve("keras");
    Files.createDirectories(archiveOnly);
    Files.copy(fixture().resolve(Cifar10Reader.ARCHIVE), archiveOnly.resolve(Cifar10Reader.ARCHIVE));
    for (Split split : Split.values()) {
      Images fromFolder = Cifar10Reader.read(fixture().resolve(Cifar10Reader.FOLDER), split);
      Images fromArchive = Cifar10Reader.read(archiveOnly, split);
      assertArrayEquals(fromFolder.pixels(), fromArchive.pixels(), split.name());
      assertArrayEquals(fromFolder.labels(), fromArchive.labels(), split.name());
    }
  }

  @Test
  void everyBadInputIsOneClearError() throws IOException {
    Path folder = copyOfBatches();
    byte[] batch = Files.readAllBytes(folder.resolve("data_batch_2.bin"));
    Files.write(folder.resolve("data_batch_2.bin"), java.util.Arrays.copyOf(batch, batch.length - 100));
    assertMessage(folder, Split.TRAIN, "data_batch_2.bin of " + folder + " is not CIFAR-10 binary data: 9,119 bytes is not a whole"
        + " number of 3,073-byte records (a batch holds 30,730,000); the file is truncated or of another data set");
    Files.write(folder.resolve("data_batch_2.bin"), batch);
    batch[Cifar10Reader.RECORD] = (byte) 42; // the second record's label
    Files.write(folder.resolve("data_batch_2.bin"), batch);
    assertMessage(folder, Split.TRAIN, "record 1 of data_batch_2.bin in " + folder + " has label 42; CIFAR-10's are 0-9"
        + " (CIFAR-100's binary version has two label bytes per record)");
    Files.delete(folder.resolve("data_batch_4.bin"));
    assertMessage(folder, Split.TRAIN, folder + " has no data_batch_4.bin; CIFAR-10's binary version has data_batch_1.bin to"
        + " data_batch_5.bin and test_batch.bin");
    Path empty = tmp.resolve("nothing");
    Files.createDirectories(empty);
    assertTrue(assertThrows(DataException.class, () -> Cifar10Reader.read(empty, Split.TRAIN)).getMessage()
        .contains("holds neither cifar-10-batches-bin/ nor cifar-10-binary.tar.gz"));
    Path broken = tmp.resolve("broken");
    Files.createDirectories(broken);
    byte[] archive = Files.readAllBytes(fixture().resolve(Cifar10Reader.ARCHIVE));
    Files.write(broken.resolve(Cifar10Reader.ARCHIVE), java.util.Arrays.copyOf(archive, archive.length / 2));
    assertTrue(assertThrows(DataException.class, () -> Cifar10Reader.read(broken, Split.TRAIN)).getMessage()
        .contains("does not read as a .tar.gz"));
  }

  private static void assertMessage(Path path, Split split, String message) {
    assertEquals(message, assertThrows(DataException.class, () -> Cifar10Reader.read(path, split)).getMessage());
  }

  private Path copyOfBatches() throws IOException {
    Path copy = tmp.resolve(Cifar10Reader.FOLDER);
    Files.createDirectories(copy);
    for (String name : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
        "data_batch_5.bin", "test_batch.bin"}) {
      Files.copy(fixture().resolve(Cifar10Reader.FOLDER).resolve(name), copy.resolve(name));
    }
    return copy;
  }
}
