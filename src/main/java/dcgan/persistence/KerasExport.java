package dcgan.persistence;

import dcgan.files.AtomicFiles;
import dcgan.model.GanModel;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import dcgan.model.keras.KerasArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * {@code saved_models/generator.keras} and {@code discriminator.keras} beside the SavedModels: the
 * networks as Keras 3 files ({@link KerasArchive}) that {@code keras.models.load_model} opens, with
 * the weights they have in the session now. Networks that have no plain Keras form yet (a
 * conditional GAN's, which take two inputs; a spectrally normalized discriminator) are skipped
 * with a note, and keep their SavedModel.
 */
public final class KerasExport {

  private KerasExport() {}

  /** Where a network's file goes. */
  public static Path path(Path savedModels, String role) {
    return savedModels.resolve(role + ".keras");
  }

  /**
   * Writes both networks' files into {@code savedModels}, each under a temporary name renamed into place.
   *
   * @return a note for each network not written, naming why
   */
  public static List<String> write(GanModel model, Session session, Path savedModels) {
    List<String> notes = new ArrayList<>();
    write(model, model.generator(), session, savedModels).ifPresent(notes::add);
    write(model, model.discriminator(), session, savedModels).ifPresent(notes::add);
    return notes;
  }

  private static Optional<String> write(GanModel model, Sequential network, Session session, Path savedModels) {
    Path target = path(savedModels, network.scope());
    if (model.spec().labels().conditional()) {
      return Optional.of("note: " + target.getFileName() + " not written: a conditional GAN's networks take two inputs, which"
          + " the .keras export does not write yet; load the SavedModel instead");
    }
    try {
      AtomicFiles.writeBytes(target, KerasArchive.write(network, w -> value(session, w)));
      return Optional.empty();
    } catch (UnsupportedOperationException e) {
      return Optional.of("note: " + target.getFileName() + " not written: " + e.getMessage() + "; load the SavedModel instead");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static float[] value(Session session, Weight weight) {
    try (Result r = session.runner().fetch(weight.variable()).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] values = new float[(int) t.shape().size()];
      t.asRawTensor().data().asFloats().read(values);
      return values;
    }
  }
}
