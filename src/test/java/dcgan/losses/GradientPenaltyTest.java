package dcgan.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import dcgan.Tensors;
import dcgan.data.Images;
import dcgan.model.CallContext;
import dcgan.model.Conv2D;
import dcgan.model.Dense;
import dcgan.model.Discriminator;
import dcgan.model.Dropout;
import dcgan.model.LeakyReLU;
import dcgan.model.ModelBuilder;
import dcgan.model.Reshape;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * WGAN-GP's penalty against closed forms for critics whose input gradient is known, against
 * finite differences of the tutorial's discriminator, and its gradient with respect to the
 * discriminator's weights (a second-order gradient) against finite differences too.
 */
class GradientPenaltyTest {

  private static final float LAMBDA = GradientPenalty.PAPER_WEIGHT;

  /** critic(x) = sum(c * x^2) per 2x2 image: its input gradient is 2 c x. */
  private static UnaryOperator<Operand<TFloat32>> quadraticCritic(Ops tf, float[] c) {
    Operand<TFloat32> weights = Tensors.constant(tf, Shape.of(1, 2, 2, 1), c);
    return images -> tf.reshape(
        tf.sum(tf.math.mul(weights, tf.math.square(images)), tf.constant(new int[] {1, 2, 3})), tf.constant(new long[] {-1, 1}));
  }

  /** The closed form of {@link #quadraticCritic}'s gradient norm at image {@code i} of {@code x}: ||2 c x_i||. */
  private static double quadraticSlope(float[] c, float[] x, int i) {
    double squares = 0;
    for (int p = 0; p < 4; p++) {
      double grad = 2 * c[p] * x[4 * i + p];
      squares += grad * grad;
    }
    return Math.sqrt(squares + 1e-10);
  }

