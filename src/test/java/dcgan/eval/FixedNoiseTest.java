package dcgan.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The evaluation noise, its truncation, and the spherical walk between two noise vectors, against hand-computed values. */
class FixedNoiseTest {

  @Test
  void truncationRedrawsOnlyTheValuesOutsideAndIsReproducible() {
    float[] plain = FixedNoise.standardNormal(50, 100, 7);
    float[] truncated = FixedNoise.truncated(50, 100, 7, 0.5);
    int redrawn = 0;
    for (int i = 0; i < plain.length; i++) {
      assertTrue(Math.abs(truncated[i]) <= 0.5f, "inside +-0.5: " + truncated[i]);
      if (Math.abs(plain[i]) <= 0.5f) {
        assertEquals(plain[i], truncated[i], "a value inside is kept");
      } else {
        redrawn++;
      }
    }
    // P(|z| > 0.5) = 0.617 for a standard normal: about 3,085 of 5,000 values redrawn
    assertTrue(redrawn > 2900 && redrawn < 3250, "redrawn " + redrawn);
    assertArrayEquals(truncated, FixedNoise.truncated(50, 100, 7, 0.5), "the same seed, the same noise");
    assertThrows(IllegalArgumentException.class, () -> FixedNoise.truncated(1, 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> FixedNoise.truncated(1, 1, 0, Double.NaN));
  }

  @Test
  void theSphericalWalkKeepsTheNormAndEndsAtBothVectors() {
    float[] a = {3, 0};
    float[] b = {0, 3};
    assertArrayEquals(a, FixedNoise.slerp(a, b, 0), 1e-6f);
    assertArrayEquals(b, FixedNoise.slerp(a, b, 1), 1e-6f);
    // halfway along the quarter circle of radius 3: (3 cos 45°, 3 sin 45°) = (2.1213, 2.1213), where a line passes (1.5, 1.5)
    assertArrayEquals(new float[] {2.1213203f, 2.1213203f}, FixedNoise.slerp(a, b, 0.5), 1e-6f);
    float[] same = FixedNoise.slerp(a, a, 0.3);
    assertArrayEquals(a, same, 1e-6f);
  }
}
