package dcgan.training;

import dcgan.data.ImageShape;
import dcgan.model.CallContext;
import dcgan.model.Conditioning;
import dcgan.losses.GanLoss;
import dcgan.losses.GradientPenalty;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * gradients exist. Only feeds and the 4 metrics cross the JNI boundary per step.
 *
 * <p>This class only builds; {@link Trainer} runs.
 */
public final class TrainStep {

  /** Index in {@link #metrics()}: generator loss, discriminator loss, D(x), D(G(z)). */
  public static final int GEN_LOSS = 0, DISC_LOSS = 1, D_REAL = 2, D_FAKE = 3;

  private final Graph graph;
  private final TrainConfig config;
  private final Sequential generator;
  private final Sequential discriminator;
  private final Adam generatorOptimizer;
  private final Adam discriminatorOptimizer;
  private final Placeholder<TUint8> imagesToLoad;
  private final Op loadImages;
  private final Placeholder<TUint8> labelsToLoad;
  private final Op loadLabels;
  private final Variable<TUint8> trainLabels;
  private final Placeholder<TInt32> indices;
  private final Placeholder<TInt64> step;
  private final Operand<TFloat32> genLoss;
  private final Operand<TFloat32> discLoss;
  private final Operand<TFloat32> metrics;
  private final List<Output<TFloat32>> generatorGradients;
  private final List<Output<TFloat32>> discriminatorGradients;
  private final Op trainOp;
  private final Op criticTrainOp;
  private final Operand<TFloat32> sampleImages;
  private final Op initializer;
  private final List<Op> extraTargets = new ArrayList<>();

  /**
   * Builds both networks of {@code config} once in a scratch graph, so that networks whose shapes do
   * not chain, or do not fit the images, are refused before anything is trained or written.
   *
   * @throws IllegalArgumentException naming the network, the layer and the problem
   */
  public static void checkNetworks(TrainConfig config) {
    try (Graph scratch = new Graph()) {
      ModelBuilder builder = ModelBuilder.withoutInitializers(Ops.create(scratch));
      Conditioning.generator(config.noiseDim(), config.labelClasses(), config.image(), config.networks()).build(builder);
      Conditioning.discriminator(config.labelClasses(), config.objective().spectralNorm(), config.image(), config.networks())
          .build(builder);
    }
  }

