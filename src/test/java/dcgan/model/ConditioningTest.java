package dcgan.model;

import static dcgan.Tensors.constant;
import static dcgan.Tensors.fetch;
import static dcgan.Tensors.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Where the label enters a conditional GAN, against arrays built by hand: one-hot after the noise,
 * ten label channels after the image's own, and the networks' shapes and parameter counts.
 */
class ConditioningTest {

  private final Random random = new Random(9);

  @Test
  void theGeneratorSeesTheNoiseThenTheOneHotLabel() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      float[] noise = random(random, 2 * 3, 1f);
      float[] joined = fetch(session, Labels.of(10).generatorInput(tf, constant(tf, Shape.of(2, 3), noise),
          Condition.of(tf.constant(new int[] {4, 0}))));
      float[] expected = new float[2 * 13];
      for (int i = 0; i < 2; i++) {
        System.arraycopy(noise, i * 3, expected, i * 13, 3);
      }
      expected[3 + 4] = 1; // image 0: label 4
      expected[13 + 3] = 1; // image 1: label 0
      assertArrayEquals(expected, joined);
      float[] threeClasses = fetch(session, Labels.of(3).generatorInput(tf, constant(tf, Shape.of(2, 3), noise),
          Condition.of(tf.constant(new int[] {2, 1}))));
      float[] expectedThree = new float[2 * 6];
      for (int i = 0; i < 2; i++) {
        System.arraycopy(noise, i * 3, expectedThree, i * 6, 3);
      }
      expectedThree[3 + 2] = 1; // image 0: class 2 of 3
      expectedThree[6 + 3 + 1] = 1; // image 1: class 1
      assertArrayEquals(expectedThree, threeClasses);
    }
  }

  @Test
  void theDiscriminatorSeesTheImageThenTenChannelsOfWhichTheLabelsIsOnes() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      int n = 2, side = 28;
      float[] images = random(random, n * side * side, 1f);
      int[] labels = {7, 2};
      float[] joined = fetch(session, Labels.of(10).discriminatorInput(tf, constant(tf, Shape.of(n, side, side, 1), images),
          Condition.of(tf.constant(labels))));
      assertEquals(n * side * side * 11, joined.length);
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < side * side; p++) {
          int at = (i * side * side + p) * 11;
          assertEquals(images[i * side * side + p], joined[at], "channel 0 is the image");
          for (int k = 0; k < 10; k++) {
            assertEquals(k == labels[i] ? 1f : 0f, joined[at + 1 + k], "channel " + (1 + k) + " of image " + i);
          }
        }
      }
    }
  }

  @Test
  void onlyTheFirstLayersGrowAndEveryShapeIsTheTutorials() {
    try (Graph graph = new Graph()) {
      ModelBuilder builder = new ModelBuilder(Ops.create(graph), 1);
      GanModel model = GanModel.build(GanSpec.tutorial().withLabels(Labels.of(10)), builder);
      Sequential generator = model.generator();
      Sequential discriminator = model.discriminator();
      assertEquals(List.of("(None, 12544)", "(None, 12544)", "(None, 12544)", "(None, 7, 7, 256)", "(None, 7, 7, 128)",
          "(None, 7, 7, 128)", "(None, 7, 7, 128)", "(None, 14, 14, 64)", "(None, 14, 14, 64)", "(None, 14, 14, 64)",
          "(None, 28, 28, 1)"), shapes(generator));
      assertEquals(List.of("(None, 14, 14, 64)", "(None, 14, 14, 64)", "(None, 14, 14, 64)", "(None, 7, 7, 128)",
          "(None, 7, 7, 128)", "(None, 7, 7, 128)", "(None, 6272)", "(None, 1)"), shapes(discriminator));
      assertEquals(2_330_944 + 10L * 12544, generator.parameterCount(), "the Dense kernel gains 10 rows of 12,544");
      assertEquals(212_865 + 10L * 5 * 5 * 64, discriminator.parameterCount(), "the first kernel gains 10 input channels");
      assertEquals(Shape.of(110, 12544).toString(), generator.layers().get(0).weights().get(0).shape().toString());
      assertEquals(Shape.of(5, 5, 11, 64).toString(), discriminator.layers().get(0).weights().get(0).shape().toString());
    }
  }

  private static List<String> shapes(Sequential model) {
    return model.layers().stream().map(l -> Sequential.kerasShape(l.outputShape())).toList();
  }
}
