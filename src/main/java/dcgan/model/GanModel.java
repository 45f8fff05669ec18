package dcgan.model;

import java.util.Arrays;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A GAN's two networks, built in one graph from a {@link GanSpec}, as TF-GAN's {@code GANModel}
 * holds them: the train step, the epoch grid, the evaluation during training, the SavedModel export
 * and checkpoint export all call the networks through it, and none of them knows whether the GAN
 * takes labels: {@link Labels} and {@link Condition} carry that.
 */
public final class GanModel {

  /** The scope of the averaged generator's variables, and its key in checkpoints. */
  public static final String AVERAGED_GENERATOR = "generator_ema";

  private final GanSpec spec;
  private final Sequential generator;
  private final Sequential discriminator;
  private final Sequential averagedGenerator; // null: none

  private GanModel(GanSpec spec, Sequential generator, Sequential discriminator, Sequential averagedGenerator) {
    this.spec = spec;
    this.generator = generator;
    this.discriminator = discriminator;
    this.averagedGenerator = averagedGenerator;
  }

  private GanModel(GanSpec spec, Sequential generator, Sequential discriminator) {
    this(spec, generator, discriminator, null);
  }

  /** Creates both networks' variables, the generator's first (the order seeds their initial weights). */
  public static GanModel build(GanSpec spec, ModelBuilder builder) {
    Sequential generator = spec.generatorLayers().build(builder);
    return new GanModel(spec, generator, spec.discriminatorLayers().build(builder));
  }

  /** The generator alone, as a SavedModel holds it. */
  public static GanModel generatorOnly(GanSpec spec, ModelBuilder builder) {
    return new GanModel(spec, spec.generatorLayers().build(builder), null);
  }

  /** The discriminator alone, its layers named as in the training graph, where the generator's came first ({@code dense_1}, ...). */
  public static GanModel discriminatorOnly(GanSpec spec, ModelBuilder builder) {
    builder.reserveNames(spec.generatorLayers());
    return new GanModel(spec, null, spec.discriminatorLayers().build(builder));
  }

  /**
   * This model with a second copy of the generator, {@link #AVERAGED_GENERATOR}, built without
   * initializers (its weights are copied from the generator, then averaged: see {@code
   * training.ExponentialMovingAverage}). From then on the averaged generator is the {@link
   * #drawingGenerator()}: it draws the grid and the served images, while the generator trains.
   * Its layers have the generator's Keras names.
   */
  public GanModel withAveragedGenerator(Ops tf) {
    Sequential copy = spec.generatorLayers().inScope(AVERAGED_GENERATOR).build(ModelBuilder.withoutInitializers(tf));
    return new GanModel(spec, generator(), discriminator, copy);
  }

  /** The averaged generator, where this model has one. */
  public Optional<Sequential> averagedGenerator() {
    return Optional.ofNullable(averagedGenerator);
  }

  /** The generator whose images are shown, scored and exported: the averaged one where there is one, else the generator. */
  public Sequential drawingGenerator() {
    return averagedGenerator != null ? averagedGenerator : generator();
  }

  /**
   * Sets the averaged generator's BatchNormalization moving statistics to those of its present
   * weights (BigGAN's standing statistics): one call in {@link CallContext#standingStatistics} on
   * {@code count} noise vectors (and uniformly drawn labels) drawn from the run's seed at the fixed
   * step -2, so the same weights always get the same statistics.
   *
   * @return the op that sets them (a no-op for a generator without BatchNormalization)
   */
  public org.tensorflow.op.Op standingStatistics(Ops tf, int count, long seed) {
    Sequential network = averagedGenerator().orElseThrow(() -> new IllegalStateException("this model has no averaged generator"));
    CallContext context = CallContext.standingStatistics(seed, tf.constant(-2L));
    Operand<TFloat32> noise = tf.random.statelessRandomNormal(tf.constant(new long[] {count, spec.noiseDim()}), context.nextSeed(tf),
        TFloat32.class);
    Condition labels = spec.labels().draw(tf, count, context);
    network.call(tf, spec.labels().generatorInput(tf, noise, labels), context);
    return tf.withControlDependencies(context.updates()).noOp();
  }

  /** What it was built from. */
  public GanSpec spec() {
    return spec;
  }

  /** The generator's layers and weights. */
  public Sequential generator() {
    return require(generator, "generator");
  }

  /** The discriminator's layers and weights. */
  public Sequential discriminator() {
    return require(discriminator, "discriminator");
  }

  private static Sequential require(Sequential network, String name) {
    if (network == null) {
      throw new IllegalStateException("this model was built without its " + name);
    }
    return network;
  }

  /** {@code generator(noise)}, or {@code generator(concat(noise, one_hot(labels)))} for a conditional GAN. */
  public Operand<TFloat32> generate(Ops tf, Operand<TFloat32> noise, Condition labels, CallContext context) {
    return generator().call(tf, spec.labels().generatorInput(tf, noise, labels), context);
  }