  /**
   * Builds everything into {@code graph}.
   *
   * @param graph an empty graph
   * @param imageCount number of training images the graph will hold
   * @param config batch size, noise size, learning rate, seed
   */
  public TrainStep(Graph graph, int imageCount, TrainConfig config) {
    this.graph = graph;
    this.config = config;
    Ops tf = Ops.create(graph);
    ModelBuilder builder = new ModelBuilder(tf, config.seed());
    boolean conditional = config.conditional();
    ImageShape image = config.image();
    int classes = config.labelClasses();
    generator = Conditioning.generator(config.noiseDim(), classes, image, config.networks()).build(builder);
    Objective objective = config.objective();
    discriminator = Conditioning.discriminator(classes, objective.spectralNorm(), image, config.networks()).build(builder);
    generatorOptimizer = new Adam(tf, "generator_optimizer", generator.trainableWeights(), config.learningRate(), config.adamBeta1(),
        config.adamBeta2(), Adam.EPSILON);
    discriminatorOptimizer = new Adam(tf, "discriminator_optimizer", discriminator.trainableWeights(), config.learningRate(),
        config.adamBeta1(), config.adamBeta2(), Adam.EPSILON);

    Ops data = tf.withSubScope("data");
    Shape allImages = Shape.of(imageCount, image.rows(), image.cols(), image.channels());
    Variable<TUint8> trainImages = data.withName("train_images").variable(allImages, TUint8.class);
    imagesToLoad = data.withName("images_to_load").placeholder(TUint8.class, Placeholder.shape(allImages));
    loadImages = data.withName("load_images").assign(trainImages, imagesToLoad);
    if (conditional) {
      Variable<TUint8> trainLabels = data.withName("train_labels").variable(Shape.of(imageCount), TUint8.class);
      labelsToLoad = data.withName("labels_to_load").placeholder(TUint8.class, Placeholder.shape(Shape.of(imageCount)));
      loadLabels = data.withName("load_labels").assign(trainLabels, labelsToLoad);
      this.trainLabels = trainLabels;
    } else {
      labelsToLoad = null;
      loadLabels = null;
      this.trainLabels = null;
    }
    indices = data.withName("indices").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    step = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));

    Ops train = tf.withSubScope("train_step");
    Operand<TFloat32> images = scaleImages(train, train.gather(trainImages, indices, train.constant(0)), image);
    CallContext context = CallContext.training(config.seed(), step, config.precision());
    Operand<TFloat32> noise = train.random.statelessRandomNormal(
        train.constant(new long[] {config.batchSize(), config.noiseDim()}), context.nextSeed(train), TFloat32.class);

    // Conditional: the real images' own labels, and for the fakes uniformly drawn ones (drawn after the noise,
    // so that an unconditional step's random ops keep their seeds).
    Operand<TInt32> realLabels = conditional
        ? train.dtypes.cast(train.gather(trainLabels, indices, train.constant(0)), TInt32.class) : null;
    Operand<TInt32> fakeLabels = conditional ? train.random.statelessRandomUniformInt(
        train.constant(new long[] {config.batchSize()}), context.nextSeed(train), train.constant(0),
        train.constant(classes)) : null;
    Operand<TFloat32> generatedImages = Conditioning.generate(train, generator, noise, fakeLabels, classes, context);
    Operand<TFloat32> realOutput = Conditioning.discriminate(train, discriminator, images, realLabels, classes, context);
    Operand<TFloat32> fakeOutput = Conditioning.discriminate(train, discriminator, generatedImages, fakeLabels, classes, context);
    GanLoss loss = objective.loss();
    genLoss = loss.generatorLoss(train.withSubScope("generator_loss"), fakeOutput);
    Operand<TFloat32> adversarialLoss = loss.discriminatorLoss(train.withSubScope("discriminator_loss"), realOutput, fakeOutput);
    if (objective.gradientPenalty() > 0) {
      // Drawn after every other random op of the step, so that the rest of the step keeps its seeds.
      Ops penalty = train.withSubScope("gradient_penalty");
      Operand<TFloat32> gp = GradientPenalty.wassersteinGradientPenalty(penalty,
          x -> Conditioning.discriminate(penalty, discriminator, x, realLabels, classes, context), images, generatedImages,
          context.nextSeed(penalty), objective.gradientPenalty());
      discLoss = train.withName("disc_loss").math.add(adversarialLoss, gp);
    } else {
      discLoss = adversarialLoss;
    }

    generatorGradients = gradients(graph, "generator_gradients", genLoss, generator);
    discriminatorGradients = gradients(graph, "discriminator_gradients", discLoss, discriminator);
    List<Op> allGradients = new ArrayList<>(generatorGradients);
    allGradients.addAll(discriminatorGradients);
    List<Op> updates = new ArrayList<>(context.updates());
    updates.add(generatorOptimizer.applyGradients(train, generatorGradients, allGradients));
    updates.add(discriminatorOptimizer.applyGradients(train, discriminatorGradients, allGradients));
    trainOp = train.withName("train").withControlDependencies(updates).noOp();
    if (objective.criticSteps() > 1) {
      // A discriminator-only step: the generator's gradients are not even computed.
      List<Op> criticUpdates = new ArrayList<>(context.updates());
      criticUpdates.add(discriminatorOptimizer.applyGradients(train.withSubScope("critic_step"), discriminatorGradients,
          new ArrayList<>(discriminatorGradients)));
      criticTrainOp = train.withName("train_critic").withControlDependencies(criticUpdates).noOp();
    } else {
      criticTrainOp = trainOp;
    }
    metrics = train.withName("metrics").stack(List.of(genLoss, discLoss,
        train.math.mean(loss.score(train, realOutput), train.constant(new int[] {0, 1})),
        train.math.mean(loss.score(train, fakeOutput), train.constant(new int[] {0, 1}))));

    Ops samples = tf.withSubScope("generate_and_save_images");
    int shown = config.gridClasses();
    Operand<TFloat32> seedNoise = samples.withName("seed").random.statelessRandomNormal(
        samples.constant(new long[] {conditional ? shown : config.numExamples(), config.noiseDim()}),
        samples.constant(new long[] {config.seed(), -1L}), TFloat32.class);
    if (conditional) {
      // A k x k grid (10 x 10 for MNIST): row r drawn with label r, column c from the c-th of k fixed noise vectors.
      int[] rows = new int[shown * shown];
      java.util.Arrays.setAll(rows, i -> i / shown);
      sampleImages = Conditioning.generate(samples, generator, samples.tile(seedNoise, samples.constant(new int[] {shown, 1})),
          samples.constant(rows), classes, CallContext.inference());
    } else {
      sampleImages = generator.call(samples, seedNoise, CallContext.inference());
    }

    List<Op> inits = new ArrayList<>(builder.initializers());
    inits.addAll(generatorOptimizer.initializers());
    inits.addAll(discriminatorOptimizer.initializers());
    initializer = tf.withName("init").withControlDependencies(inits).noOp();
  }

  /** {@code (train_images - 127.5) / 127.5} as float32, shaped {@code (n, 28, 28, 1)}. */
  public static Operand<TFloat32> scaleImages(Ops tf, Operand<TUint8> pixels) {
    return scaleImages(tf, pixels, ImageShape.MNIST);
  }

  /** The same for images of {@code image}'s shape: {@code (n, rows, cols, channels)}, every channel scaled alike. */
  public static Operand<TFloat32> scaleImages(Ops tf, Operand<TUint8> pixels, ImageShape image) {
    Operand<TFloat32> x = tf.dtypes.cast(pixels, TFloat32.class);
    Operand<TFloat32> scaled = tf.math.div(tf.math.sub(x, tf.constant(127.5f)), tf.constant(127.5f));
    return tf.reshape(scaled, tf.constant(new long[] {-1, image.rows(), image.cols(), image.channels()}));
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

  /** The hyperparameters it was built with. */
  public TrainConfig config() {
    return config;
  }

  public Sequential generator() {
    return generator;
  }

  public Sequential discriminator() {
    return discriminator;
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

  /** Feed (conditional mode): all training labels, uint8 {@code [n]}, for {@link #loadLabels()}; null otherwise. */
  public Placeholder<TUint8> labelsToLoad() {
    return labelsToLoad;
  }

  /** Copies the fed labels into the graph (conditional mode), once per session; null otherwise. */
  public Op loadLabels() {
    return loadLabels;
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

  /** {@code generator(seed, training=False)}: the grid's images, {@code (num_examples, 28, 28, 1)}. */
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
    return java.util.Collections.unmodifiableList(extraTargets);
  }

  /** Sets every variable (but the images) to its initial value. */
  public Op initializer() {
    return initializer;
  }

  /** Every weight of both networks. */
  public List<Weight> modelWeights() {
    List<Weight> all = new ArrayList<>(generator.weights());
    all.addAll(discriminator.weights());
    return all;
  }
}
