package dcgan.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The tutorial's input pipeline, {@code Dataset.from_tensor_slices(train_images).shuffle(BUFFER_SIZE)
 * .batch(BATCH_SIZE)}, as image indices: reshuffled every epoch, the last, smaller batch kept.
 *
 * <p>The shuffle is tf.data's buffered shuffle: fill a buffer with the first {@code bufferSize}
 * elements, then repeatedly emit a uniformly chosen buffered element and put the next input element
 * in its place. A buffer as large as the data set gives a uniform random permutation.
 *
 * <p>Each epoch's order depends only on the seed and the epoch number, so a resumed run sees the
 * same batches as an uninterrupted one.
 */
public final class Batches {

  private Batches() {}

  /**
   * The batches of one epoch.
   *
   * @param count number of images
   * @param bufferSize the shuffle buffer
   * @param batchSize images per batch; the last batch holds the remainder
   * @param seed the run's seed
   * @param epoch the epoch, from 1
   */
  public static List<int[]> forEpoch(int count, int bufferSize, int batchSize, long seed, int epoch) {
    int[] order = shuffle(count, bufferSize, new SplittableRandom(epochSeed(seed, epoch)));
    List<int[]> batches = new ArrayList<>();
    for (int start = 0; start < count; start += batchSize) {
      batches.add(Arrays.copyOfRange(order, start, Math.min(count, start + batchSize)));
    }
    return batches;
  }

  /** Number of batches per epoch, the last partial one included. */
  public static int perEpoch(int count, int batchSize) {
    return (count + batchSize - 1) / batchSize;
  }

  /** tf.data's buffered shuffle of {@code 0 .. count-1}. */
  static int[] shuffle(int count, int bufferSize, SplittableRandom random) {
    int[] buffer = new int[Math.min(count, bufferSize)];
    int filled = 0;
    int next = 0;
    while (filled < buffer.length) {
      buffer[filled++] = next++;
    }
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(filled);
      out[i] = buffer[pick];
      if (next < count) {
        buffer[pick] = next++;
      } else {
        buffer[pick] = buffer[--filled];
      }
    }
    return out;
  }

  private static long epochSeed(long seed, int epoch) {
    return seed + epoch * 0x9E3779B97F4A7C15L; // SplittableRandom mixes its seed further
  }
}
