package dcgan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Tensors;
import dcgan.data.ImageShape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** {@code --architecture dcgan}: the DCGAN paper's layers, against shapes and parameter counts computed by hand. */
class ArchitectureTest {

  private static final ImageShape RGB32 = new ImageShape(32, 32, 3);

  @Test
  void theGeneratorDoublesAFourByFourBaseHalvingTheFilters() {
    try (Graph g = new Graph()) {
      Sequential generator = Architecture.DCGAN.generator(100, RGB32).build(new ModelBuilder(Ops.create(g), 1));
      assertArrayEquals(new long[] {-1, 4, 4, 512}, generator.layers().get(3).outputShape().asArray());
      assertArrayEquals(new long[] {-1, 32, 32, 3}, generator.outputShape().asArray());
      long expected = 100L * 8192 + 4 * 8192 // Dense to 4x4x512 (no bias), BatchNormalization
          + 16L * 256 * 512 + 4 * 256 // 4x4 transposed convolution to 8x8x256, BatchNormalization
          + 16L * 128 * 256 + 4 * 128 // to 16x16x128
          + 16L * 3 * 128; // to 32x32x3, tanh
      assertEquals(expected, generator.parameterCount());
      assertTrue(generator.weights().stream().noneMatch(w -> w.name().equals("bias")), "no biases");
    }
  }

  @Test
  void theDiscriminatorMirrorsIt() {
    try (Graph g = new Graph()) {
      Sequential d = Architecture.DCGAN.discriminator(RGB32, 3, false).build(new ModelBuilder(Ops.create(g), 1));
      assertEquals(List.of("Conv2D", "LeakyReLU", "Conv2D", "BatchNormalization", "LeakyReLU", "Conv2D", "BatchNormalization",
          "LeakyReLU", "Flatten", "Dense"), d.layers().stream().map(Layer::type).toList());
      assertArrayEquals(new long[] {-1, 4096}, d.layers().get(8).outputShape().asArray(), "4x4x256 flattened");
      assertEquals(16L * 3 * 64 + 16L * 64 * 128 + 4 * 128 + 16L * 128 * 256 + 4 * 256 + 4096, d.parameterCount());
      Sequential sixtyFour = Architecture.DCGAN.discriminator(new ImageShape(64, 64, 3), 3, false).build(new ModelBuilder(Ops.create(g), 2));
      assertArrayEquals(new long[] {-1, 4 * 4 * 512}, sixtyFour.layers().get(11).outputShape().asArray());
    }
  }

  @Test
  void kernelsAreDrawnFromNormalWithStandardDeviationTwoHundredths() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      ModelBuilder builder = new ModelBuilder(tf, 7);
      Sequential generator = Architecture.DCGAN.generator(100, RGB32).build(builder);
      builder.initializers().forEach(op -> s.runner().addTarget(op).run());
      float[] kernel = Tensors.fetch(s, tf.identity(generator.layers().get(4).weights().get(0).variable()));
      double sum = 0, squares = 0;
      for (float v : kernel) {
        sum += v;
        squares += v * v;
      }
      double mean = sum / kernel.length;
      assertEquals(0, mean, 1e-3);
      assertEquals(0.02, Math.sqrt(squares / kernel.length - mean * mean), 0.0005, "over " + kernel.length + " values");
    }
  }

  @Test
  void sizesItCannotReachAndUnknownNamesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architecture.DCGAN.generator(100, ImageShape.MNIST));
    assertTrue(e.getMessage().contains("images must be 16, 32, 64, 128, ... pixels square, not 28x28"), e.getMessage());
    assertEquals(Architecture.DCGAN, Architecture.parse("DCGAN"));
    assertEquals("unknown architecture 'resnet'; choose one of tutorial, dcgan",
        assertThrows(IllegalArgumentException.class, () -> Architecture.parse("resnet")).getMessage());
  }
}
