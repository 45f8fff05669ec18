package dcgan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** FLOPs counted from the shapes, against counts done by hand. */
class FlopsTest {

  @Test
  void validTapsSkipSamePadding() {
    // 7 outputs of a 5-tap, stride-1 'same' conv over 7 inputs: 3 + 4 + 5 + 5 + 5 + 4 + 3.
    assertEquals(29, Flops.validTaps(7, 7, 1, 5));
    // 14 -> 7, stride 2, pad 1 before: 4 + 5 * 5 + 3.
    assertEquals(32, Flops.validTaps(14, 7, 2, 5));
    // 28 -> 14, stride 2: 4 + 12 * 5 + 3.
    assertEquals(67, Flops.validTaps(28, 14, 2, 5));
  }

  @Test
  void tutorialStepIs87point8Gflop() {
    try (TutorialModels models = new TutorialModels()) {
      Sequential generator = models.generator;
      Sequential discriminator = models.discriminator;
      long[] gMacs = Flops.perLayer(generator);
      assertEquals(100L * 12544, gMacs[0]);
      assertEquals(29L * 29 * 256 * 128, gMacs[4], "7x7x256 -> 7x7x128");
      assertEquals(32L * 32 * 128 * 64, gMacs[7], "7x7x128 -> 14x14x64, as the 14 -> 7 conv it transposes");
      assertEquals(67L * 67 * 64, gMacs[10]);
      long[] dMacs = Flops.perLayer(discriminator);
      assertEquals(67L * 67 * 64, dMacs[0]);
      assertEquals(32L * 32 * 64 * 128, dMacs[3]);
      assertEquals(6272L, dMacs[7]);
      // 56.94 GFLOP for the generator, 30.82 for the discriminator (see the issue: 87.8).
      assertEquals(87.76e9, Flops.trainStep(generator, discriminator, 256, 256), 0.01e9);
      // The last batch of an epoch has 96 real images and 256 noise vectors.
      double full = Flops.trainStep(generator, discriminator, 256, 256);
      double perRealImage = 2 * (2.0 * (67 * 67 * 64 + 32 * 32 * 64 * 128 + 6272) + 32 * 32 * 64 * 128 + 6272);
      assertEquals(full - 160 * perRealImage, Flops.trainStep(generator, discriminator, 256, 96), 1);
    }
  }
}
