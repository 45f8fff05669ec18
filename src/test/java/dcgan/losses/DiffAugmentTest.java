package dcgan.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Tensors;
import dcgan.model.CallContext;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** DiffAugment's policies on known images: each output is exactly the transform the paper describes, drawn per image. */
class DiffAugmentTest {

  private static final int N = 64, SIDE = 28;

  @Test
  void policiesParseInAnyOrderAndPrintInTheOrderTheyApply() {
    assertEquals("translation,cutout", DiffAugment.parse("cutout, translation").id());
    assertEquals("color,translation,cutout", DiffAugment.parse("Colour,cutout,translation").id());
    assertSame(DiffAugment.NONE, DiffAugment.parse("none"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiffAugment.parse("translation,flip"));
    assertTrue(e.getMessage().contains("unknown augmentation 'flip'; choose none, or any of color, translation, cutout"), e.getMessage());
  }

  /** Every image is itself shifted by whole pixels, at most 4 (28 / 8, rounded) each way, zeros shifted in; the shifts vary. */
  @Test
  void translationShiftsEachImageByUpToAnEighthOfItsSide() {
    float[] x = images(1);
    float[] y = augment("translation", x);
    java.util.Set<String> shifts = new java.util.HashSet<>();
    for (int b = 0; b < N; b++) {
      String found = null;
      for (int dy = -4; dy <= 4 && found == null; dy++) {
        for (int dx = -4; dx <= 4 && found == null; dx++) {
          if (isShift(x, y, b, dy, dx)) {
            found = dy + "," + dx;
          }
        }
      }
      assertTrue(found != null, "image " + b + " is not a shift of at most 4 pixels");
      shifts.add(found);
    }
    assertTrue(shifts.size() > 20, "shifts drawn per image: " + shifts);
  }

  /** Real batches have no static size (they are gathered by fed indices): the same shifts come out of a fed placeholder. */
  @Test
  void aBatchOfUnknownSizeIsTranslatedTheSame() {
    float[] x = images(2);
    assertEquals(0.0, Tensors.maxAbsDiff(augment("translation,cutout", x), augmentFed("translation,cutout", x)));
  }

  /**
   * On RGB images, saturation and contrast scale each pixel's spread around its channel mean by one
   * factor per image, {@code 2u (c + 0.5)}, so a grey pixel stays grey and the spreads keep their
   * ratios.
   */
  @Test
  void colorOnRgbScalesEachImagesColourSpreadByOneFactor() {
    Random random = new Random(3);
    int n = 8, side = 8;
    float[] x = new float[n * side * side * 3];
    for (int k = 0; k < x.length; k++) {
      x[k] = random.nextFloat() * 2 - 1;
    }
    for (int p = 0; p < n * side * side; p += 5) { // every fifth pixel grey
      x[p * 3 + 1] = x[p * 3 + 2] = x[p * 3];
    }
    float[] y;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      y = Tensors.fetch(s, DiffAugment.parse("color").apply(tf, Tensors.constant(tf, Shape.of(n, side, side, 3), x), context(tf)));
    }
    for (int b = 0; b < n; b++) {
      double factor = Double.NaN;
      for (int p = b * side * side; p < (b + 1) * side * side; p++) {
        double meanX = (x[p * 3] + x[p * 3 + 1] + x[p * 3 + 2]) / 3.0, meanY = (y[p * 3] + y[p * 3 + 1] + y[p * 3 + 2]) / 3.0;
        for (int c = 0; c < 3; c++) {
          double dx = x[p * 3 + c] - meanX, dy = y[p * 3 + c] - meanY;
          if (p % 5 == 0) {
            assertEquals(0.0, dy, 1e-5, "a grey pixel stays grey");
          } else if (Math.abs(dx) > 0.05) {
            factor = Double.isNaN(factor) ? dy / dx : factor;
            assertEquals(factor, dy / dx, 1e-3 * (1 + Math.abs(factor)), "image " + b + ": one factor for every pixel");
          }
        }
      }
      assertTrue(factor >= 0 && factor < 3.0 + 1e-3, "2u (c + 0.5) is in [0, 3): " + factor);
    }
  }

