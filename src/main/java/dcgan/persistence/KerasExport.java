package dcgan.persistence;

import dcgan.files.AtomicFiles;
import dcgan.model.GanModel;
import dcgan.model.Layer;
import dcgan.model.Sequential;
import dcgan.model.keras.KerasArchive;
import dcgan.model.keras.KerasFunctional;
import dcgan.model.keras.KerasH5;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code saved_models/generator.keras} and {@code discriminator.keras} beside the SavedModels: the
 * networks as Keras 3 files ({@link KerasArchive}) that {@code keras.models.load_model} opens, with
 * the values they have in the session now; with {@code --keras-h5} also {@code generator.h5} and
 * {@code discriminator.h5}, legacy HDF5 files as tf.keras 2 writes them ({@link KerasH5}). A spectrally normalized discriminator is written as
 * plain layers holding its normalized kernels, which draw the same logits as inference does here.
 * A conditional GAN's networks are Functional models of two inputs ({@link KerasFunctional}).
 *
 * <p>The ops that read a network's values are added to its graph once, so that a long run's graph
 * does not grow with every checkpoint.
 */
public final class KerasExport {

  private final Map<Sequential, List<List<Operand<TFloat32>>>> values = new IdentityHashMap<>();
  private final boolean h5;

  /** Writes {@code .keras} files only. */
  public KerasExport() {
    this(false);
  }

  /** @param h5 whether to write legacy {@code .h5} files too ({@code --keras-h5}), for tf.keras 2 */
  public KerasExport(boolean h5) {
    this.h5 = h5;
  }

  /** The formats written: {@code .keras}, or {@code .keras and .h5}. */
  public String formats() {
    return h5 ? ".keras and .h5" : ".keras";
  }

  /** Where a network's {@code .keras} file goes. */
  public static Path path(Path savedModels, String role) {
    return savedModels.resolve(role + ".keras");
  }

  /** Where a network's legacy {@code .h5} file goes. */
  public static Path h5Path(Path savedModels, String role) {
    return savedModels.resolve(role + ".h5");
  }

  /**
   * Writes both networks' files into {@code savedModels}, each under a temporary name renamed into place.
   *
   * @return a note for each network not written, naming why
   */
  public List<String> write(GanModel model, Session session, Path savedModels) {
    List<String> notes = new ArrayList<>();
    write(model, model.drawingGenerator(), "generator", session, savedModels).ifPresent(notes::add);
    write(model, model.discriminator(), "discriminator", session, savedModels).ifPresent(notes::add);
    if (model.averagedGenerator().isPresent()) {
      write(model, model.generator(), SavedModelExporter.RAW_GENERATOR, session, savedModels).ifPresent(notes::add);
    }
    return notes;
  }

  /** One network's files, named after {@code role}: {@code generator}, {@code discriminator}, or {@code generator_raw}. */
  private Optional<String> write(GanModel model, Sequential network, String role, Session session, Path savedModels) {
    Path target = path(savedModels, role);
    List<List<Operand<TFloat32>>> operands = values.computeIfAbsent(network, n -> {
      Ops tf = Ops.create(session.graph()).withSubScope("keras_export_" + n.scope());
      return n.layers().stream().map(layer -> layer.kerasValues(tf)).toList();
    });
    try {
      KerasFunctional.Built built = built(model, network, layer -> fetch(session, operands.get(network.layers().indexOf(layer))));
      AtomicFiles.writeBytes(target, KerasArchive.write(built.config(), built.states()));
      if (h5) {
        target = h5Path(savedModels, role);
        AtomicFiles.writeBytes(target, KerasH5.write(built.config(), built.states()));
      }
      return Optional.empty();
    } catch (UnsupportedOperationException e) {
      return Optional.of("note: " + target.getFileName() + " not written: " + e.getMessage() + "; load the SavedModel instead");
    } catch (IOException | RuntimeException e) { // a side output: it must not stop the training (the checkpoint is written)
      return Optional.of("warning: " + target.getFileName() + " not written (" + e + "); the checkpoint and SavedModel are");
    }
  }

  /**
   * The network's Keras config and weights: a Sequential model, or for a conditional GAN a
   * Functional model of two inputs, the label joined as this project joins it.
   */
  private static KerasFunctional.Built built(GanModel model, Sequential network,
      java.util.function.Function<Layer, List<dcgan.model.keras.KerasWeights.Values>> values) {
    if (!model.spec().labels().conditional()) {
      return new KerasFunctional.Built(network.kerasConfig(), KerasArchive.states(network, values));
    }
    int classes = model.spec().labels().classes();
    return network != model.discriminator()
        ? KerasFunctional.generator(network, model.spec().noiseDim(), classes, values)
        : KerasFunctional.discriminator(network, model.spec().image(), classes, values);
  }

  private static List<dcgan.model.keras.KerasWeights.Values> fetch(Session session, List<Operand<TFloat32>> operands) {
    if (operands.isEmpty()) {
      return List.of();
    }
    Session.Runner runner = session.runner();
    operands.forEach(runner::fetch);
    List<dcgan.model.keras.KerasWeights.Values> out = new ArrayList<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < operands.size(); i++) {
        TFloat32 t = (TFloat32) r.get(i);
        float[] flat = new float[(int) t.shape().size()];
        t.asRawTensor().data().asFloats().read(flat);
        out.add(new dcgan.model.keras.KerasWeights.Values(t.shape().asArray(), flat));
      }
    }
    return out;
  }
}