  /** {@code discriminator(images)}, or on the images with their label channels for a conditional GAN. */
  public Operand<TFloat32> discriminate(Ops tf, Operand<TFloat32> images, Condition labels, CallContext context) {
    return discriminator().call(tf, spec.labels().discriminatorInput(tf, images, labels), context);
  }

  /**
   * The epoch grid, {@code generator(seed, training=False)}: {@code numExamples} images from the
   * fixed {@code seed} noise, or for a conditional GAN a k x k grid (10 x 10 for MNIST) whose row r
   * is drawn with label r and column c from the c-th of k fixed noise vectors.
   */
  public Operand<TFloat32> grid(Ops tf, int numExamples, long seed) {
    Labels labels = spec.labels();
    int shown = labels.gridClasses();
    Operand<TFloat32> seedNoise = tf.withName("seed").random.statelessRandomNormal(
        tf.constant(new long[] {labels.conditional() ? shown : numExamples, spec.noiseDim()}), tf.constant(new long[] {seed, -1L}),
        TFloat32.class);
    if (!labels.conditional()) {
      return draw(tf, seedNoise, Condition.NONE);
    }
    int[] rows = new int[shown * shown];
    Arrays.setAll(rows, i -> i / shown);
    return draw(tf, tf.tile(seedNoise, tf.constant(new int[] {shown, 1})), Condition.of(tf.constant(rows)));
  }

  /** The {@link #drawingGenerator()} in inference mode. */
  private Operand<TFloat32> draw(Ops tf, Operand<TFloat32> noise, Condition labels) {
    return drawingGenerator().call(tf, spec.labels().generatorInput(tf, noise, labels), CallContext.inference());
  }

  /** The {@link #drawingGenerator()} in inference mode behind its serving signature: {@code noise} (and {@code labels}) to {@code images}. */
  public Serving servingGenerator(Ops tf) {
    Placeholder<TFloat32> noise = tf.withName("noise").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.noiseDim())));
    Optional<Placeholder<TInt32>> labels = spec.labels().placeholder(tf);
    Operand<TFloat32> images = tf.withName("images").identity(draw(tf, noise, condition(labels)));
    return Serving.of("noise", noise, labels, "images", images);
  }

  /** The discriminator in inference mode behind its serving signature: {@code images} (and {@code labels}) to {@code logits}. */
  public Serving servingDiscriminator(Ops tf) {
    Shape shape = Shape.of(-1, spec.image().rows(), spec.image().cols(), spec.image().channels());
    Placeholder<TFloat32> images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(shape));
    Optional<Placeholder<TInt32>> labels = spec.labels().placeholder(tf);
    Operand<TFloat32> logits = tf.withName("logits").identity(discriminate(tf, images, condition(labels), CallContext.inference()));
    return Serving.of("images", images, labels, "logits", logits);
  }

  private static Condition condition(Optional<Placeholder<TInt32>> labels) {
    return labels.<Condition>map(Condition::of).orElse(Condition.NONE);
  }

  /**
   * One network in inference mode, fed through placeholders: its {@code serving_default} signature,
   * and a way to run it.
   *
   * @param signature the SavedModel signature: the input (and labels) to the output
   * @param input the float32 input: noise, or images
   * @param labels the int32 labels, for a conditional GAN's networks
   * @param output the float32 output: images, or logits
   */
  public record Serving(Signature signature, Placeholder<TFloat32> input, Optional<Placeholder<TInt32>> labels,
      Operand<TFloat32> output) {

    /** The signature every exported model has. */
    public static final String SIGNATURE = Signature.DEFAULT_KEY;

    static Serving of(String inputName, Placeholder<TFloat32> input, Optional<Placeholder<TInt32>> labels, String outputName,
        Operand<TFloat32> output) {
      Signature.Builder signature = Signature.builder().key(SIGNATURE).input(inputName, input);
      labels.ifPresent(y -> signature.input(Labels.LABELS, y));
      return new Serving(signature.output(outputName, output).build(), input, labels, output);
    }

    /**
     * Runs it on {@code count} inputs of {@code values}, with {@code labels} where it takes them.
     *
     * @return the outputs, flattened
     */
    public float[] run(Session session, float[] values, int count, Optional<int[]> labels) {
      long[] shape = input.shape().asArray().clone();
      shape[0] = count;
      try (TFloat32 x = TFloat32.tensorOf(Shape.of(shape), org.tensorflow.ndarray.buffer.DataBuffers.of(values, true, false));
          TInt32 y = this.labels.isPresent() ? TInt32.vectorOf(labels.orElseThrow(
              () -> new IllegalArgumentException("this network takes labels"))) : null) {
        Session.Runner runner = session.runner().feed(input, x).fetch(output);
        this.labels.ifPresent(placeholder -> runner.feed(placeholder, y));
        try (Result result = runner.run()) {
          TFloat32 out = (TFloat32) result.get(0);
          float[] flat = new float[(int) out.shape().size()];
          out.asRawTensor().data().asFloats().read(flat);
          return flat;
        }
      }
    }
  }
}