  /** Exactly a square of 14 x 14 (clipped at the border) is zeroed; everything else is unchanged. */
  @Test
  void cutoutZeroesOneSquareOfHalfTheSide() {
    float[] x = images(1);
    float[] y = augment("cutout", x);
    for (int b = 0; b < N; b++) {
      int top = SIDE, bottom = -1, left = SIDE, right = -1, changed = 0;
      for (int i = 0; i < SIDE; i++) {
        for (int j = 0; j < SIDE; j++) {
          int k = (b * SIDE + i) * SIDE + j;
          if (y[k] != x[k]) {
            assertEquals(0f, y[k], 0f);
            changed++;
            top = Math.min(top, i);
            bottom = Math.max(bottom, i);
            left = Math.min(left, j);
            right = Math.max(right, j);
          }
        }
      }
      assertTrue(bottom - top < 14 && right - left < 14, "image " + b + ": the cut is at most 14 x 14");
      assertEquals((bottom - top + 1) * (right - left + 1), changed, "image " + b + ": the cut is one rectangle");
      boolean clipped = top == 0 || left == 0 || bottom == SIDE - 1 || right == SIDE - 1;
      assertTrue(clipped || changed == 14 * 14, "image " + b + ": a cut inside the image is 14 x 14, got " + changed);
    }
  }

  /** On one channel saturation changes nothing, so each image becomes {@code (x + b - mean) * c + mean}: affine, with its own b and c. */
  @Test
  void colorMovesBrightnessAndContrastPerImage() {
    float[] x = images(1);
    float[] y = augment("color", x);
    int per = SIDE * SIDE;
    java.util.Set<Long> slopes = new java.util.HashSet<>();
    for (int b = 0; b < N; b++) {
      int p = b * per, q = p + 1;
      while (x[q] == x[p]) {
        q++;
      }
      double slope = (y[q] - y[p]) / (double) (x[q] - x[p]);
      double intercept = y[p] - slope * x[p];
      assertTrue(slope >= 0.5 - 1e-4 && slope < 1.5 + 1e-4, "contrast factor in [0.5, 1.5): " + slope);
      for (int k = p; k < p + per; k++) {
        assertEquals(slope * x[k] + intercept, y[k], 1e-4, "image " + b + " is an affine map of itself");
      }
      slopes.add(Math.round(slope * 1000));
    }
    assertTrue(slopes.size() > 20, "drawn per image");
  }

  @Test
  void noneIsTheImagesThemselvesAndTheSameSeedTheSameDraws() {
    float[] x = images(1);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = Tensors.constant(tf, Shape.of(N, SIDE, SIDE, 1), x);
      assertSame(in, DiffAugment.NONE.apply(tf, in, context(tf)));
    }
    String all = "color,translation,cutout";
    assertEquals(0.0, Tensors.maxAbsDiff(augment(all, x), augment(all, x)));
  }

  private static boolean isShift(float[] x, float[] y, int b, int dy, int dx) {
    for (int i = 0; i < SIDE; i++) {
      for (int j = 0; j < SIDE; j++) {
        int si = i + dy, sj = j + dx;
        float want = si < 0 || si >= SIDE || sj < 0 || sj >= SIDE ? 0f : x[(b * SIDE + si) * SIDE + sj];
        if (y[(b * SIDE + i) * SIDE + j] != want) {
          return false;
        }
      }
    }
    return true;
  }

  /** Random images in [-1, 1], no two pixels of an image equal, so that any shift shows. */
  private static float[] images(long seed) {
    Random random = new Random(seed);
    float[] x = new float[N * SIDE * SIDE];
    for (int k = 0; k < x.length; k++) {
      x[k] = random.nextFloat() * 2 - 1;
    }
    return x;
  }

  private static float[] augment(String policy, float[] x) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = Tensors.constant(tf, Shape.of(N, SIDE, SIDE, 1), x);
      return Tensors.fetch(s, DiffAugment.parse(policy).apply(tf, in, context(tf)));
    }
  }

  private static float[] augmentFed(String policy, float[] x) {
    try (Graph g = new Graph(); Session s = new Session(g);
        TFloat32 fed = TFloat32.tensorOf(Shape.of(N, SIDE, SIDE, 1), org.tensorflow.ndarray.buffer.DataBuffers.of(x, true, false))) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TFloat32.class, org.tensorflow.op.core.Placeholder.shape(Shape.of(-1, SIDE, SIDE, 1)));
      try (org.tensorflow.Result r = s.runner().feed(in, fed).fetch(DiffAugment.parse(policy).apply(tf, in, context(tf))).run()) {
        return Tensors.values((TFloat32) r.get(0));
      }
    }
  }

  private static CallContext context(Ops tf) {
    return CallContext.training(7, tf.constant(3L));
  }
}
