package dcgan.persistence;

import dcgan.files.AtomicFiles;
import dcgan.model.CallContext;
import dcgan.model.Conditioning;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import dcgan.training.TrainStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * Exports {@code saved_models/generator} and {@code saved_models/discriminator}: SavedModels
 * (tag {@code serve}, signature {@code serving_default}) of inference-only graphs, that is
 * BatchNormalization with its moving statistics, no dropout, and only that network's variables.
 *
 * <ul>
 *   <li>generator: {@code noise} float32 {@code [-1, noise_dim]} to {@code images} float32
 *       {@code [-1, 28, 28, 1]} (the training images' shape) in [-1, 1];
 *   <li>discriminator: {@code images} float32 {@code [-1, 28, 28, 1]} (the same) to {@code logits} float32
 *       {@code [-1, 1]}.
 * </ul>
 *
 * <p>The weights travel from the training session through a snapshot keyed by variable name,
 * which the export graph's own saver restores, so that the exported graph holds nothing but the
 * model and its saver. Each folder is written under a temporary name and renamed into place.
 */
public final class SavedModelExporter {

  /** The signature every exported model has. */
  public static final String SIGNATURE = Signature.DEFAULT_KEY;
  /** The tag every exported model has. */
  public static final String TAG = SavedModelBundle.DEFAULT_TAG;

  private final Path folder;
  private final Map<Sequential, Snapshot> snapshots = new IdentityHashMap<>();

  /** @param folder {@code saved_models/} */
  public SavedModelExporter(Path folder) {
    this.folder = folder;
  }

  /** Where the generator goes. */
  public Path generatorPath() {
    return folder.resolve("generator");
  }

  /** Where the discriminator goes. */
  public Path discriminatorPath() {
    return folder.resolve("discriminator");
  }

  /** Exports both networks as they are in {@code session} now; a conditional GAN's also take {@code labels}. */
  public void export(TrainStep step, Session session) {
    int noiseDim = step.config().noiseDim();
    boolean conditional = step.config().conditional();
    dcgan.data.ImageShape image = step.config().image();
    exportModel(step.generator(), session, generatorPath(), (tf, builder) -> {
      Sequential generator = Conditioning.generator(noiseDim, step.config().labelClasses(), image, step.config().networks()).build(builder);
      Placeholder<TFloat32> noise = tf.withName("noise").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, noiseDim)));
      Placeholder<TInt32> labels = conditional ? labels(tf) : null;
      Operand<TFloat32> images = tf.withName("images").identity(
          Conditioning.generate(tf, generator, noise, labels, step.config().labelClasses(), CallContext.inference()));
      Signature.Builder signature = Signature.builder().key(SIGNATURE).input("noise", noise);
      return (conditional ? signature.input(LABELS, labels) : signature).output("images", images).build();
    });
    exportModel(step.discriminator(), session, discriminatorPath(), (tf, builder) -> {
      builder.reserveNames(step.generator()); // keep the training graph's layer names (dense_1, ...)
      Sequential discriminator = Conditioning.discriminator(step.config().labelClasses(), step.config().objective().spectralNorm(), image,
          step.config().networks()).build(builder);
      Placeholder<TFloat32> images = tf.withName("images").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, image.rows(), image.cols(), image.channels())));
      Placeholder<TInt32> labels = conditional ? labels(tf) : null;
      Operand<TFloat32> logits = tf.withName("logits").identity(
          Conditioning.discriminate(tf, discriminator, images, labels, step.config().labelClasses(), CallContext.inference()));
      Signature.Builder signature = Signature.builder().key(SIGNATURE).input("images", images);
      return (conditional ? signature.input(LABELS, labels) : signature).output("logits", logits).build();
    });
  }

  /** The input name of a conditional model's class labels. */
  public static final String LABELS = "labels";

  private static Placeholder<TInt32> labels(Ops tf) {
    return tf.withName(LABELS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
  }

  /** Builds the inference graph of a model and returns its serving signature. */
  public interface InferenceGraph {
    /**
     * @param tf the export graph's ops
     * @param builder builds the model's variables without initializers: they are restored
     */
    Signature build(Ops tf, ModelBuilder builder);
  }

  /**
   * Exports {@code trained}, with its weights as they are in {@code session} now, as the SavedModel
   * that {@code inference} builds (the same model, rebuilt in a fresh graph), to {@code target},
   * written under a temporary name and renamed into place.
   */
  public void exportModel(Sequential trained, Session session, Path target, InferenceGraph inference) {
    try {
      Path work = Files.createTempDirectory(Files.createDirectories(target.toAbsolutePath().getParent()), ".snapshot-");
      try {
        String snapshot = work.resolve("weights").toString();
        snapshots.computeIfAbsent(trained, m -> new Snapshot(session.graph(), m)).save(session, snapshot);
        AtomicFiles.write(target, tmp -> {
          try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Signature signature = inference.build(tf, ModelBuilder.withoutInitializers(tf));
            try (Session export = new Session(graph)) {
              export.restore(snapshot);
              SavedModelBundle.exporter(tmp.toString()).withTags(TAG).withSession(export).withSignature(signature).export();
            }
          }
        });
      } finally {
        AtomicFiles.deleteRecursively(work);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export " + target, e);
    }
  }

  /** A SaveV2 op in the training graph that writes one model's variables keyed by their names. */
  private static final class Snapshot {
    private final Placeholder<TString> prefix;
    private final Op save;

    Snapshot(Graph graph, Sequential model) {
      Ops tf = Ops.create(graph).withSubScope("export_" + model.scope());
      List<Weight> weights = model.weights();
      prefix = tf.withName("prefix").placeholder(TString.class);
      List<String> names = weights.stream().map(Weight::opName).toList();
      save = tf.train.save(prefix, SaveOps.names(tf, names), SaveOps.wholeTensors(tf, names.size()),
          weights.stream().<Operand<?>>map(Weight::variable).toList());
    }

    void save(Session session, String path) {
      try (TString p = TString.scalarOf(path)) {
        session.runner().feed(prefix, p).addTarget(save).run();
      }
    }
  }
}
