package dcgan.persistence;

import dcgan.files.AtomicFiles;
import dcgan.model.GanModel;
import dcgan.model.Layer;
import dcgan.model.Sequential;
import dcgan.model.keras.KerasArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * the values they have in the session now. A spectrally normalized discriminator is written as
 * plain layers holding its normalized kernels, which draw the same logits as inference does here.
 * A conditional GAN's networks (two inputs) are skipped with a note, and keep their SavedModel.
 *
 * <p>The ops that read a network's values are added to its graph once, so that a long run's graph
 * does not grow with every checkpoint.
 */
public final class KerasExport {

  private final Map<Sequential, List<List<Operand<TFloat32>>>> values = new IdentityHashMap<>();

  /** Where a network's file goes. */
  public static Path path(Path savedModels, String role) {
    return savedModels.resolve(role + ".keras");
  }

  /**
   * Writes both networks' files into {@code savedModels}, each under a temporary name renamed into place.
   *
   * @return a note for each network not written, naming why
   */
  public List<String> write(GanModel model, Session session, Path savedModels) {
    List<String> notes = new ArrayList<>();
    write(model, model.generator(), session, savedModels).ifPresent(notes::add);
    write(model, model.discriminator(), session, savedModels).ifPresent(notes::add);
    return notes;
  }

  private Optional<String> write(GanModel model, Sequential network, Session session, Path savedModels) {
    Path target = path(savedModels, network.scope());
    if (model.spec().labels().conditional()) {
      return Optional.of("note: " + target.getFileName() + " not written: a conditional GAN's networks take two inputs, which"
          + " the .keras export does not write yet; load the SavedModel instead");
    }
    List<List<Operand<TFloat32>>> operands = values.computeIfAbsent(network, n -> {
      Ops tf = Ops.create(session.graph()).withSubScope("keras_export_" + n.scope());
      return n.layers().stream().map(layer -> layer.kerasValues(tf)).toList();
    });
    try {
      AtomicFiles.writeBytes(target, KerasArchive.write(network, layer -> fetch(session, operands.get(network.layers().indexOf(layer)))));
      return Optional.empty();
    } catch (UnsupportedOperationException e) {
      return Optional.of("note: " + target.getFileName() + " not written: " + e.getMessage() + "; load the SavedModel instead");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static List<KerasArchive.Values> fetch(Session session, List<Operand<TFloat32>> operands) {
    if (operands.isEmpty()) {
      return List.of();
    }
    Session.Runner runner = session.runner();
    operands.forEach(runner::fetch);
    List<KerasArchive.Values> out = new ArrayList<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < operands.size(); i++) {
        TFloat32 t = (TFloat32) r.get(i);
        float[] flat = new float[(int) t.shape().size()];
        t.asRawTensor().data().asFloats().read(flat);
        out.add(new KerasArchive.Values(t.shape().asArray(), flat));
      }
    }
    return out;
  }
}
