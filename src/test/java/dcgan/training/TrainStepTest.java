package dcgan.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Tensors;
import dcgan.losses.GanLoss;
import dcgan.losses.GradientPenalty;
import dcgan.model.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * The train step graph: gradients against finite differences, each network updated from its own
 * loss only, and bitwise reproducibility. Small batches of real digits keep it quick.
 */
class TrainStepTest {

  private static final TrainConfig CONFIG = TrainStepFixture.CONFIG; // batch 8 of 64 real digits

  @Test
  void gradientsAgreeWithFiniteDifferences() {
    try (TrainStepFixture f = new TrainStepFixture(CONFIG)) {
      checkAlongGradient(f, f.step.genLoss(), f.step.generatorGradients(), f.step.generator().trainableWeights());
      checkAlongGradient(f, f.step.discLoss(), f.step.discriminatorGradients(), f.step.discriminator().trainableWeights());
    }
  }

  /**
   * The loss's slope along the normalized gradient {@code u = g / |g|}, by central differences,
   * must equal {@code g . u = |g|}. Moving every weight of the network at once averages out the
   * float32 rounding that single-weight differences suffer from.
   */
  private static void checkAlongGradient(TrainStepFixture f, Operand<TFloat32> loss, List<Output<TFloat32>> grads, List<Weight> weights) {
    List<float[]> gradient = f.run(grads, false);
    List<float[]> original = new ArrayList<>();
    weights.forEach(w -> original.add(f.value(w)));
    double squares = 0;
    for (float[] g : gradient) {
      for (float v : g) {
        squares += (double) v * v;
      }
    }
    double norm = Math.sqrt(squares);
    double h = 1e-3; // small enough for the curvature, large enough for float32 rounding
    double numeric = (lossAlong(f, loss, weights, original, gradient, h / norm)
        - lossAlong(f, loss, weights, original, gradient, -h / norm)) / (2 * h);
    for (int i = 0; i < weights.size(); i++) {
      Tensors.assign(f.session, f.tf, weights.get(i).variable(), original.get(i));
    }
    assertEquals(norm, numeric, 5e-3 * norm, "slope along the gradient");
  }

  /** The loss with every weight moved by {@code scale * gradient}. */
  private static double lossAlong(TrainStepFixture f, Operand<TFloat32> loss, List<Weight> weights, List<float[]> original,
      List<float[]> gradient, double scale) {
    for (int i = 0; i < weights.size(); i++) {
      float[] moved = original.get(i).clone();
      for (int j = 0; j < moved.length; j++) {
        moved[j] += (float) (scale * gradient.get(i)[j]);
      }
      Tensors.assign(f.session, f.tf, weights.get(i).variable(), moved);
    }
    return f.run(List.of(loss), false).get(0)[0];
  }

  @Test
  void eachNetworkMovesAlongItsOwnLossGradientOnly() {
    checkEachNetworkMovesAlongItsOwnLossGradientOnly(CONFIG);
  }

  @Test
  void inTheConditionalGanTooEachNetworkMovesAlongItsOwnLossGradientOnly() {
    checkEachNetworkMovesAlongItsOwnLossGradientOnly(conditional(CONFIG));
  }

  @Test
  void withHingeLossAndSpectralNormEachNetworkMovesAlongItsOwnLossGradientOnly() {
    checkEachNetworkMovesAlongItsOwnLossGradientOnly(TrainStepFixture.spectralNorm(TrainStepFixture.with(CONFIG, new Objective(GanLoss.HINGE, 0, 1))));
  }

  @Test
  void withTheGradientPenaltyInAConditionalGanEachNetworkMovesAlongItsOwnLossGradientOnly() {
    checkEachNetworkMovesAlongItsOwnLossGradientOnly(
        TrainStepFixture.with(conditional(CONFIG), new Objective(GanLoss.WASSERSTEIN, GradientPenalty.PAPER_WEIGHT, 1)));
  }

