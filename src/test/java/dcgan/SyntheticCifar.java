package dcgan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A made-up data set in CIFAR-10's binary format, written on the spot (the real one is not
 * reachable from this project's machines): 32 x 32 RGB images whose class sets the background
 * colour and where a bright square sits, with noise, so that a small CNN learns them in seconds.
 */
public final class SyntheticCifar {

  private SyntheticCifar() {}

  /**
   * Writes {@code cifar-10-batches-bin/} under {@code folder}: five training batches of {@code
   * perBatch} records and a test batch of {@code test} records; returns the batches folder.
   */
  public static Path write(Path folder, int perBatch, int test, long seed) {
    Random random = new Random(seed);
    Path batches = folder.resolve("cifar-10-batches-bin");
    try {
      Files.createDirectories(batches);
      for (int b = 1; b <= 5; b++) {
        Files.write(batches.resolve("data_batch_" + b + ".bin"), records(perBatch, random));
      }
      Files.write(batches.resolve("test_batch.bin"), records(test, random));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return batches;
  }

  /** {@code count} records: a label byte, then the red, green and blue planes, 1,024 bytes each. */
  static byte[] records(int count, Random random) {
    byte[] out = new byte[count * 3073];
    for (int i = 0; i < count; i++) {
      int label = random.nextInt(10);
      int offset = i * 3073;
      out[offset] = (byte) label;
      int square = 4 + 2 * label; // the square's top-left corner moves with the class
      for (int c = 0; c < 3; c++) {
        int background = 40 + 20 * ((label + c * 3) % 10);
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            boolean inSquare = y >= square && y < square + 8 && x >= square && x < square + 8;
            int value = (inSquare ? 240 : background) + random.nextInt(21) - 10;
            out[offset + 1 + c * 1024 + y * 32 + x] = (byte) Math.max(0, Math.min(255, value));
          }
        }
      }
    }
    return out;
  }
}
