package dcgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The tutorial's {@code shuffle(BUFFER_SIZE).batch(BATCH_SIZE)} as index batches. */
class BatchesTest {

  @Test
  void sixtyThousandImagesMakeTwoHundredThirtyFiveBatchesTheLastOfNinetySix() {
    List<int[]> batches = Batches.forEpoch(60000, 60000, 256, 42, 1);
    assertEquals(235, batches.size());
    assertEquals(235, Batches.perEpoch(60000, 256));
    assertEquals(256, batches.get(0).length);
    assertEquals(96, batches.get(234).length);
    int[] all = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
    for (int i = 0; i < 60000; i++) {
      assertEquals(i, all[i], "every image exactly once");
    }
  }

  @Test
  void reshuffledEveryEpochReproducibleFromTheSeed() {
    int[] epoch1 = flatten(Batches.forEpoch(1000, 1000, 100, 7, 1));
    int[] epoch2 = flatten(Batches.forEpoch(1000, 1000, 100, 7, 2));
    assertFalse(Arrays.equals(epoch1, epoch2));
    assertArrayEquals(epoch1, flatten(Batches.forEpoch(1000, 1000, 100, 7, 1)));
    assertFalse(Arrays.equals(epoch1, flatten(Batches.forEpoch(1000, 1000, 100, 8, 1))));
  }

  @Test
  void bufferOfOneKeepsTheOrder() {
    int[] order = Batches.shuffle(50, 1, new SplittableRandom(3));
    for (int i = 0; i < 50; i++) {
      assertEquals(i, order[i]);
    }
  }

  @Test
  void smallBufferOnlyMovesElementsForwardByLessThanItsSize() {
    int buffer = 10;
    int[] order = Batches.shuffle(1000, buffer, new SplittableRandom(5));
    for (int position = 0; position < order.length; position++) {
      assertTrue(order[position] <= position + buffer - 1, "element " + order[position] + " at " + position);
    }
  }

  @Test
  void fullBufferPicksTheFirstElementUniformly() {
    int[] counts = new int[10];
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 20000; trial++) {
      counts[Batches.shuffle(10, 10, random)[0]]++;
    }
    for (int c : counts) {
      assertEquals(2000, c, 150); // binomial sd 42
    }
  }

  private static int[] flatten(List<int[]> batches) {
    return batches.stream().flatMapToInt(Arrays::stream).toArray();
  }
}