  @Test
  void theGradientPenaltyIsPartOfTheDiscriminatorsLossOnly() {
    TrainConfig wgan = TrainStepFixture.with(CONFIG, new Objective(GanLoss.WASSERSTEIN, 0, 1));
    TrainConfig wganGp = TrainStepFixture.with(CONFIG, new Objective(GanLoss.WASSERSTEIN, GradientPenalty.PAPER_WEIGHT, 1));
    float[] without, with;
    try (TrainStepFixture f = new TrainStepFixture(wgan)) {
      without = f.run(List.of(f.step.metrics()), false).get(0);
    }
    try (TrainStepFixture f = new TrainStepFixture(wganGp)) {
      with = f.run(List.of(f.step.metrics()), false).get(0);
    }
    assertEquals(without[TrainStep.GEN_LOSS], with[TrainStep.GEN_LOSS], "gen_loss: same weights, noise and dropout");
    assertTrue(with[TrainStep.DISC_LOSS] > without[TrainStep.DISC_LOSS] + 1, "disc_loss + a penalty near lambda for an untrained critic: "
        + without[TrainStep.DISC_LOSS] + " -> " + with[TrainStep.DISC_LOSS]);
  }

  @Test
  void withCriticStepsTheGeneratorIsUpdatedInEveryNthStepOnly() {
    try (TrainStepFixture f = new TrainStepFixture(TrainStepFixture.with(CONFIG, new Objective(GanLoss.TUTORIAL, 0, 3)))) {
      Weight g = f.step.generator().trainableWeights().get(0);
      Weight d = f.step.discriminator().trainableWeights().get(0);
      for (int s = 0; s < 6; s++) {
        float[] gBefore = f.value(g), dBefore = f.value(d);
        f.trainWith(s, f.step.trainOp(s));
        assertEquals(s % 3 == 2, !Arrays.equals(gBefore, f.value(g)), "generator updated in step " + s);
        assertFalse(Arrays.equals(dBefore, f.value(d)), "discriminator updated in step " + s);
      }
      assertEquals(2, f.iterations(f.step.generatorOptimizer()), "generator updates");
      assertEquals(6, f.iterations(f.step.discriminatorOptimizer()), "discriminator updates");
    }
  }

  @Test
  void spectralNormStoresEachDiscriminatorKernelsVectorEveryStep() {
    try (TrainStepFixture f = new TrainStepFixture(TrainStepFixture.spectralNorm(CONFIG))) {
      List<Weight> vectors = f.step.discriminator().weights().stream()
          .filter(w -> w.name().equals(dcgan.model.SpectralNorm.WEIGHT_NAME)).toList();
      assertEquals(3, vectors.size(), "conv2d, conv2d_1, dense_1");
      List<float[]> before = vectors.stream().map(f::value).toList();
      f.train(0, 1);
      for (int i = 0; i < vectors.size(); i++) {
        float[] after = f.value(vectors.get(i));
        assertFalse(Arrays.equals(before.get(i), after), vectors.get(i).opName());
        double norm = 0;
        for (float x : after) {
          norm += x * x;
        }
        assertEquals(1, norm, 1e-5, "u is stored normalized");
      }
    }
  }

