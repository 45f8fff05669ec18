package dcgan.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.data.DataException;
import dcgan.data.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Evaluate --samples}: the two image layouts it takes, and one clear error for anything else. */
class SamplesTest {

  @TempDir
  Path tmp;

  @Test
  void floatImagesAreTakenAsTheyAre() throws IOException {
    float[] images = {-1f, 0.25f, 1f};
    float[] whole = new float[2 * 784];
    System.arraycopy(images, 0, whole, 5, 3);
    Path file = Files.write(tmp.resolve("f.npy"), Npy.writeFloats(whole, 2, 28, 28, 1));
    assertArrayEquals(whole, Samples.read(file));
  }

  @Test
  void bytesAreScaledAsTheTutorialScalesItsTrainingImages() throws IOException {
    byte[] pixels = new byte[784];
    pixels[0] = 0;
    pixels[1] = (byte) 255;
    pixels[2] = (byte) 128;
    Path file = Files.write(tmp.resolve("u.npy"), Npy.write("|u1", new long[] {1, 28, 28}, pixels));
    float[] read = Samples.read(file);
    assertEquals(-1f, read[0]);
    assertEquals(1f, read[1]);
    assertEquals((128 - 127.5f) / 127.5f, read[2]);
  }

  @Test
  void otherShapesDtypesAndRangesAreOneClearError() throws IOException {
    assertError(Files.write(tmp.resolve("a.npy"), Npy.writeFloats(new float[784], 1, 28, 28)), "float32 ('<f4') [n, 28, 28, 1]");
    assertError(Files.write(tmp.resolve("b.npy"), Npy.write("<f8", new long[] {1, 28, 28, 1}, new byte[784 * 8])), "holds <f8");
    assertError(Files.write(tmp.resolve("c.npy"), Npy.write("|u1", new long[] {1, 32, 32}, new byte[1024])), "holds |u1 [1, 32, 32]");
    float[] pixels = new float[784];
    pixels[9] = 255f;
    assertError(Files.write(tmp.resolve("d.npy"), Npy.writeFloats(pixels, 1, 28, 28, 1)), "holds 255.0 at index 9");
    assertError(Files.write(tmp.resolve("e.npy"), new byte[] {1, 2, 3}), "not a NumPy .npy array");
    assertError(tmp.resolve("missing.npy"), "does not exist");
  }

  @Test
  void fixedNoiseIsStandardNormalAndTheSameEveryTime() {
    float[] a = FixedNoise.standardNormal(1000, 100);
    assertArrayEquals(a, FixedNoise.standardNormal(1000, 100));
    SplittableRandom reference = new SplittableRandom(FixedNoise.SEED);
    for (int i = 0; i < 10; i++) {
      assertEquals((float) reference.nextGaussian(), a[i]);
    }
    double mean = 0, square = 0;
    for (float v : a) {
      mean += v / a.length;
      square += v * v / a.length;
    }
    assertEquals(0, mean, 0.01);
    assertEquals(1, square, 0.02);
  }

  private static void assertError(Path file, String expected) {
    DataException e = assertThrows(DataException.class, () -> Samples.read(file));
    assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
  }
}
