package dcgan.persistence;

import dcgan.data.Batches;
import dcgan.data.DataException;
import dcgan.training.StartingPoint;
import dcgan.training.TrainStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * {@code Train --resume-from DIR}: starts from the Python tutorial's own {@code
 * training_checkpoints/} (a {@code tf.train.Checkpoint} of the generator, the discriminator and both
 * Adams, under the keys {@link CheckpointLayout} writes too): every weight, BatchNormalization
 * statistic, Adam slot and step counter is restored, and training goes on from the epoch those
 * steps complete, with this project's shuffling, noise and dropout from there on.
 */
public final class TutorialCheckpoint implements StartingPoint {

  private final Path folder;
  private final int imageCount;
  private final Consumer<String> log;

  /**
   * @param folder the Python run's {@code training_checkpoints/}, or one checkpoint's prefix ({@code .../ckpt-3})
   * @param imageCount the training images, to count the epochs the restored steps complete
   * @param log where the start-up line goes
   */
  public TutorialCheckpoint(Path folder, int imageCount, Consumer<String> log) {
    this.folder = folder;
    this.imageCount = imageCount;
    this.log = log;
  }

  /** The checkpoint to read: the prefix given, or the newest the folder's {@code checkpoint} file lists. */
  Path prefix() {
    if (Files.isRegularFile(Checkpoints.indexFile(folder))) {
      return folder;
    }
    try {
      String latest = Files.isDirectory(folder) ? CheckpointState.read(folder).latest() : null;
      if (latest == null) {
        throw new DataException(folder + " holds no checkpoint: pass the Python run's training_checkpoints/ folder (with its"
            + " 'checkpoint' file) or a prefix such as training_checkpoints/ckpt-3");
      }
      return folder.resolve(latest);
    } catch (IOException e) {
      throw new DataException("cannot read " + folder.resolve(CheckpointState.FILE) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Progress initialize(TrainStep step, Session session) {
    Path prefix = prefix();
    if (!Files.isRegularFile(Checkpoints.indexFile(prefix)) || !Files.isRegularFile(Checkpoints.dataFile(prefix))) {
      throw new DataException(prefix + " is not a complete checkpoint: its .index or .data-00000-of-00001 file is missing");
    }
    if (holds(prefix, Checkpoints.SETTINGS_KEY)) {
      throw new DataException(prefix + " was written by this project's Train, not by the Python tutorial: continue it with"
          + " --resume and the same --output-dir");
    }
    session.run(step.initializer()); // variables a Python checkpoint does not hold keep their fresh values
    CheckpointOps ops = new CheckpointOps(step);
    try (TString p = TString.scalarOf(prefix.toString())) {
      session.runner().feed(ops.prefix, p).addTarget(ops.restoreTrained).run();
    } catch (TensorFlowException | IllegalArgumentException e) { // TF Java reports INVALID_ARGUMENT as the latter
      throw new DataException(prefix + " does not fit this run's networks: " + Checkpoints.firstLine(e) + " (the Python tutorial's checkpoint"
          + " holds its own generator and discriminator: train with the tutorial's networks and --noise-dim 100)", e);
    }
    step.copyToAverage().ifPresent(session::run); // --ema: the average starts from the Python run's generator
    // The learning rate and betas are this run's options, not the checkpoint's (the tutorial's 1e-4, 0.9, 0.999).
    for (var adam : List.of(step.generatorOptimizer(), step.discriminatorOptimizer())) {
      adam.hyperparameterInitializers().forEach(session::run);
    }
    long steps;
    try (Result r = session.runner().fetch(step.generatorOptimizer().iterations()).run()) {
      steps = ((TInt64) r.get(0)).getLong();
    }
    int perEpoch = Batches.perEpoch(imageCount, step.config().batchSize());
    if (steps % perEpoch != 0) {
      log.accept("warning: " + prefix + " holds " + steps + " steps, not a whole number of " + perEpoch + "-step epochs of these "
          + imageCount + " images at batch " + step.config().batchSize() + ": the same data and --batch-size as the Python run?");
    }
    int epoch = (int) (steps / perEpoch);
    log.accept(String.format("Resuming from the Python tutorial's checkpoint %s: epoch %d done, %d steps (weights, Adam slots and"
        + " steps restored; the learning rate and betas are this run's; shuffling, noise and dropout from here on are this"
        + " project's)", prefix, epoch, steps));
    return new Progress(epoch, steps);
  }

  /** Whether the checkpoint holds {@code key}. */
  private static boolean holds(Path prefix, String key) {
    try {
      CheckpointExport.readString(prefix, key);
      return true;
    } catch (DataException e) {
      return false;
    }
  }


}
