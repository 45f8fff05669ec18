package dcgan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tutorial's shape asserts, Keras's parameter counts and layer names. */
class ModelsTest {

  @Test
  void generatorShapesAreTheTutorialAsserts() {
    try (TutorialModels models = new TutorialModels()) {
      Sequential generator = models.generator;
      List<Layer> layers = generator.layers();
      assertArrayEquals(new long[] {-1, 7, 7, 256}, layers.get(3).outputShape().asArray()); // after Reshape
      assertArrayEquals(new long[] {-1, 7, 7, 128}, layers.get(4).outputShape().asArray()); // first Conv2DTranspose
      assertArrayEquals(new long[] {-1, 14, 14, 64}, layers.get(7).outputShape().asArray());
      assertArrayEquals(new long[] {-1, 28, 28, 1}, generator.outputShape().asArray());
    }
  }

  @Test
  void parameterCountsAreKerasSummaryCounts() {
    try (TutorialModels models = new TutorialModels()) {
      Sequential generator = models.generator;
      Sequential discriminator = models.discriminator;
      assertEquals(2_330_944, generator.parameterCount());
      assertEquals(2_305_472, generator.trainableParameterCount());
      assertEquals(212_865, discriminator.parameterCount());
      assertEquals(212_865, discriminator.trainableParameterCount());
      assertArrayEquals(new long[] {-1, 1}, discriminator.outputShape().asArray());

      String summary = generator.summary();
      assertTrue(summary.contains("Total params: 2,330,944"), summary);
      assertTrue(summary.contains("Trainable params: 2,305,472"), summary);
      assertTrue(summary.contains("Non-trainable params: 25,472"), summary);
      assertTrue(summary.contains("conv2d_transpose_2 (Conv2DTranspose)"), summary);
      assertTrue(summary.contains("(None, 28, 28, 1)"), summary);
      assertTrue(discriminator.summary().contains("Total params: 212,865"));
      assertTrue(discriminator.summary().contains("Model: \"sequential_1\""));
    }
  }

  @Test
  void layersAreNumberedAcrossModelsAsInOnePythonSession() {
    try (TutorialModels models = new TutorialModels()) {
      Sequential generator = models.generator;
      Sequential discriminator = models.discriminator;
      assertEquals(List.of("dense", "batch_normalization", "leaky_re_lu", "reshape", "conv2d_transpose",
              "batch_normalization_1", "leaky_re_lu_1", "conv2d_transpose_1", "batch_normalization_2", "leaky_re_lu_2",
              "conv2d_transpose_2"),
          generator.layers().stream().map(Layer::name).toList());
      assertEquals(List.of("conv2d", "leaky_re_lu_3", "dropout", "conv2d_1", "leaky_re_lu_4", "dropout_1", "flatten", "dense_1"),
          discriminator.layers().stream().map(Layer::name).toList());
      assertEquals("generator/dense/kernel", generator.weights().get(0).opName());
      assertEquals(7, generator.layersWithWeights().size()); // layer_with_weights-0 .. -6, as in the tutorial's checkpoint
      assertEquals(3, discriminator.layersWithWeights().size());
    }
  }
}
