package dcgan.persistence;

import com.google.gson.JsonObject;
import dcgan.data.DataException;
import dcgan.model.GanModel;
import dcgan.model.GanSpec;
import dcgan.model.ModelBuilder;
import dcgan.model.Sessions;
import dcgan.training.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The SavedModels of any one checkpoint, not only the latest: the networks that {@code
 * training_checkpoints/ckpt-3} describes are rebuilt from its {@link SpecJson}, their weights
 * restored, and exported as {@code Checkpoints} exports after a save, so that an earlier epoch of a
 * run can be scored or shared.
 */
public final class CheckpointExport {

  private CheckpointExport() {}

  /**
   * Restores {@code prefix} (e.g. {@code training_checkpoints/ckpt-3}) and exports {@code
   * generator/} and {@code discriminator/} into {@code savedModels}.
   *
   * @return the epoch the checkpoint was saved after
   * @throws DataException if the checkpoint is missing, unreadable, or not this project's
   */
  public static int export(Path prefix, Path savedModels) {
    if (!Files.isRegularFile(Checkpoints.indexFile(prefix)) || !Files.isRegularFile(Checkpoints.dataFile(prefix))) {
      throw new DataException(prefix + " is not a checkpoint: " + Checkpoints.indexFile(prefix).getFileName() + " or "
          + Checkpoints.dataFile(prefix).getFileName() + " is missing; pass a prefix such as training_checkpoints/ckpt-3");
    }
    String settings = readString(prefix, Checkpoints.SETTINGS_KEY);
    GanSpec spec = spec(prefix, settings);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      GanModel trained = GanModel.build(spec, ModelBuilder.withoutInitializers(tf));
      GanModel model = averagesGenerator(prefix, settings) ? trained.withAveragedGenerator(tf) : trained;
      Op restore = CheckpointOps.restore(tf, "restore", tf.constant(prefix.toString()), CheckpointLayout.networkEntries(model));
      try (Session session = new Session(graph, Sessions.config(Runtime.getRuntime().availableProcessors()))) {
        session.run(restore);
        new SavedModelExporter(savedModels).export(model, session);
      } catch (TensorFlowException | IllegalArgumentException e) { // TF Java reports INVALID_ARGUMENT as the latter
        throw new DataException(prefix + " does not read back as this project's checkpoint (" + Checkpoints.firstLine(e) + ")", e);
      }
    }
    return (int) readLong(prefix, Checkpoints.EPOCH_KEY);
  }

  /**
   * The networks a checkpoint was trained with, from its JSON {@code settings}, or from the old
   * settings string and the model texts beside it.
   */
  static GanSpec spec(Path prefix, String settings) {
    if (!LegacySettings.isLegacy(settings)) {
      return SpecJson.ganSpec(SpecJson.parse(settings, prefix.toString()).getAsJsonObject("networks"), prefix.toString());
    }
    JsonObject networks = LegacySettings.toJson(settings, SpecJson.run(TrainConfig.tutorial(), ""), prefix.toString())
        .getAsJsonObject("networks");
    for (String role : List.of("generator", "discriminator")) {
      if (networks.get(role + "_model").isJsonObject()) {
        String key = role.equals("generator") ? Checkpoints.GENERATOR_MODEL_KEY : Checkpoints.DISCRIMINATOR_MODEL_KEY;
        networks.getAsJsonObject(role + "_model").addProperty("text", readString(prefix, key));
      }
    }
    return SpecJson.ganSpec(networks, prefix.toString());
  }

  /** Whether the checkpoint's run kept an averaged generator ({@code --ema}), which its export then draws with. */
  private static boolean averagesGenerator(Path prefix, String settings) {
    if (LegacySettings.isLegacy(settings)) {
      return false;
    }
    JsonObject training = SpecJson.parse(settings, prefix.toString()).getAsJsonObject("training");
    return training != null && training.has("ema");
  }

  /** A string the checkpoint keeps under {@code key}. */
  static String readString(Path prefix, String key) {
    return read(prefix, key, TString.class, t -> ((TString) t).getObject());
  }

  private static long readLong(Path prefix, String key) {
    return read(prefix, key, TInt64.class, t -> ((TInt64) t).getLong());
  }

  private static <T> T read(Path prefix, String key, Class<? extends TType> type, java.util.function.Function<Object, T> value) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Restore restore = tf.train.restore(tf.constant(prefix.toString()), SaveOps.names(tf, List.of(key)),
          SaveOps.wholeTensors(tf, 1), List.of(type));
      try (Result r = session.runner().fetch(restore.tensors().get(0)).run()) {
        return value.apply(r.get(0));
      }
    } catch (TensorFlowException | IllegalArgumentException e) { // TF Java reports INVALID_ARGUMENT as the latter
      throw new DataException(prefix + " is not a checkpoint written by this project's Train (" + Checkpoints.firstLine(e) + ")", e);
    }
  }

}
