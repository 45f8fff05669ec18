package dcgan.persistence;

import com.google.gson.JsonObject;
import dcgan.files.AtomicFiles;
import dcgan.model.GanModel;
import dcgan.model.GanSpec;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import dcgan.model.Weight;
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
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TString;

/**
 * Exports {@code saved_models/generator} and {@code saved_models/discriminator}: SavedModels
 * (tag {@code serve}, signature {@code serving_default}) of inference-only graphs, that is
 * BatchNormalization with its moving statistics, no dropout, and only that network's variables.
 *
 * <ul>
 *   <li>generator: {@code noise} float32 {@code [-1, noise_dim]} (and a conditional GAN's {@code
 *       labels} int32 {@code [-1]}) to {@code images} float32 {@code [-1, rows, cols, channels]}
 *       (the training images' shape, 28 x 28 x 1 for MNIST) in [-1, 1];
 *   <li>discriminator: {@code images} of that shape (and {@code labels}) to {@code logits} float32
 *       {@code [-1, 1]}.
 * </ul>
 *
 * <p>Each also holds its {@link GanSpec} as {@link #SPEC_ASSET}, so that loading it needs no look
 * into its graph.
 *
 * <p>The weights travel from the training session through a snapshot keyed by variable name,
 * which the export graph's own saver restores, so that the exported graph holds nothing but the
 * model and its saver. Each folder is written under a temporary name and renamed into place.
 */
public final class SavedModelExporter {

  /** The signature every exported model has. */
  public static final String SIGNATURE = GanModel.Serving.SIGNATURE;
  /** The tag every exported model has. */
  public static final String TAG = SavedModelBundle.DEFAULT_TAG;

  private final Path folder;
  private final Map<Sequential, Snapshot> snapshots = new IdentityHashMap<>();
  private final KerasExport kerasExport;

  /** @param folder {@code saved_models/} */
  public SavedModelExporter(Path folder) {
    this(folder, false);
  }

  /**
   * @param folder {@code saved_models/}
   * @param kerasH5 whether to write legacy {@code .h5} files beside the {@code .keras} ones
   */
  public SavedModelExporter(Path folder, boolean kerasH5) {
    this.folder = folder;
    this.kerasExport = new KerasExport(kerasH5);
  }

  /** The Keras files written beside the SavedModels: {@code .keras}, or {@code .keras and .h5}. */
  public String kerasFormats() {
    return kerasExport.formats();
  }

  /** Where the generator goes. */
  public Path generatorPath() {
    return folder.resolve("generator");
  }

  /** Where the generator being trained goes when the averaged one is {@link #generatorPath()} ({@code --ema}). */
  public Path rawGeneratorPath() {
    return folder.resolve(RAW_GENERATOR);
  }

  /** The folder and Keras file name of the trained generator beside an averaged one. */
  public static final String RAW_GENERATOR = "generator_raw";

  /** Where the discriminator goes. */
  public Path discriminatorPath() {
    return folder.resolve("discriminator");
  }

  /**
   * Exports both networks of {@code model} as they are in {@code session} now, each with its spec
   * as an asset, and beside them {@code generator.keras} and {@code discriminator.keras} ({@link KerasExport}).
   * The generator exported is the one that draws: with {@code --ema} the averaged one, and the
   * generator being trained beside it as {@code generator_raw}.
   *
   * @return a note for each Keras file not written, naming why
   */
  public List<String> export(GanModel model, Session session) {
    removeLeftovers();
    GanSpec spec = model.spec();
    InferenceGraph generator = (tf, builder) -> GanModel.generatorOnly(spec, builder).servingGenerator(tf).signature();
    exportModel(model.drawingGenerator(), "generator", session, generatorPath(), generator, specAsset(spec, "generator"));
    exportModel(model.discriminator(), "discriminator", session, discriminatorPath(),
        (tf, builder) -> GanModel.discriminatorOnly(spec, builder).servingDiscriminator(tf).signature(),
        specAsset(spec, "discriminator"));
    if (model.averagedGenerator().isPresent()) {
      exportModel(model.generator(), "generator", session, rawGeneratorPath(), generator, specAsset(spec, "generator"));
    }
    return kerasExport.write(model, session, folder);
  }

  /** Removes what an export that was killed left behind: {@code .snapshot-*} and {@code .tmp-*} entries of the folder. */
  private void removeLeftovers() {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
      entries.filter(p -> p.getFileName().toString().startsWith(".snapshot-") || p.getFileName().toString().startsWith(".tmp-"))
          .forEach(AtomicFiles::deleteRecursively);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** The file in a SavedModel's {@code assets/} that says which networks it holds ({@link SpecJson#networks}). */
  public static final String SPEC_ASSET = "assets/dcgan_spec.json";

  private static String specAsset(GanSpec spec, String role) {
    JsonObject json = new JsonObject();
    json.addProperty("format", SpecJson.FORMAT);
    json.addProperty("role", role);
    json.add("networks", SpecJson.networks(spec));
    return SpecJson.text(json);
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
    exportModel(trained, trained.scope(), session, target, inference, null);
  }

  /**
   * The same, where {@code inference} builds the model under the scope {@code scope} (the averaged
   * generator's weights go into a {@code generator}), with {@code asset} (or nothing, when null)
   * written as {@link #SPEC_ASSET}.
   */
  private void exportModel(Sequential trained, String scope, Session session, Path target, InferenceGraph inference, String asset) {
    try {
      Path work = Files.createTempDirectory(Files.createDirectories(target.toAbsolutePath().getParent()), ".snapshot-");
      try {
        String snapshot = work.resolve("weights").toString();
        snapshots.computeIfAbsent(trained, m -> new Snapshot(session.graph(), m, scope)).save(session, snapshot);
        AtomicFiles.write(target, tmp -> {
          try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Signature signature = inference.build(tf, ModelBuilder.withoutInitializers(tf));
            try (Session export = new Session(graph)) {
              export.restore(snapshot);
              SavedModelBundle.exporter(tmp.toString()).withTags(TAG).withSession(export).withSignature(signature).export();
            }
            if (asset != null) {
              Files.createDirectories(tmp.resolve(SPEC_ASSET).getParent());
              Files.writeString(tmp.resolve(SPEC_ASSET), asset);
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

  /** A SaveV2 op in the training graph that writes one model's variables keyed by their names, under {@code scope}. */
  private static final class Snapshot {
    private final Placeholder<TString> prefix;
    private final Op save;

    Snapshot(Graph graph, Sequential model, String scope) {
      Ops tf = Ops.create(graph).withSubScope("export_" + model.scope());
      List<Weight> weights = model.weights();
      prefix = tf.withName("prefix").placeholder(TString.class);
      List<String> names = weights.stream().map(w -> scope + w.opName().substring(model.scope().length())).toList();
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
