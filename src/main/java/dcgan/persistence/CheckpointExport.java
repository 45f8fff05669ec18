package dcgan.persistence;

import dcgan.data.DataException;
import dcgan.losses.GanLoss;
import dcgan.training.Objective;
import dcgan.model.ModelSpec;
import dcgan.model.Networks;
import dcgan.model.keras.KerasModel;
import dcgan.training.TrainConfig;
import dcgan.training.TrainStep;
import dcgan.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The SavedModels of any one checkpoint, not only the latest: {@code training_checkpoints/ckpt-3}
 * restored into a fresh train step graph and exported as {@code Checkpoints} exports after a save,
 * so that an earlier epoch of a run can be scored or shared.
 */
public final class CheckpointExport {

  private static final Pattern NOISE_DIM = Pattern.compile("noise_dim=(\\d+)");

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
    String settings = readSettings(prefix);
    Matcher noise = NOISE_DIM.matcher(settings);
    if (!noise.find()) {
      throw new DataException(prefix + " holds no noise_dim in its settings (" + settings + ")");
    }
    boolean conditional = settings.endsWith(" " + Checkpoints.CONDITIONAL);
    TrainConfig config = new TrainConfig(1, 1, 1, Integer.parseInt(noise.group(1)), 1, 1e-4f, 0, 1,
        dcgan.model.Precision.FLOAT32, conditional);
    if (Checkpoints.spectralNorm(settings)) {
      config = config.withObjective(new Objective(GanLoss.TUTORIAL, 0, 1, true)); // only the variables matter here
    }
    config = config.withImage(Checkpoints.image(settings)).withNetworks(networks(prefix, settings))
        .withClasses(Checkpoints.classes(settings));
    try (Graph graph = new Graph()) {
      TrainStep step = new TrainStep(graph, 1, config);
      CheckpointOps ops = new CheckpointOps(step);
      try (Session session = new Session(graph, Trainer.sessionConfig(Runtime.getRuntime().availableProcessors()));
          TString p = TString.scalarOf(prefix.toString())) {
        session.runner().feed(ops.prefix, p).addTarget(ops.restore).run();
        long epoch;
        try (Result r = session.runner().feed(ops.prefix, p).fetch(ops.restoreState.tensors().get(1)).run()) {
          epoch = ((TInt64) r.get(0)).getLong();
        }
        new SavedModelExporter(savedModels).export(step, session);
        return (int) epoch;
      } catch (TensorFlowException | IllegalArgumentException e) { // TF Java reports INVALID_ARGUMENT as the latter
        throw new DataException(prefix + " does not read back as this project's checkpoint (" + firstLine(e) + ")", e);
      }
    }
  }

  /** The networks a checkpoint was trained with: its built-in architecture, and the model files' texts it keeps. */
  private static Networks networks(Path prefix, String settings) {
    ModelSpec generator = Checkpoints.fromModelFile(settings, Networks.GENERATOR_MODEL)
        ? KerasModel.parse(readString(prefix, Checkpoints.GENERATOR_MODEL_KEY), prefix + "'s generator model") : null;
    ModelSpec discriminator = Checkpoints.fromModelFile(settings, Networks.DISCRIMINATOR_MODEL)
        ? KerasModel.parse(readString(prefix, Checkpoints.DISCRIMINATOR_MODEL_KEY), prefix + "'s discriminator model") : null;
    return new Networks(Checkpoints.architecture(settings), generator, discriminator);
  }

  /** The {@code java_training_state/settings} string of a checkpoint. */
  private static String readSettings(Path prefix) {
    return readString(prefix, Checkpoints.SETTINGS_KEY);
  }

  /** A string the checkpoint keeps under {@code key}. */
  private static String readString(Path prefix, String key) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Restore restore = tf.train.restore(tf.constant(prefix.toString()), SaveOps.names(tf, List.of(key)),
          SaveOps.wholeTensors(tf, 1), List.of(TString.class));
      try (Result r = session.runner().fetch(restore.tensors().get(0)).run()) {
        return ((TString) r.get(0)).getObject();
      }
    } catch (TensorFlowException e) {
      throw new DataException(prefix + " is not a checkpoint written by this project's Train (" + firstLine(e) + ")", e);
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    return m.lines().findFirst().orElse(m);
  }
}
