package dcgan.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * CIFAR-10's binary version (Krizhevsky 2009), as {@code cifar-10-binary.tar.gz} or its extracted
 * {@code cifar-10-batches-bin/} folder: 32 x 32 RGB images with their class labels, the training
 * split in {@code data_batch_1.bin} to {@code data_batch_5.bin}, the test split in {@code
 * test_batch.bin}. Each record is one label byte and 3,072 pixel bytes, the red plane, then green,
 * then blue, each row-major; {@link Images} holds them interleaved ({@code [n, 32, 32, 3]}) as Keras's
 * {@code cifar10.load_data()} returns them.
 */
public final class Cifar10Reader {

  /** Side of an image. */
  public static final int SIDE = 32;

  /** Bytes per record: the label, then 3 planes of 32 x 32. */
  public static final int RECORD = 1 + 3 * SIDE * SIDE;

  /** Records per batch file of the real data set. */
  public static final int BATCH_RECORDS = 10_000;

  /** The extracted folder's name, and the archive's. */
  public static final String FOLDER = "cifar-10-batches-bin", ARCHIVE = "cifar-10-binary.tar.gz";

  /** The ten classes, in label order ({@code batches.meta.txt}). */
  public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
      "ship", "truck");

  private Cifar10Reader() {}

  /** The batch files of {@code split}, in order. */
  public static List<String> batches(Split split) {
    return split == Split.TRAIN
        ? List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin")
        : List.of("test_batch.bin");
  }

  /**
   * Reads {@code split} from {@code path}: the archive, the batches folder, or a folder holding
   * either.
   *
   * @throws DataException for a missing batch, a batch that is not a whole number of records, a
   *     label outside 0-9, or an unreadable archive
   */
  public static Images read(Path path, Split split) {
    Path archive = Files.isDirectory(path) ? path.resolve(ARCHIVE) : path;
    Path folder = Files.isDirectory(path.resolve(FOLDER)) ? path.resolve(FOLDER) : path;
    Map<String, byte[]> batches = new HashMap<>();
    String source;
    if (Files.isDirectory(folder) && Files.isRegularFile(folder.resolve(batches(split).get(0)))) {
      for (String name : batches(split)) {
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
          throw new DataException(folder + " has no " + name + "; CIFAR-10's binary version has data_batch_1.bin to"
              + " data_batch_5.bin and test_batch.bin");
        }
        batches.put(name, readAll(file));
      }
      source = folder.toString();
    } else if (Files.isRegularFile(archive)) {
      batches.putAll(fromArchive(archive, batches(split)));
      source = archive.toString();
    } else {
      throw new DataException(path + " holds neither " + FOLDER + "/ nor " + ARCHIVE + "; pass CIFAR-10's binary version"
          + " (https://www.cs.toronto.edu/~kriz/cifar.html, \"CIFAR-10 binary version\")");
    }
    return decode(batches, batches(split), source);
  }

  /** The records of {@code names}, in order, as interleaved RGB images with labels. */
  static Images decode(Map<String, byte[]> batches, List<String> names, String source) {
    int total = 0;
    for (String name : names) {
      byte[] data = batches.get(name);
      if (data.length == 0 || data.length % RECORD != 0) {
        throw new DataException(name + " of " + source + " is not CIFAR-10 binary data: " + String.format(Locale.ROOT, "%,d", data.length)
            + " bytes is not a whole number of " + String.format(Locale.ROOT, "%,d", RECORD) + "-byte records (a batch holds "
            + String.format(Locale.ROOT, "%,d", BATCH_RECORDS * RECORD) + "); the file is truncated or of another data set");
      }
      total += data.length / RECORD;
    }
    int plane = SIDE * SIDE;
    byte[] pixels = new byte[total * plane * 3];
    byte[] labels = new byte[total];
    int image = 0;
    for (String name : names) {
      byte[] data = batches.get(name);
      for (int r = 0; r < data.length / RECORD; r++, image++) {
        int offset = r * RECORD;
        int label = data[offset] & 0xFF;
        if (label >= CLASSES.size()) {
          throw new DataException("record " + r + " of " + name + " in " + source + " has label " + label
              + "; CIFAR-10's are 0-9 (CIFAR-100's binary version has two label bytes per record)");
        }
        labels[image] = (byte) label;
        for (int p = 0; p < plane; p++) {
          for (int c = 0; c < 3; c++) {
            pixels[(image * plane + p) * 3 + c] = data[offset + 1 + c * plane + p];
          }
        }
      }
    }
    return new Images(pixels, total, SIDE, SIDE, 3, labels, source);
  }

  /** The batches named {@code names} from the archive (entries {@code cifar-10-batches-bin/NAME}). */
  static Map<String, byte[]> fromArchive(Path archive, List<String> names) {
    Map<String, byte[]> found = new HashMap<>();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        String name = Path.of(entry.getName()).getFileName().toString();
        if (entry.isFile() && names.contains(name)) {
          found.put(name, tar.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new DataException(archive + " does not read as a .tar.gz (" + e.getMessage() + "); download it again", e);
    }
    for (String name : names) {
      if (!found.containsKey(name)) {
        throw new DataException(archive + " has no " + FOLDER + "/" + name + "; is it CIFAR-10's binary version?");
      }
    }
    return found;
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