  @Test
  void rgbImagesOfAnotherSizeTrainAndDrawTheirGrid() {
    dcgan.data.ImageShape shape = new dcgan.data.ImageShape(32, 32, 3);
    byte[] pixels = new byte[16 * shape.size()];
    new java.util.Random(3).nextBytes(pixels);
    dcgan.data.Images rgb = new dcgan.data.Images(pixels, 16, 32, 32, 3, null, "random RGB");
    TrainConfig config = TrainStepFixture.config(1, 8, 16, 4, 5, 2).withNetworks(dcgan.model.GanSpec.tutorial().withImage(shape));
    TrainingResult result = new Trainer(config, List.of()).train(rgb);
    assertEquals(3, result.finalImages().channels());
    assertEquals(32, result.finalImages().side());
    assertEquals(4 * 32 * 32 * 3, result.finalImages().pixels().length);
    IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Trainer(CONFIG, List.of()).train(rgb));
    assertTrue(wrong.getMessage().contains("built for 28x28x1 images; random RGB holds 32x32x3"), wrong.getMessage());
  }

  static TrainConfig conditional(TrainConfig c) {
    return TrainStepFixture.conditional(c);
  }

  private static void checkEachNetworkMovesAlongItsOwnLossGradientOnly(TrainConfig config) {
    try (TrainStepFixture f = new TrainStepFixture(config)) {
      List<Weight> g = f.step.generator().trainableWeights();
      List<Weight> d = f.step.discriminator().trainableWeights();
      List<float[]> genGrads = f.run(f.step.generatorGradients(), false);
      List<float[]> discGrads = f.run(f.step.discriminatorGradients(), false);
      // The gradients a wrong wiring would use: the other loss, w.r.t. the same variables.
      List<float[]> genFromDiscLoss = f.run(gradientsOf(f, f.step.discLoss(), g), false);
      List<float[]> discFromGenLoss = f.run(gradientsOf(f, f.step.genLoss(), d), false);
      List<float[]> before = new ArrayList<>();
      g.forEach(w -> before.add(f.value(w)));
      d.forEach(w -> before.add(f.value(w)));

      f.run(List.of(f.step.genLoss()), true); // one train step, same step number: same noise and dropout

      boolean generatorAlsoFitsDiscLoss = true;
      for (int i = 0; i < g.size(); i++) {
        float[] after = f.value(g.get(i));
        assertTrue(matchesFirstAdamStep(before.get(i), genGrads.get(i), after), g.get(i).opName());
        generatorAlsoFitsDiscLoss &= matchesFirstAdamStep(before.get(i), genFromDiscLoss.get(i), after);
      }
      boolean discriminatorAlsoFitsGenLoss = true;
      for (int i = 0; i < d.size(); i++) {
        float[] after = f.value(d.get(i));
        assertTrue(matchesFirstAdamStep(before.get(g.size() + i), discGrads.get(i), after), d.get(i).opName());
        discriminatorAlsoFitsGenLoss &= matchesFirstAdamStep(before.get(g.size() + i), discFromGenLoss.get(i), after);
      }
      // Adam's first step is nearly lr * sign(g): a single scalar can agree by chance, whole networks cannot.
      assertFalse(generatorAlsoFitsDiscLoss, "the generator's update is explained by disc_loss too");
      assertFalse(discriminatorAlsoFitsGenLoss, "the discriminator's update is explained by gen_loss too");
    }
  }

  private static List<Output<TFloat32>> gradientsOf(TrainStepFixture f, Operand<TFloat32> loss, List<Weight> weights) {
    Output<?>[] x = weights.stream().map(w -> w.variable().asOutput()).toArray(Output<?>[]::new);
    Output<?>[] dy = f.graph.addGradients(null, new Output<?>[] {loss.asOutput()}, x, null);
    List<Output<TFloat32>> out = new ArrayList<>();
    for (Output<?> o : dy) {
      @SuppressWarnings("unchecked")
      Output<TFloat32> typed = (Output<TFloat32>) o;
      out.add(typed);
    }
    return out;
  }

  /** Adam's first step: {@code var - lr * sqrt(1 - b2) / (1 - b1) * (1 - b1) g / (sqrt((1 - b2) g^2) + eps)}. */
  private static boolean matchesFirstAdamStep(float[] before, float[] gradient, float[] after) {
    double lr = 1e-4f, b1 = 0.9f, b2 = 0.999f, eps = 1e-7f;
    for (int i = 0; i < before.length; i++) {
      double g = gradient[i];
      double m = (1 - b1) * g, v = (1 - b2) * g * g;
      double expected = before[i] - lr * Math.sqrt(1 - b2) / (1 - b1) * m / (Math.sqrt(v) + eps);
      if (Math.abs(expected - after[i]) > 1e-6 * Math.max(1, Math.abs(expected))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void adamBeta1ReachesBothOptimizers() {
    TrainConfig c = CONFIG;
    TrainConfig paper = c.toBuilder().learningRate(2e-4f).adamBeta1(0.5f).build();
    try (TrainStepFixture f = new TrainStepFixture(paper)) {
      for (Adam adam : List.of(f.step.generatorOptimizer(), f.step.discriminatorOptimizer())) {
        @SuppressWarnings("unchecked")
        var beta1 = (org.tensorflow.op.core.Variable<TFloat32>) adam.hyperVariables().get("beta_1");
        @SuppressWarnings("unchecked")
        var rate = (org.tensorflow.op.core.Variable<TFloat32>) adam.hyperVariables().get("learning_rate");
        assertEquals(0.5f, dcgan.Tensors.fetch(f.session, f.tf.identity(beta1))[0]);
        assertEquals(2e-4f, dcgan.Tensors.fetch(f.session, f.tf.identity(rate))[0]);
      }
    }
  }

  @Test
  void stepAdvancesOptimizersAndMovingStatistics() {
    try (TrainStepFixture f = new TrainStepFixture(CONFIG)) {
      Weight movingMean = f.step.generator().weights().stream().filter(w -> w.name().equals("moving_mean")).findFirst().orElseThrow();
      assertTrue(allZero(f.value(movingMean)));
      f.run(List.of(f.step.genLoss()), true);
      assertFalse(allZero(f.value(movingMean)), "training mode updates the moving mean");
      try (Result r = f.session.runner().fetch(f.step.generatorOptimizer().iterations())
          .fetch(f.step.discriminatorOptimizer().iterations()).run()) {
        assertEquals(1, ((TInt64) r.get(0)).getLong());
        assertEquals(1, ((TInt64) r.get(1)).getLong());
      }
    }
  }

  @Test
  void sameSeedAndThreadsGiveBitwiseIdenticalSteps() {
    Supplier<List<float[]>> threeSteps = () -> {
      try (TrainStepFixture f = new TrainStepFixture(CONFIG)) {
        List<float[]> out = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
          out.add(f.run(List.of(f.step.metrics()), true).get(0));
        }
        f.step.modelWeights().forEach(w -> out.add(f.value(w)));
        out.add(Tensors.fetch(f.session, f.step.sampleImages()));
        return out;
      }
    };
    List<float[]> first = threeSteps.get();
    List<float[]> second = threeSteps.get();
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(first.get(i), second.get(i), "output " + i);
    }
    try (TrainStepFixture other = new TrainStepFixture(TrainStepFixture.config(1, 8, 64, 4, 6, 2))) {
      assertFalse(Arrays.equals(first.get(0), other.run(List.of(other.step.metrics()), true).get(0)), "another seed");
    }
  }

  @Test
  void imagesAreScaledToMinusOneOne() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      byte[] pixels = new byte[28 * 28];
      pixels[0] = 0;
      pixels[1] = (byte) 255;
      pixels[2] = (byte) 128;
      var scaled = dcgan.model.Pixels.scale(tf, tf.constant(Shape.of(1, 28, 28), DataBuffers.of(pixels, true, false))
          .asOutput().expect(TUint8.class), dcgan.data.ImageShape.MNIST);
      float[] v = Tensors.fetch(s, scaled);
      assertEquals(-1f, v[0]);
      assertEquals(1f, v[1]);
      assertEquals((128 - 127.5f) / 127.5f, v[2]);
      assertArrayEquals(new long[] {1, 28, 28, 1}, scaled.shape().asArray());
    }
  }

  private static boolean allZero(float[] values) {
    for (float v : values) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }
}