  @Test
  void normsOfAQuadraticCriticsGradientMatchTheClosedForm() {
    float[] c = {1f, -2f, 0.5f, 3f};
    float[] x = {0.1f, -0.4f, 0.9f, 0.2f, /* image 2 */ -1f, 0f, 0.3f, 0.7f};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float[] norms = Tensors.fetch(s, GradientPenalty.gradientNorms(tf, quadraticCritic(tf, c),
          Tensors.constant(tf, Shape.of(2, 2, 2, 1), x)));
      for (int i = 0; i < 2; i++) {
        assertEquals(quadraticSlope(c, x, i), norms[i], 1e-6, "image " + i);
      }
    }
  }

  @Test
  void aLinearCriticsPenaltyIsLambdaTimesItsSlopeMinusOneSquaredWhereverItInterpolates() {
    // critic(x) = sum(w * x): the gradient is w at every interpolate, so the random weights cannot matter.
    float[] w = {0.3f, -0.6f, 1.2f, 0.1f};
    double slope = Math.sqrt(0.09 + 0.36 + 1.44 + 0.01 + 1e-10);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> weights = Tensors.constant(tf, Shape.of(1, 2, 2, 1), w);
      UnaryOperator<Operand<TFloat32>> critic = images -> tf.reshape(
          tf.sum(tf.math.mul(weights, images), tf.constant(new int[] {1, 2, 3})), tf.constant(new long[] {-1, 1}));
      Operand<TFloat32> real = Tensors.constant(tf, Shape.of(3, 2, 2, 1), Tensors.random(new java.util.Random(1), 12, 1f));
      Operand<TFloat32> fake = Tensors.constant(tf, Shape.of(3, 2, 2, 1), Tensors.random(new java.util.Random(2), 12, 1f));
      float penalty = Tensors.fetch(s, GradientPenalty.wassersteinGradientPenalty(tf, critic, real, fake,
          tf.constant(new long[] {7, 0}), LAMBDA))[0];
      assertEquals(LAMBDA * (slope - 1) * (slope - 1), penalty, 1e-5);
    }
  }

  @Test
  void aShortRealBatchIsPairedWithTheFirstGeneratedImages() {
    // The quadratic critic's gradient depends on where it is taken. The first two generated images equal the real
    // ones, so their interpolates are the real images whatever the random weights; the third, far away, must be
    // left out.
    float[] c = {1f, -2f, 0.5f, 3f};
    float[] real = {0.1f, -0.4f, 0.9f, 0.2f, /* image 2 */ -1f, 0f, 0.3f, 0.7f};
    float[] generated = Arrays.copyOf(real, 12);
    Arrays.fill(generated, 8, 12, 50f);
    double expected = 0;
    for (int i = 0; i < 2; i++) {
      double slope = quadraticSlope(c, real, i);
      expected += LAMBDA * (slope - 1) * (slope - 1) / 2;
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float penalty = Tensors.fetch(s, GradientPenalty.wassersteinGradientPenalty(tf, quadraticCritic(tf, c),
          Tensors.constant(tf, Shape.of(2, 2, 2, 1), real), Tensors.constant(tf, Shape.of(3, 2, 2, 1), generated),
          tf.constant(new long[] {7, 0}), LAMBDA))[0];
      assertEquals(expected, penalty, 1e-4 * expected);
    }
  }

  @Test
  void theTutorialDiscriminatorsPenaltyMatchesFiniteDifferencesOfItsInputGradient() {
    try (Critic critic = new Critic(2)) {
      float[] images = critic.images;
      float h = 1e-3f;
      int pixels = 28 * 28;
      float[] analytic = critic.fetch(GradientPenalty.gradientNorms(critic.tf, critic::score, critic.input), images);
      for (int i = 0; i < 2; i++) {
        double squares = 0;
        float[] batch = new float[2 * pixels * pixels];
        for (int p = 0; p < pixels; p++) {
          System.arraycopy(images, i * pixels, batch, 2 * p * pixels, pixels);
          System.arraycopy(images, i * pixels, batch, (2 * p + 1) * pixels, pixels);
          batch[2 * p * pixels + p] += h;
          batch[(2 * p + 1) * pixels + p] -= h;
        }
        float[] scores = critic.fetch(critic.score(critic.input), batch);
        for (int p = 0; p < pixels; p++) {
          double grad = (scores[2 * p] - scores[2 * p + 1]) / (2.0 * h);
          squares += grad * grad;
        }
        assertEquals(Math.sqrt(squares), analytic[i], 1e-2 * analytic[i], "image " + i);
      }
      // With the generated images equal to the real ones every interpolate is the real image.
      Operand<TFloat32> penalty = critic.penalty();
      double expected = 0;
      for (float norm : analytic) {
        expected += LAMBDA * (norm - 1) * (norm - 1) / 2;
      }
      assertEquals(expected, critic.fetch(penalty, images)[0], 1e-4 * Math.max(1, expected));
    }
  }

  /**
   * The second-order gradient through every op kind of the tutorial's discriminator (Conv2D and
   * its bias Add, LeakyReLU, Dropout's mask, Flatten, Dense), on a network small enough that a
   * central difference does not cross a kink: a LeakyReLU network's input gradient is piecewise
   * constant, so the penalty jumps wherever a weight change flips a unit's sign, which in the
   * full-size discriminator happens within any step that float32 can resolve. Here most entries
   * have no flip within the step (two step sizes agree there); those are checked.
   */
  @Test
  void thePenaltysGradientWithRespectToTheWeightsMatchesFiniteDifferences() {
    Sequential small = new Sequential("discriminator", Shape.of(6, 6, 1), List.of(new Conv2D(2, 3, 2), new LeakyReLU(),
        new Dropout(0.3f), new Conv2D(3, 3, 2), new LeakyReLU(), Reshape.flatten(), new Dense(1, true)));
    try (Critic critic = new Critic(small, Tensors.random(new java.util.Random(4), 2 * 36, 1f), true)) {
      Operand<TFloat32> penalty = critic.penalty();
      // The kernels only: the input gradient of a piecewise-linear network does not depend on its biases
      // (LeakyReluGrad's gradient with respect to the features it reads is zero), so TensorFlow gives them none.
      for (Weight w : small.trainableWeights().stream().filter(w -> w.name().equals("kernel")).toList()) {
        Output<?>[] grads = critic.graph.addGradients(null, new Output<?>[] {penalty.asOutput()},
            new Output<?>[] {w.variable().asOutput()}, null);
        @SuppressWarnings("unchecked")
        float[] analytic = critic.fetch((Output<TFloat32>) grads[0], critic.images);
        float[] values = critic.value(w);
        int checked = 0;
        for (int index = 0; index < values.length; index++) {
          double coarse = critic.centralDifference(penalty, w, values, index, 1e-3f);
          double fine = critic.centralDifference(penalty, w, values, index, 5e-4f);
          if (Math.abs(coarse - fine) > 0.05 * Math.abs(fine) + 5e-3) {
            continue; // a unit flips within the step: the difference measures the jump, not the slope
          }
          assertEquals(analytic[index], fine, 0.02 * Math.abs(analytic[index]) + 5e-3, w.opName() + "[" + index + "]");
          checked++;
        }
        assertTrue(checked >= 0.75 * values.length, w.opName() + ": " + checked + " of " + values.length + " entries checked");
      }
    }
  }

  /** The first 20 indices by decreasing magnitude. */
  private static int[] byMagnitude(float[] values) {
    Integer[] order = new Integer[values.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Float.compare(Math.abs(values[b]), Math.abs(values[a])));
    return Arrays.stream(order).limit(20).mapToInt(Integer::intValue).toArray();
  }

  /** A discriminator on fed images, with images to score. */
  private static final class Critic implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final Session session = new Session(graph);
    final Sequential model;
    final Placeholder<TFloat32> input;
    final float[] images;
    final long[] imageShape;
    final boolean training;

    /** The tutorial's discriminator in inference mode, on {@code count} fixture digits. */
    Critic(int count) {
      this(Discriminator.makeDiscriminatorModel(), digits(count), false);
    }

    /** {@code model} (unbuilt), in training mode (dropout on, its mask fixed by a constant seed) when {@code training}. */
    Critic(Sequential model, float[] images, boolean training) {
      ModelBuilder builder = new ModelBuilder(tf, 3);
      this.model = model.build(builder);
      builder.initializers().forEach(op -> session.runner().addTarget(op).run());
      this.images = images;
      this.training = training;
      imageShape = model.inputShape().asArray();
      input = tf.placeholder(TFloat32.class, Placeholder.shape(model.inputShape()));
    }

    private static float[] digits(int count) {
      Images digits = Fixtures.images(count);
      float[] out = new float[digits.pixels().length];
      for (int i = 0; i < out.length; i++) {
        out[i] = ((digits.pixels()[i] & 0xff) - 127.5f) / 127.5f;
      }
      return out;
    }

    Operand<TFloat32> score(Operand<TFloat32> x) {
      return model.call(tf, x, training ? CallContext.training(9, tf.constant(0L)) : CallContext.inference());
    }

    Operand<TFloat32> penalty() {
      return GradientPenalty.wassersteinGradientPenalty(tf, this::score, input, input, tf.constant(new long[] {1, 2}), LAMBDA);
    }

    float[] fetch(Operand<TFloat32> out, float[] batch) {
      long perImage = imageShape[1] * imageShape[2] * imageShape[3];
      Shape shape = Shape.of(batch.length / perImage, imageShape[1], imageShape[2], imageShape[3]);
      try (TFloat32 t = TFloat32.tensorOf(shape, org.tensorflow.ndarray.buffer.DataBuffers.of(batch, true, false));
          Result r = session.runner().feed(input, t).fetch(out).run()) {
        return Tensors.values((TFloat32) r.get(0));
      }
    }

    float[] value(Weight w) {
      return Tensors.fetch(session, tf.identity(w.variable()));
    }

    private final java.util.Map<Weight, Placeholder<TFloat32>> setters = new java.util.HashMap<>();
    private final java.util.Map<Weight, org.tensorflow.op.Op> assigns = new java.util.HashMap<>();

    /** Sets a weight, through one placeholder and assign op per weight (new ops per call would slow every run). */
    void set(Weight w, float[] values) {
      Placeholder<TFloat32> value = setters.computeIfAbsent(w, k -> tf.placeholder(TFloat32.class));
      org.tensorflow.op.Op assign = assigns.computeIfAbsent(w, k -> tf.assign(w.variable(), value));
      try (TFloat32 t = TFloat32.tensorOf(w.shape(), org.tensorflow.ndarray.buffer.DataBuffers.of(values, true, false))) {
        session.runner().feed(value, t).addTarget(assign).run();
      }
    }

    /** {@code (penalty(w + h) - penalty(w - h)) / 2h} in entry {@code index}, over the float steps actually taken; restores {@code w}. */
    double centralDifference(Operand<TFloat32> penalty, Weight w, float[] values, int index, float h) {
      float[] changed = values.clone();
      changed[index] = values[index] + h;
      set(w, changed);
      double up = fetch(penalty, images)[0];
      changed[index] = values[index] - h;
      set(w, changed);
      double down = fetch(penalty, images)[0];
      set(w, values);
      return (up - down) / ((double) (values[index] + h) - (double) (values[index] - h));
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }
}
