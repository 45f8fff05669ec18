package dcgan.cli;

import dcgan.data.Dataset;
import dcgan.data.ImageFolderReader;
import dcgan.training.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Everything a {@code Train} run is configured with, fixed before it starts: the defaults,
 * overridden by the command line, in one immutable record that is printed at start.
 *
 * @param training hyperparameters, seed and threads
 * @param dataset which data set
 * @param data {@code --data}: a local .npz / IDX folder, or null for Keras's cache
 * @param limit train on the first {@code limit} images only (0: all)
 * @param outputDir base of {@code images/} and the other outputs
 * @param checkpointEvery save a checkpoint every this many epochs (and after the last)
 * @param keep how many checkpoints to keep
 * @param start fresh, {@code --resume}, {@code --resume-from} or {@code --init-from}, and {@code --overwrite}
 * @param logdir TensorBoard's folder, or null for none
 * @param plots write losses.csv, images/losses.png and dcgan.gif
 * @param show open the live window
 * @param evaluation when the generator's samples are scored
 * @param folder how a {@code --data} folder of image files is decoded (size and channels)
 * @param kerasH5 {@code --keras-h5}: legacy {@code .h5} files beside the {@code .keras} ones
 * @param noiseDimGiven whether {@code --noise-dim} was given; if not, a generator file's declared
 *     input sets it once the data's class count is known
 */
public record RunConfig(TrainConfig training, Dataset dataset, Path data, int limit, Path outputDir,
    int checkpointEvery, int keep, Start start, Path logdir, boolean plots, boolean show, EvaluationSettings evaluation,
    ImageFolderReader.Options folder, boolean kerasH5, boolean noiseDimGiven) {

  /** The side an image folder's images are resized to unless {@code --image-size} says otherwise. */
  public static final int FOLDER_IMAGE_SIZE = 64;

  /**
   * Where a run starts, and what it may do to an earlier run in its output folder.
   *
   * @param resume {@code --resume}: continue this project's run in the output folder
   * @param resumeFrom {@code --resume-from}: the Python tutorial's {@code training_checkpoints/} to continue, or null
   * @param initFrom {@code --init-from}: the generator's (and the discriminator's) {@code .keras} file to start from, or none
   * @param overwrite {@code --overwrite}: remove an earlier run's outputs from the folder first
   */
  public record Start(boolean resume, Path resumeFrom, List<Path> initFrom, boolean overwrite) {

    /** Fresh weights, into a folder that holds no earlier run. */
    public static final Start FRESH = new Start(false, null, List.of(), false);

    public Start {
      initFrom = List.copyOf(initFrom);
    }
  }

  /** A run without evaluation, fresh or resumed, with image folders decoded at 64 x 64. */
  public RunConfig(TrainConfig training, Dataset dataset, Path data, int limit, Path outputDir, int checkpointEvery, int keep,
      boolean resume, Path logdir, boolean plots, boolean show) {
    this(training, dataset, data, limit, outputDir, checkpointEvery, keep, new Start(resume, null, List.of(), false), logdir, plots,
        show, EvaluationSettings.OFF, new ImageFolderReader.Options(FOLDER_IMAGE_SIZE, 0), false, true);
  }

  /** This config with {@code training} instead. */
  public RunConfig withTraining(TrainConfig training) {
    return new RunConfig(training, dataset, data, limit, outputDir, checkpointEvery, keep, start, logdir, plots, show, evaluation,
        folder, kerasH5, noiseDimGiven);
  }

  /** {@code run.json}: the run's settings and progress, for the studio ({@link dcgan.monitoring.RunStatusWriter}). */
  public Path runStatus() {
    return outputDir.resolve(dcgan.monitoring.RunStatusWriter.FILE);
  }

  /** {@code image-cache/}: the decoded images of a {@code --data} folder, so that the next run starts at once. */
  public Path imageCacheDir() {
    return outputDir.resolve("image-cache");
  }

  /** {@code images/}: the epoch grids. */
  public Path imagesDir() {
    return outputDir.resolve("images");
  }

  /** {@code training_checkpoints/}. */
  public Path checkpointsDir() {
    return outputDir.resolve(dcgan.persistence.Checkpoints.FOLDER);
  }

  /** {@code saved_models/}. */
  public Path savedModelsDir() {
    return outputDir.resolve("saved_models");
  }

  /** {@code losses.csv}. */
  public Path lossesCsv() {
    return outputDir.resolve("losses.csv");
  }

  /** {@code metrics.csv}: the sample-quality scores of the evaluated epochs. */
  public Path metricsCsv() {
    return outputDir.resolve("metrics.csv");
  }

  /** {@code dcgan.gif}. */
  public Path gif() {
    return outputDir.resolve("dcgan.gif");
  }

  /** One line per setting, {@code key=value}, as printed at start. */
  public String describe() {
    TrainConfig t = training;
    return String.format(Locale.ROOT,
        "epochs=%d batch_size=%d buffer_size=%d noise_dim=%d num_examples=%d learning_rate=%s adam_beta1=%s adam_beta2=%s seed=%d"
            + " threads=%d precision=%s conditional=%s%n"
            + "loss=%s gradient_penalty=%s critic_steps=%d spectral_norm=%s architecture=%s augment=%s ema=%s%n"
            + "dataset=%s data=%s limit=%s output_dir=%s checkpoint_every=%d keep=%d resume=%s%n"
            + "logdir=%s plots=%s show=%s eval_every=%d eval_samples=%d%s",
        t.epochs(), t.batchSize(), t.bufferSize(), t.networks().noiseDim(), t.numExamples(),
        t.discriminatorLearningRate() == t.learningRate() ? String.valueOf(t.learningRate())
            : t.learningRate() + " (generator), " + t.discriminatorLearningRate() + " (discriminator)", t.adamBeta1(),
        t.adamBeta2(), t.seed(), t.threads(), t.networks().precision(), t.networks().labels().conditional(), t.objective().loss(),
        t.objective().gradientPenalty(), t.objective().criticSteps(), t.networks().spectralNorm(), t.networks().describeNetworks(),
        t.objective().augment().id(), t.averagesGenerator() ? String.valueOf(t.emaDecay()) : "off", dataset.cliName(), data != null ? data : dataset == Dataset.FAKE ? "(none: made-up rings)" : "(Keras's cache, ~/.keras/datasets)", limit == 0 ? "all" : limit,
        outputDir.toAbsolutePath().normalize(), checkpointEvery, keep, start.resume(), logdir == null ? "(off)" : logdir, plots, show,
        evaluation.every(), evaluation.samples(), dcgan.data.DatasetLoader.isImageFolder(dataset, data)
            ? String.format(Locale.ROOT, "%nimage_size=%d channels=%s", folder.size(), folder.channels() == 0 ? "auto" : folder.channels())
            : "");
  }
}
