package dcgan.eval;

import dcgan.files.UserError;
import dcgan.data.Batches;
import dcgan.data.ImageShape;
import dcgan.data.Images;
import dcgan.model.CallContext;
import dcgan.model.Classifier;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import dcgan.persistence.SavedModelExporter;
import dcgan.training.Adam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * Trains the reference {@link Classifier} with TensorFlow Java on a labelled training split,
 * measures its accuracy on the test split, and exports it as a SavedModel whose {@code
 * serving_default} maps {@code images} float32 {@code [-1, 28, 28, 1]} (the training images' shape) in [-1, 1] to {@code logits}
 * float32 {@code [-1, 10]} and {@code features} float32 {@code [-1, 128]}.
 *
 * <p>The train step is built as the GAN's is: the uint8 images and labels live in graph variables,
 * a step feeds only its batch indices and its number; sparse softmax cross-entropy, Adam, and every
 * gradient computed before the update, so the same seed and threads give bitwise the same network.
 */
public final class ClassifierTrainer {

  /**
   * How the classifier is trained.
   *
   * @param epochs passes over the training split
   * @param batchSize images per step
   * @param learningRate Adam's learning rate (Keras's other defaults)
   * @param seed seeds the weights, the shuffling and dropout
   * @param threads TensorFlow intra-op threads
   */
  public record Settings(int epochs, int batchSize, float learningRate, long seed, int threads) {

    /** Epochs of the default recipe. */
    public static final int EPOCHS = 5;

    public Settings {
      if (epochs < 1 || batchSize < 1 || threads < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("classifier settings must be positive: " + epochs + " epochs, batch " + batchSize
            + ", learning rate " + learningRate + ", " + threads + " threads");
      }
    }

    /**
     * The default recipe: 5 epochs of batch 128 at Adam 1e-3, 99.06% on MNIST's test split in 178 s
     * on 2 AVX2 cores (see README; BatchNormalization, no dropout and learning-rate decay were tried
     * and were no better).
     */
    public static Settings defaults(long seed, int threads) {
      return new Settings(EPOCHS, 128, 1e-3f, seed, threads);
    }

    /** The settings that decide the weights (not the threads), as a cache key part. */
    String recipe() {
      return String.format(Locale.ROOT, "epochs=%d batch_size=%d learning_rate=%s seed=%d", epochs, batchSize, learningRate, seed);
    }
  }

  /**
   * What training produced.
   *
   * @param testAccuracy share of the test split classified correctly
   * @param seconds wall time of the training steps
   * @param steps train steps run
   */
  public record Trained(double testAccuracy, double seconds, long steps) {}

  /** Images per inference call when measuring accuracy. */
  static final int INFERENCE_BATCH = 500;

  private ClassifierTrainer() {}

  /**
   * Trains on {@code train}, tests on {@code test} (both with labels) and exports to {@code target}.
   *
   * @param log receives one line per epoch
   */
  public static Trained train(Images train, Images test, Settings settings, Path target, Consumer<String> log) {
    if (!train.hasLabels() || !test.hasLabels()) {
      throw new UserError("the classifier needs labelled images");
    }
    try (Graph graph = new Graph()) {
      Step step = new Step(graph, train.count(), train.shape(), settings);
      try (Session session = new Session(graph, dcgan.model.Sessions.config(settings.threads()))) {
        step.load(session, train);
        session.run(step.initializer);
        long start = System.nanoTime();
        long steps = 0;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
          double loss = 0;
          List<int[]> batches = Batches.forEpoch(train.count(), train.count(), settings.batchSize(), settings.seed(), epoch);
          for (int[] batch : batches) {
            loss += step.run(session, batch, steps++);
          }
          log.accept(String.format(Locale.ROOT, "  classifier epoch %d/%d: loss %.4f, %.0f s", epoch, settings.epochs(),
              loss / batches.size(), (System.nanoTime() - start) / 1e9));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = step.accuracy(session, test);
        new SavedModelExporter(target.toAbsolutePath().getParent()).exportModel(step.model, session, target,
            (tf, builder) -> servingGraph(tf, builder, train.shape()));
        return new Trained(accuracy, seconds, steps);
      }
    }
  }

  /** The exported graph: images in, logits and features out, in inference mode. */
  private static Signature servingGraph(Ops tf, ModelBuilder builder, ImageShape image) {
    Sequential model = Classifier.makeClassifierModel(Images.CLASSES, image).build(builder);
    Placeholder<TFloat32> images = tf.withName("images").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, image.rows(), image.cols(), image.channels())));
    List<Operand<TFloat32>> outputs = model.callEach(tf, images, CallContext.inference());
    Operand<TFloat32> logits = tf.withName("logits").identity(outputs.get(outputs.size() - 1));
    Operand<TFloat32> features = tf.withName("features").identity(outputs.get(Classifier.FEATURE_LAYER));
    return Signature.builder().key(SavedModelExporter.SIGNATURE).input("images", images)
        .output(ReferenceClassifier.LOGITS, logits).output(ReferenceClassifier.FEATURES, features).build();
  }

  /** The train step graph and the test path. */
  private static final class Step {
    final Sequential model;
    final Placeholder<TUint8> imagesToLoad;
    final Placeholder<TUint8> labelsToLoad;
    final Op load;
    final Placeholder<TInt32> indices;
    final Placeholder<TInt64> stepNumber;
    final Operand<TFloat32> loss;
    final Op train;
    final Op initializer;
    final Placeholder<TUint8> testPixels;
    final Operand<TInt64> predictions;
    final ImageShape image;

    Step(Graph graph, int count, ImageShape image, Settings settings) {
      this.image = image;
      Ops tf = Ops.create(graph);
      ModelBuilder builder = new ModelBuilder(tf, settings.seed());
      model = Classifier.makeClassifierModel(Images.CLASSES, image).build(builder);
      Adam adam = new Adam(tf, "optimizer", model.trainableWeights(), settings.learningRate());

      Ops data = tf.withSubScope("data");
      Variable<TUint8> images = data.withName("images").variable(pixelShape(count), TUint8.class);
      Variable<TUint8> labels = data.withName("labels").variable(Shape.of(count), TUint8.class);
      imagesToLoad = data.withName("images_to_load").placeholder(TUint8.class, Placeholder.shape(pixelShape(count)));
      labelsToLoad = data.withName("labels_to_load").placeholder(TUint8.class, Placeholder.shape(Shape.of(count)));
      load = data.withControlDependencies(List.of(data.assign(images, imagesToLoad), data.assign(labels, labelsToLoad))).noOp();
      indices = data.withName("indices").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      stepNumber = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));

      Ops t = tf.withSubScope("train_step");
      Operand<TFloat32> x = dcgan.model.Pixels.scale(t, t.gather(images, indices, t.constant(0)), image);
      // One-hot labels and the dense softmax cross-entropy: TensorFlow's C++ gradients have none for the sparse op.
      Operand<TFloat32> y = t.oneHot(t.gather(labels, indices, t.constant(0)), t.constant(Images.CLASSES), t.constant(1f),
          t.constant(0f));
      CallContext context = CallContext.training(settings.seed(), stepNumber);
      Operand<TFloat32> logits = model.call(t, x, context);
      loss = t.math.mean(t.nn.softmaxCrossEntropyWithLogits(logits, y).loss(), t.constant(0));
      Output<?>[] variables = model.trainableWeights().stream().map(w -> w.variable().asOutput()).toArray(Output<?>[]::new);
      @SuppressWarnings("unchecked")
      List<Output<TFloat32>> gradients = Arrays.stream(graph.addGradients("gradients", new Output<?>[] {loss.asOutput()}, variables, null))
          .map(g -> (Output<TFloat32>) g).toList();
      List<Op> updates = new ArrayList<>(context.updates());
      updates.add(adam.applyGradients(t, gradients, new ArrayList<>(gradients)));
      train = t.withName("train").withControlDependencies(updates).noOp();

      Ops test = tf.withSubScope("test");
      testPixels = test.withName("pixels").placeholder(TUint8.class, Placeholder.shape(pixelShape(-1)));
      predictions = test.math.argMax(model.call(test, dcgan.model.Pixels.scale(test, testPixels, image), CallContext.inference()),
          test.constant(1), TInt64.class);

      List<Op> inits = new ArrayList<>(builder.initializers());
      inits.addAll(adam.initializers());
      initializer = tf.withName("init").withControlDependencies(inits).noOp();
    }

    /** {@code [count, 28, 28]} for grey images (as MNIST's pixels are held), {@code [count, rows, cols, channels]} else. */
    private Shape pixelShape(long count) {
      return image.channels() == 1 ? Shape.of(count, image.rows(), image.cols())
          : Shape.of(count, image.rows(), image.cols(), image.channels());
    }

    void load(Session session, Images train) {
      try (TUint8 pixels = TUint8.tensorOf(pixelShape(train.count()), DataBuffers.of(train.pixels(), true, false));
          TUint8 labels = TUint8.tensorOf(Shape.of(train.count()), DataBuffers.of(train.labels(), true, false))) {
        session.runner().feed(imagesToLoad, pixels).feed(labelsToLoad, labels).addTarget(load).run();
      }
    }

    float run(Session session, int[] batch, long number) {
      try (TInt32 i = TInt32.vectorOf(batch); TInt64 n = TInt64.scalarOf(number);
          Result r = session.runner().feed(indices, i).feed(stepNumber, n).fetch(loss).addTarget(train).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }

    double accuracy(Session session, Images test) {
      long correct = 0;
      if (!test.shape().equals(image)) {
        throw new UserError("test images of " + test.shape() + " for a classifier of " + image);
      }
      int side = image.size();
      for (int start = 0; start < test.count(); start += INFERENCE_BATCH) {
        int n = Math.min(INFERENCE_BATCH, test.count() - start);
        byte[] slice = Arrays.copyOfRange(test.pixels(), start * side, (start + n) * side);
        try (TUint8 pixels = TUint8.tensorOf(pixelShape(n), DataBuffers.of(slice, true, false));
            Result r = session.runner().feed(testPixels, pixels).fetch(predictions).run()) {
          TInt64 predicted = (TInt64) r.get(0);
          for (int i = 0; i < n; i++) {
            correct += predicted.getLong(i) == test.label(start + i) ? 1 : 0;
          }
        }
      }
      return correct / (double) test.count();
    }
  }
}
