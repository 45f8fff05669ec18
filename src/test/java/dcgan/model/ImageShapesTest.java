package dcgan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.data.ImageShape;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/** The tutorial's layers sized for other images: the Dense to (S/4) x (S/4) x 256, the channels from the data. */
class ImageShapesTest {

  @Test
  void theGeneratorDrawsTheDataShape() {
    try (Graph g = new Graph()) {
      ModelBuilder builder = new ModelBuilder(Ops.create(g), 1);
      Sequential generator = Generator.makeGeneratorModel(100, new ImageShape(32, 32, 3)).build(builder);
      assertArrayEquals(new long[] {-1, 32, 32, 3}, generator.outputShape().asArray());
      assertArrayEquals(new long[] {-1, 8, 8, 256}, generator.layers().get(3).outputShape().asArray());
      long dense = 100L * 8 * 8 * 256, bn = 4L * 8 * 8 * 256;
      long rest = 5L * 5 * 256 * 128 + 4 * 128 + 5L * 5 * 128 * 64 + 4 * 64 + 5L * 5 * 64 * 3; // the last layer: tanh, no bias, as the tutorial's
      assertEquals(dense + bn + rest, generator.parameterCount());
      Sequential sixtyFour = Generator.makeGeneratorModel(100, new ImageShape(64, 64, 3)).build(builder);
      assertArrayEquals(new long[] {-1, 64, 64, 3}, sixtyFour.outputShape().asArray());
    }
  }

  @Test
  void theDiscriminatorReadsTheDataShape() {
    try (Graph g = new Graph()) {
      Sequential d = Discriminator.makeDiscriminatorModel(64, 64, 3, false).build(new ModelBuilder(Ops.create(g), 1));
      assertArrayEquals(new long[] {-1, 32768}, d.layers().get(6).outputShape().asArray(), "16 x 16 x 128 flattened");
      assertEquals(5L * 5 * 3 * 64 + 64 + 5L * 5 * 64 * 128 + 128 + 32768 + 1, d.parameterCount());
    }
  }

  @Test
  void mnistsShapeBuildsTheTutorialsModels() {
    try (Graph g = new Graph()) {
      ModelBuilder builder = new ModelBuilder(Ops.create(g), 1);
      assertEquals(2_330_944, Generator.makeGeneratorModel(100, ImageShape.MNIST).build(builder).parameterCount());
      assertEquals(212_865, GanSpec.tutorial().discriminatorLayers().build(builder).parameterCount());
    }
  }

  @Test
  void sidesTheLayersCannotReachAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Generator.makeGeneratorModel(100, new ImageShape(30, 30, 3)));
    assertTrue(e.getMessage().contains("image sides must be multiples of 4 (28, 32, 64, ...), not 30x30"), e.getMessage());
  }
}
