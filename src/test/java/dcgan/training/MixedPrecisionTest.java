package dcgan.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.model.Precision;
import dcgan.model.Weight;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * {@code --precision mixed_bfloat16}: the same step computed in bfloat16 from the same float32
 * variables. Its losses and gradients must track the float32 step's to bfloat16's precision (8
 * significant bits), and the work must really be done in bfloat16.
 */
class MixedPrecisionTest {

  private static final TrainConfig F32 = TrainStepFixture.CONFIG;
  private static final TrainConfig BF16 = F32.withNetworks(F32.networks().withPrecision(Precision.MIXED_BFLOAT16));

  @Test
  void bfloat16StepTracksTheFloat32Step() {
    try (TrainStepFixture f32 = new TrainStepFixture(F32); TrainStepFixture bf16 = new TrainStepFixture(BF16)) {
      for (int i = 0; i < f32.step.modelWeights().size(); i++) {
        assertArrayEquals(f32.value(f32.step.modelWeights().get(i)), bf16.value(bf16.step.modelWeights().get(i)),
            "same float32 initial weights");
      }
      assertEquals(DataType.DT_BFLOAT16, bf16.graph.operation("train_step/generator/conv2d_transpose/Conv2dBackpropInput")
          .output(0).dataType(), "the generator computes in bfloat16");
      assertEquals(DataType.DT_BFLOAT16, bf16.graph.operation("train_step/discriminator/conv2d/Conv2d").output(0).dataType());
      assertEquals(DataType.DT_FLOAT, f32.graph.operation("train_step/discriminator/conv2d/Conv2d").output(0).dataType());
      Set<String> leakyOps = new TreeSet<>();
      for (Iterator<GraphOperation> it = bf16.graph.operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().startsWith("LeakyRelu")) {
          leakyOps.add(op.type());
          // TensorFlow's CPU bfloat16 LeakyRelu kernels are ~10x slower than float32's: see LeakyReLU.
          assertEquals(DataType.DT_FLOAT, op.output(0).dataType(), op.name() + " computes in float32");
        }
      }
      assertEquals(Set.of("LeakyRelu", "LeakyReluGrad"), leakyOps);

      List<float[]> expected = f32.run(lossesAndGradients(f32.step), false);
      List<float[]> actual = bf16.run(lossesAndGradients(bf16.step), false);
      for (int loss = 0; loss < 2; loss++) {
        float e = expected.get(loss)[0], a = actual.get(loss)[0];
        assertEquals(e, a, 0.005 * Math.abs(e), "loss " + loss + ": same noise and dropout masks, bfloat16 arithmetic");
      }
      for (int i = 2; i < expected.size(); i++) {
        double cosine = cosine(expected.get(i), actual.get(i));
        // Measured here: 0.982 to 1.0 (batch 8, Eigen's bfloat16 kernels); unrelated gradients would give about 0.
        assertTrue(cosine > 0.95, "gradient " + (i - 2) + " (float32 variables) points the same way: cosine " + cosine);
      }

      bf16.train(0, 2);
      for (Weight w : bf16.step.modelWeights()) {
        for (float v : bf16.value(w)) {
          assertTrue(Float.isFinite(v), w.name() + " stays finite after bfloat16 steps");
        }
      }
      try (TrainStepFixture again = new TrainStepFixture(BF16)) {
        again.train(0, 2);
        for (int i = 0; i < bf16.step.modelWeights().size(); i++) {
          assertArrayEquals(bf16.value(bf16.step.modelWeights().get(i)), again.value(again.step.modelWeights().get(i)),
              "same seed, threads and precision: bitwise the same weights");
        }
      }
    }
  }

  private static List<Operand<TFloat32>> lossesAndGradients(TrainStep step) {
    List<Operand<TFloat32>> out = new ArrayList<>(List.of(step.genLoss(), step.discLoss()));
    out.addAll(step.generatorGradients());
    out.addAll(step.discriminatorGradients());
    return out;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
