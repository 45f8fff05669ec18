package dcgan.training;

import dcgan.data.ImageShape;
import dcgan.losses.GanLoss;
import dcgan.losses.GradientPenalty;
import dcgan.model.CallContext;
import dcgan.model.Condition;
import dcgan.model.GanModel;
import dcgan.model.Labels;
import dcgan.model.ModelBuilder;
import dcgan.model.Pixels;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * The tutorial's {@code train_step}, built once into a graph, plus what the loop needs around it:
 * the training images held in the graph, the fixed {@code seed} noise and the inference path that
 * turns it into the epoch grid.
 *
 * <p>One run of {@link #trainOp()} with {@link #indices()} and {@link #step()} fed is one step:
 * gather and scale the real batch, draw {@code batch_size} noise vectors, one forward pass of both
 * networks in training mode, both losses, the gradients of each loss with respect to its own
 * network only, then both Adam updates and the BatchNormalization moving averages, after all
 * gradients exist. Only feeds and the 4 metrics cross the JNI boundary per step. With {@code
 * --augment} the discriminator sees both batches through {@link dcgan.losses.DiffAugment}; with
 * {@code --ema} an {@link ExponentialMovingAverage} of the generator follows each of its updates,
 * and draws the grid.
 *
 * <p>This class only builds; {@link Trainer} runs.
 */
public final class TrainStep {

  /** Index in {@link #metrics()}: generator loss, discriminator loss, D(x), D(G(z)). */
  public static final int GEN_LOSS = 0, DISC_LOSS = 1, D_REAL = 2, D_FAKE = 3;

  /** How many noise vectors the averaged generator's standing statistics are computed on. */
  static final int STANDING_STATISTICS_BATCH = 1024;

  private final Graph graph;
  private final TrainConfig config;
  private final GanModel model;
  private final ExponentialMovingAverage average; // null without --ema
  private final Op standingStatistics; // null without --ema
  private final Op copyToAverage; // null without --ema
  private final Adam generatorOptimizer;
  private final Adam discriminatorOptimizer;
  private final Placeholder<TUint8> imagesToLoad;
  private final Op loadImages;
  private final Labels.Held heldLabels;
  private final Placeholder<TInt32> indices;
  private final Placeholder<TInt64> step;
  private Operand<TFloat32> genLoss;
  private Operand<TFloat32> discLoss;
  private Operand<TFloat32> metrics;
  private List<Output<TFloat32>> generatorGradients;
  private List<Output<TFloat32>> discriminatorGradients;
  private Op trainOp;
  private Op criticTrainOp;
  private final Operand<TFloat32> sampleImages;
  private final Op initializer;
  private final List<Op> extraTargets = new ArrayList<>();

  /**
   * Builds everything into {@code graph}.
   *
   * @param graph an empty graph
   * @param imageCount number of training images the graph will hold
   * @param config the networks, batch size, learning rate, seed
   */
  public TrainStep(Graph graph, int imageCount, TrainConfig config) {
    this.graph = graph;
    this.config = config;
    Ops tf = Ops.create(graph);
    ModelBuilder builder = new ModelBuilder(tf, config.seed());
    GanModel networks = GanModel.build(config.networks(), builder);
    model = config.averagesGenerator() ? networks.withAveragedGenerator(tf) : networks;
    average = config.averagesGenerator()
        ? new ExponentialMovingAverage(model.generator(), model.averagedGenerator().orElseThrow(), config.emaDecay()) : null;
    generatorOptimizer = adam(tf, "generator_optimizer", model.generator(), config.learningRate());
    discriminatorOptimizer = adam(tf, "discriminator_optimizer", model.discriminator(), config.discriminatorLearningRate());

    Ops data = tf.withSubScope("data");
    ImageShape image = config.networks().image();
    Shape allImages = Shape.of(imageCount, image.rows(), image.cols(), image.channels());
    Variable<TUint8> trainImages = data.withName("train_images").variable(allImages, TUint8.class);
    imagesToLoad = data.withName("images_to_load").placeholder(TUint8.class, Placeholder.shape(allImages));
    loadImages = data.withName("load_images").assign(trainImages, imagesToLoad);
    heldLabels = config.networks().labels().hold(data, imageCount);
    indices = data.withName("indices").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    step = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));

    Ops train = tf.withSubScope("train_step");
    Operand<TFloat32> images = Pixels.scale(train, train.gather(trainImages, indices, train.constant(0)), image);
    CallContext context = CallContext.training(config.seed(), step, config.networks().precision());
    lossesAndUpdates(train, images, heldLabels.gather(train, indices), context);

    sampleImages = model.grid(tf.withSubScope("generate_and_save_images"), config.numExamples(), config.seed());
    List<Op> inits = new ArrayList<>(builder.initializers());
    inits.addAll(generatorOptimizer.initializers());
    inits.addAll(discriminatorOptimizer.initializers());
    if (average == null) {
      initializer = tf.withName("init").withControlDependencies(inits).noOp();
      standingStatistics = null;
      copyToAverage = null;
      return;
    }
    copyToAverage = average.copy(tf.withSubScope("ema"));
    Op weights = tf.withName("init_weights").withControlDependencies(inits).noOp();
    initializer = tf.withName("init").withControlDependencies(List.of(average.copy(tf.withSubScope("ema_init")
        .withControlDependencies(List.of(weights))))).noOp();
    standingStatistics = model.standingStatistics(tf.withSubScope("standing_statistics"), STANDING_STATISTICS_BATCH, config.seed());
  }

  private Adam adam(Ops tf, String name, Sequential network, float learningRate) {
    return new Adam(tf, name, network.trainableWeights(), learningRate, config.adamBeta1(), config.adamBeta2(), Adam.EPSILON);
  }

  /** The step itself: the forward pass, both losses and the metrics, then the gradients and updates. */
  private void lossesAndUpdates(Ops train, Operand<TFloat32> images, Condition realLabels, CallContext context) {
    Operand<TFloat32> noise = train.random.statelessRandomNormal(
        train.constant(new long[] {config.batchSize(), config.networks().noiseDim()}), context.nextSeed(train), TFloat32.class);
    // A conditional GAN's fakes get uniformly drawn labels, drawn after the noise so that the other random ops keep their seeds.
    Condition fakeLabels = config.networks().labels().draw(train, config.batchSize(), context);
    Operand<TFloat32> generatedImages = model.generate(train, noise, fakeLabels, context);
    // DiffAugment: the discriminator sees every image, real or generated, through the augmentation (none by default).
    images = config.objective().augment().apply(train.withSubScope("augment_real"), images, context);
    generatedImages = config.objective().augment().apply(train.withSubScope("augment_fake"), generatedImages, context);
    Operand<TFloat32> realOutput = model.discriminate(train, images, realLabels, context);
    Operand<TFloat32> fakeOutput = model.discriminate(train, generatedImages, fakeLabels, context);
    GanLoss loss = config.objective().loss();
    genLoss = loss.generatorLoss(train.withSubScope("generator_loss"), fakeOutput);
    discLoss = discriminatorLoss(train, loss.discriminatorLoss(train.withSubScope("discriminator_loss"), realOutput, fakeOutput),
        images, generatedImages, realLabels, context);
    metrics = train.withName("metrics").stack(List.of(genLoss, discLoss,
        train.math.mean(loss.score(train, realOutput), train.constant(new int[] {0, 1})),
        train.math.mean(loss.score(train, fakeOutput), train.constant(new int[] {0, 1}))));
    updates(train, context);
  }

  /** The discriminator's loss, plus WGAN-GP's penalty where asked for. */
  private Operand<TFloat32> discriminatorLoss(Ops train, Operand<TFloat32> adversarialLoss, Operand<TFloat32> images,
      Operand<TFloat32> generatedImages, Condition realLabels, CallContext context) {
    float weight = config.objective().gradientPenalty();
    if (weight == 0) {
      return adversarialLoss;
    }
    // Drawn after every other random op of the step, so that the rest of the step keeps its seeds.
    Ops penalty = train.withSubScope("gradient_penalty");
    Operand<TFloat32> gp = GradientPenalty.wassersteinGradientPenalty(penalty,
        x -> model.discriminate(penalty, x, realLabels, context), images, generatedImages, context.nextSeed(penalty), weight);
    return train.withName("disc_loss").math.add(adversarialLoss, gp);
  }

  /** Each loss's gradients with respect to its own network, then both Adam updates once all gradients exist. */
  private void updates(Ops train, CallContext context) {
    generatorGradients = gradients(graph, "generator_gradients", genLoss, model.generator());
    discriminatorGradients = gradients(graph, "discriminator_gradients", discLoss, model.discriminator());
    List<Op> allGradients = new ArrayList<>(generatorGradients);
    allGradients.addAll(discriminatorGradients);
    List<Op> updates = new ArrayList<>(context.updates());
    Op generatorUpdate = generatorOptimizer.applyGradients(train, generatorGradients, allGradients);
    updates.add(average == null ? generatorUpdate : average.update(train, generatorOptimizer.iterations(), generatorUpdate));
    updates.add(discriminatorOptimizer.applyGradients(train, discriminatorGradients, allGradients));
    trainOp = train.withName("train").withControlDependencies(updates).noOp();
    if (config.objective().criticSteps() == 1) {
      criticTrainOp = trainOp;
      return;
    }
    // A discriminator-only step: the generator's gradients are not even computed.
    List<Op> criticUpdates = new ArrayList<>(context.updates());
    criticUpdates.add(discriminatorOptimizer.applyGradients(train.withSubScope("critic_step"), discriminatorGradients,
        new ArrayList<>(discriminatorGradients)));
    criticTrainOp = train.withName("train_critic").withControlDependencies(criticUpdates).noOp();
  }

  /** {@code tape.gradient(loss, model.trainable_variables)}: graph gradients, this network only. */
  @SuppressWarnings("unchecked")
  private static List<Output<TFloat32>> gradients(Graph graph, String prefix, Operand<TFloat32> loss, Sequential model) {
    Output<?>[] variables = model.trainableWeights().stream().map(w -> w.variable().asOutput()).toArray(Output<?>[]::new);
    Output<?>[] grads = graph.addGradients(prefix, new Output<?>[] {loss.asOutput()}, variables, null);
    return Arrays.stream(grads).map(g -> (Output<TFloat32>) g).toList();
  }

  /** The graph it is built in. */
  public Graph graph() {
    return graph;
  }

  /** The settings it was built with. */
  public TrainConfig config() {
    return config;
  }

  /** Both networks, as built in this graph. */
  public GanModel model() {
    return model;
  }

  public Sequential generator() {
    return model.generator();
  }

  public Sequential discriminator() {
    return model.discriminator();
  }

  public Adam generatorOptimizer() {
    return generatorOptimizer;
  }

  public Adam discriminatorOptimizer() {
    return discriminatorOptimizer;
  }

  /** Feed: all training images, uint8 {@code [n, rows, cols, channels]}, for {@link #loadImages()}. */
  public Placeholder<TUint8> imagesToLoad() {
    return imagesToLoad;
  }

  /** Copies the fed images into the graph, once per session. */
  public Op loadImages() {
    return loadImages;
  }

  /** The training labels held in the graph (for a conditional GAN; nothing otherwise). */
  public Labels.Held heldLabels() {
    return heldLabels;
  }

  /** Feed: int32 indices of this step's real images. */
  public Placeholder<TInt32> indices() {
    return indices;
  }

  /** Feed: int64 step number; seeds the noise and dropout of the step. */
  public Placeholder<TInt64> step() {
    return step;
  }

  /** The step's {@code gen_loss}. */
  public Operand<TFloat32> genLoss() {
    return genLoss;
  }

  /** The step's {@code disc_loss}. */
  public Operand<TFloat32> discLoss() {
    return discLoss;
  }

  /** {@code gen_tape.gradient(gen_loss, generator.trainable_variables)}, in that order. */
  public List<Output<TFloat32>> generatorGradients() {
    return generatorGradients;
  }

  /** {@code disc_tape.gradient(disc_loss, discriminator.trainable_variables)}, in that order. */
  public List<Output<TFloat32>> discriminatorGradients() {
    return discriminatorGradients;
  }

  /** float32[4]: gen_loss, disc_loss, D(x), D(G(z)); see the index constants. */
  public Operand<TFloat32> metrics() {
    return metrics;
  }

  /** Runs one train step: both networks' updates. */
  public Op trainOp() {
    return trainOp;
  }

  /**
   * The op that trains step {@code step} (0-based): {@link #trainOp()}, or with {@code
   * --critic-steps N} the discriminator's update alone in all but every N-th step.
   */
  public Op trainOp(long step) {
    return config.objective().updatesGenerator(step) ? trainOp : criticTrainOp;
  }

  /** {@code generator(seed, training=False)}: the grid's images, {@code (grid images, rows, cols, channels)}. */
  public Operand<TFloat32> sampleImages() {
    return sampleImages;
  }

  /**
   * Adds an op to run with every train step, in the same session call (e.g. TensorBoard's summary
   * writes of this step's losses). It must not change the training state.
   */
  public void addExtraTarget(Op op) {
    extraTargets.add(op);
  }

  /** The ops added by {@link #addExtraTarget}. */
  public List<Op> extraTargets() {
    return Collections.unmodifiableList(extraTargets);
  }

  /**
   * With {@code --ema}, the op that recomputes the averaged generator's BatchNormalization
   * statistics for its present weights; run it before the averaged generator draws.
   */
  public Optional<Op> standingStatistics() {
    return Optional.ofNullable(standingStatistics);
  }

  /** With {@code --ema}, the op that sets the averaged generator to the generator (after weights were loaded into it). */
  public Optional<Op> copyToAverage() {
    return Optional.ofNullable(copyToAverage);
  }

  /** Sets every variable (but the images) to its initial value, the averaged generator to the generator's. */
  public Op initializer() {
    return initializer;
  }

  /** Every weight of both networks. */
  public List<Weight> modelWeights() {
    List<Weight> all = new ArrayList<>(model.generator().weights());
    all.addAll(model.discriminator().weights());
    return all;
  }
}
