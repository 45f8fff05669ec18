package dcgan.cli;

import dcgan.data.DataException;
import dcgan.files.UserError;
import dcgan.data.Dataset;
import dcgan.data.DatasetLoader;
import dcgan.data.Images;
import dcgan.eval.Evaluator;
import dcgan.eval.TrainingEvaluator;
import dcgan.losses.DiffAugment;
import dcgan.losses.GanLoss;
import dcgan.model.Architecture;
import dcgan.model.GanSpec;
import dcgan.model.Labels;
import dcgan.model.ModelSpec;
import dcgan.model.keras.KerasModel;
import dcgan.model.Precision;
import dcgan.persistence.Checkpoints;
import dcgan.monitoring.ConsoleReporter;
import dcgan.monitoring.GifWriter;
import dcgan.monitoring.ImageGridWriter;
import dcgan.monitoring.LiveWindow;
import dcgan.monitoring.LossPlotWriter;
import dcgan.monitoring.MetricsCsvWriter;
import dcgan.monitoring.RunStatusWriter;
import dcgan.monitoring.TensorBoardWriter;
import dcgan.persistence.SavedModelExporter;
import dcgan.persistence.SpecJson;
import dcgan.persistence.KerasInitialization;
import dcgan.persistence.TutorialCheckpoint;
import dcgan.training.StartingPoint;
import dcgan.training.Adam;
import dcgan.training.EpochEvaluator;
import dcgan.training.Objective;
import dcgan.training.Preset;
import dcgan.training.TrainConfig;
import dcgan.training.Trainer;
import dcgan.training.TrainingListener;
import dcgan.training.TrainingResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tensorflow.TensorFlow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code Train}: parses the command line into a {@link RunConfig}, loads the data and trains, with
 * listeners for every output: grids, plots, TensorBoard, checkpoints and SavedModels, the console.
 */
@Command(name = "Train", sortOptions = false, mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
    description = "Trains the TensorFlow DCGAN tutorial's generator and discriminator: on MNIST by default, or on Fashion-MNIST,"
        + " CIFAR-10 or a folder of your images. The first run downloads mnist.npz into ~/.keras/datasets (as Keras does) and"
        + " trains the small reference classifier that scores the generator every 5 epochs (a few minutes, cached).%n"
        + "Pass options with: mvn exec:java -Dexec.mainClass=Train -Dexec.args=\"--epochs 5\"",
    showDefaultValues = true, versionProvider = TrainCommand.Version.class)
public final class TrainCommand implements Callable<RunConfig> {

  @Option(names = "--epochs", description = "Epochs to train (tutorial: EPOCHS).")
  int epochs = TrainConfig.EPOCHS;

  @Option(names = "--batch-size", description = "Images per batch (tutorial: BATCH_SIZE).")
  int batchSize = TrainConfig.BATCH_SIZE;

  @Option(names = "--buffer-size", description = "Shuffle buffer (tutorial: BUFFER_SIZE).")
  int bufferSize = TrainConfig.BUFFER_SIZE;

  @Option(names = "--noise-dim", description = "Length of the generator's noise vector (tutorial: noise_dim; with --generator-model,"
      + " default: the input the file declares).")
  int noiseDim = dcgan.model.Generator.NOISE_DIM;

  @Option(names = "--num-examples", description = "Images in each grid, a square number (tutorial: num_examples_to_generate).")
  int numExamples = TrainConfig.NUM_EXAMPLES;

  @Option(names = "--learning-rate", description = "Adam's learning rate, both networks.")
  float learningRate = Adam.LEARNING_RATE;

  @Option(names = "--generator-learning-rate", paramLabel = "LR",
      description = "The generator's Adam learning rate alone (default: --learning-rate). With --discriminator-learning-rate: the two"
          + " time-scale update rule (Heusel et al. 2017), e.g. 1e-4 and 4e-4.")
  Float generatorLearningRate;

  @Option(names = "--discriminator-learning-rate", paramLabel = "LR",
      description = "The discriminator's Adam learning rate alone (default: --learning-rate).")
  Float discriminatorLearningRate;

  @Option(names = "--adam-beta1", paramLabel = "B", description = "Adam's beta_1, both networks (Keras: 0.9; the DCGAN paper: 0.5).")
  float adamBeta1 = Adam.BETA_1;

  @Option(names = "--adam-beta2", paramLabel = "B", description = "Adam's beta_2, both networks (Keras: 0.999; WGAN-GP: 0.9).")
  float adamBeta2 = Adam.BETA_2;

  @Option(names = "--loss", paramLabel = "NAME",
      description = "The GAN's losses: tutorial (non-saturating cross-entropy), minimax, least_squares (LSGAN), hinge, or wasserstein"
          + " (a WGAN critic; use it with --gradient-penalty).")
  String loss = GanLoss.TUTORIAL.id();

  @Option(names = "--gradient-penalty", paramLabel = "LAMBDA",
      description = "WGAN-GP's penalty on the discriminator's input gradient at random interpolates, weighted by LAMBDA"
          + " (the paper: 10); 0: off.")
  float gradientPenalty = 0;

  @Option(names = "--critic-steps", paramLabel = "N",
      description = "Discriminator updates per generator update: each step trains the discriminator on its batch, every N-th"
          + " step the generator too (WGAN-GP: 5).")
  int criticSteps = 1;

  @Option(names = "--augment", paramLabel = "POLICY",
      description = "DiffAugment (Zhao et al. 2020) of every image the discriminator sees, real or generated: color, translation,"
          + " cutout, joined by commas (the paper's: color,translation,cutout; for grey digits: translation,cutout), or none."
          + " For small data sets.")
  String augment = "none";

  @Option(names = "--ema", paramLabel = "DECAY",
      description = "Keep an exponential moving average of the generator's weights (e.g. 0.999), which draws the grids, is scored"
          + " and is saved_models/generator; the generator being trained is saved_models/generator_raw. 0: off.")
  float ema = 0;

  @Option(names = "--spectral-norm", description = "Spectral normalization of the discriminator's kernels (SN-GAN), one power"
      + " iteration per step.")
  boolean spectralNorm;

  @Option(names = "--preset", paramLabel = "NAME", completionCandidates = Preset.Ids.class,
      description = "A combination of the options above: ${COMPLETION-CANDIDATES} (see docs/presets.md); options given beside it win.")
  String preset;

  @Option(names = "--data", paramLabel = "PATH",
      description = "A local mnist.npz, a folder of IDX files (raw or gzipped), a folder of image files (PNG, JPEG, BMP, GIF; subfolders"
          + " as classes), or CIFAR-10's cifar-10-batches-bin/ or .tar.gz. Default: Keras's cache, ~/.keras/datasets, downloading if needed.")
  Path data;

  @Option(names = "--dataset", paramLabel = "NAME",
      description = "mnist, fashion_mnist, cifar10 (from --data or Keras's cache, downloaded if missing), or fake (synthetic rings, no download).")
  String dataset = "mnist";

  @Option(names = "--image-size", paramLabel = "S",
      description = "With --data FOLDER of image files: the side they are cropped and resized to, a multiple of 4 (default "
          + RunConfig.FOLDER_IMAGE_SIZE + ").")
  int imageSize = RunConfig.FOLDER_IMAGE_SIZE;

  @Option(names = "--architecture", paramLabel = "NAME",
      description = "The networks: tutorial (the tutorial's layers, sized to the images) or dcgan (Radford et al. 2016, for 16, 32,"
          + " 64, ... pixels: 4x4 base, stride-2 transposed convolutions, BatchNormalization, LeakyReLU 0.2, N(0, 0.02) weights).")
  String architecture = Architecture.TUTORIAL.id();

  @Option(names = "--generator-model", paramLabel = "FILE",
      description = "The generator's layers from a Keras Sequential model: the JSON that model.to_json() writes, or a .keras file"
          + " (its architecture; weights start fresh unless --init-from loads them). See examples/keras/ for the tutorial's own.")
  Path generatorModel;

  @Option(names = "--discriminator-model", paramLabel = "FILE",
      description = "The discriminator's layers from a Keras Sequential model (JSON or .keras), one logit out.")
  Path discriminatorModel;

  @Option(names = "--channels", paramLabel = "N",
      description = "With --data FOLDER of image files: 1 (grey) or 3 (RGB); 0 (the default): from the images, grey if every"
          + " image is, else RGB.", showDefaultValue = CommandLine.Help.Visibility.NEVER)
  int channels = 0;

  @Option(names = "--limit", paramLabel = "N", description = "Train on the first N images only (0: all).")
  int limit = 0;

  @Option(names = "--output-dir", paramLabel = "DIR", description = "Where images/ and the other outputs go.")
  Path outputDir = Path.of(".");

  @Option(names = "--seed", description = "Seed of weights, shuffling, noise and dropout.")
  long seed = TrainConfig.SEED;

  @Option(names = "--threads", description = "TensorFlow threads (default: all cores). Same seed and threads give bitwise-identical runs.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--precision", paramLabel = "POLICY", converter = Cli.PrecisionConverter.class,
      description = "float32 (the tutorial's) or mixed_bfloat16: the train step computes in bfloat16 with float32 variables, as Keras's policy."
          + " Opt-in: it changes the numbers, and is fast only on CPUs with AVX-512 BF16 or AMX.")
  Precision precision = Precision.FLOAT32;

  @Option(names = "--conditional",
      description = "Train a conditional GAN: the label enters both networks (one-hot, joined to the noise and as one image"
          + " channel per class), so the generator draws the digit it is asked for. Needs labels (y_train, train-labels-idx1-ubyte).")
  boolean conditional;

  @Option(names = "--checkpoint-every", paramLabel = "N",
      description = "Save training_checkpoints/ckpt-N and saved_models/ every N epochs and after the last (tutorial: 15).")
  int checkpointEvery = Checkpoints.EVERY;

  @Option(names = "--keep", paramLabel = "N", description = "Checkpoints to keep.")
  int keep = Checkpoints.KEEP;

  @Option(names = "--resume", description = "Continue from the latest complete checkpoint in training_checkpoints/.")
  boolean resume;

  @Option(names = "--resume-from", paramLabel = "DIR",
      description = "Continue a run of the Python tutorial: its training_checkpoints/ folder (or one ckpt-N prefix). Weights, Adam"
          + " slots and steps are restored (the learning rate and betas are this run's); train with the same data and --batch-size,"
          + " --epochs counting Python's, into another --output-dir.")
  Path resumeFrom;

  @Option(names = "--overwrite",
      description = "Train into an --output-dir that holds an earlier run: its checkpoints, SavedModels, grids, losses and logs are"
          + " removed first. Without it, such a folder is refused (--resume continues the run).")
  boolean overwrite;

  @Option(names = "--init-from", paramLabel = "FILE",
      description = "Start the generator from a Keras file's weights (.keras, .h5 or save_weights' .weights.h5; Java's or Python's:"
          + " fine-tuning); give it twice for the discriminator too. The networks must have the file's layers; the optimizers start"
          + " fresh.")
  List<Path> initFrom = new ArrayList<>();

  @Option(names = "--studio",
      description = "Serve the studio on 127.0.0.1 while training: watch this run's curves and grids live in the browser, and draw"
          + " from its generator (the address is printed; the studio stops with the training).")
  boolean studio;

  @Option(names = "--studio-port", paramLabel = "PORT",
      description = "The studio's port; -1: the first free one from " + dcgan.studio.StudioServer.DEFAULT_PORT + " on.")
  int studioPort = -1;

  @Option(names = "--keras-h5",
      description = "Also write saved_models/generator.h5 and discriminator.h5 at every checkpoint: legacy HDF5 model files, as"
          + " tf.keras 2 writes them, for TensorFlow 2.15 or older (the .keras files are always written).")
  boolean kerasH5;

  @Option(names = "--logdir", paramLabel = "DIR", description = "TensorBoard event files (default: OUTPUT_DIR/logs).")
  Path logdir;

  @Option(names = "--no-tensorboard", description = "Write no TensorBoard event files.")
  boolean noTensorBoard;

  @Option(names = "--no-plots", description = "Write no losses.csv, images/losses.png or dcgan.gif.")
  boolean noPlots;

  @Option(names = "--show", description = "Open a window with the loss charts and the newest grid, updated every epoch.")
  boolean show;

  @Option(names = "--eval-every", paramLabel = "N",
      description = "Score the generator (Fréchet distance, classifier score, precision, recall) every N epochs and after the last,"
          + " into metrics.csv, TensorBoard and the plots; 0: never. Needs a labelled test split (mnist, fashion_mnist, cifar10).")
  int evalEvery = EvaluationSettings.EVERY;

  @Option(names = "--eval-samples", paramLabel = "N", description = "Images scored at each evaluation (from the fixed evaluation noise).")
  int evalSamples = dcgan.eval.Evaluator.SAMPLES;

  @CommandLine.Mixin
  ClassifierOptions classifier;

  @Option(names = "--dry-run", description = "Run the whole pipeline in seconds: --dataset fake --limit 512 --epochs 1, unless given.")
  boolean dryRun;

  /**
   * Runs {@code Train} with {@code args}: prints the config, trains, writes the outputs.
   *
   * @return the exit code: 0 done, 1 failed (bad data, unwritable output), 2 bad command line
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    TrainCommand command = new TrainCommand();
    CommandLine cli = Cli.commandLine(command, out, err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> Cli.fail(e, err)); // a bad model file: exit code 1
    int code = cli.execute(args);
    if (code != 0 || cli.getExecutionResult() == null) {
      return code; // help, version or a usage error: picocli has printed it
    }
    RunConfig config = cli.getExecutionResult();
    try (AutoCloseable studio = command.studio ? startStudio(config.outputDir(), command.studioPort, out, err) : () -> { }) {
      train(config, command.classifier, out);
      return 0;
    } catch (RuntimeException e) {
      return Cli.fail(e, err);
    } catch (LinkageError e) {
      return Cli.failToLoad(e, err);
    } catch (OutOfMemoryError e) {
      return Cli.outOfMemory(err);
    } catch (Exception e) { // closing the studio: it must not fail the run
      return 0;
    }
  }

  /**
   * {@code --studio}: the studio over this run's folder, in this process; where it cannot start, a
   * warning, and the training goes on without it.
   */
  private static AutoCloseable startStudio(Path outputDir, int port, PrintStream out, PrintStream err) {
    try {
      java.nio.file.Files.createDirectories(outputDir);
      dcgan.studio.StudioServer studio = dcgan.studio.StudioServer.start(outputDir, "127.0.0.1", port, err);
      StudioCommand.announce(studio, outputDir, out);
      return studio;
    } catch (java.io.IOException | RuntimeException e) {
      out.println("warning: the studio did not start (" + e.getMessage() + "); the training goes on without it");
      return () -> { };
    }
  }

  /** The configuration {@code args} ask for, or the usage error picocli reports for them. */
  static RunConfig parse(String... args) {
    TrainCommand command = new TrainCommand();
    CommandLine cli = new CommandLine(command);
    cli.parseArgs(args);
    command.spec = cli.getCommandSpec();
    return command.call();
  }

  /** Builds the {@link RunConfig} from the parsed options (picocli calls this). */
  @Override
  public RunConfig call() {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (dryRun) {
      if (!parsed.hasMatchedOption("--dataset")) {
        dataset = "fake";
      }
      if (!parsed.hasMatchedOption("--limit")) {
        limit = 512;
      }
      if (!parsed.hasMatchedOption("--epochs")) {
        epochs = 1;
      }
    }
    try {
      TrainConfig training = new TrainConfig(networks(parsed.hasMatchedOption("--noise-dim")), epochs, batchSize, bufferSize, numExamples,
          generatorLearningRate != null ? generatorLearningRate : learningRate,
          discriminatorLearningRate != null ? discriminatorLearningRate : learningRate, adamBeta1, adamBeta2,
          new Objective(GanLoss.parse(loss), gradientPenalty, criticSteps, DiffAugment.parse(augment)), ema, seed, threads);
      if (preset != null) {
        training = Preset.parse(preset).applyTo(training, parsed::hasMatchedOption);
      }
      if (limit < 0) {
        throw new IllegalArgumentException("--limit must be 0 (all) or positive, got " + limit);
      }
      if (checkpointEvery < 1 || keep < 1) {
        throw new IllegalArgumentException("--checkpoint-every and --keep must be at least 1");
      }
      Path events = noTensorBoard ? null : logdir != null ? logdir : outputDir.resolve("logs");
      EvaluationSettings evaluation = new EvaluationSettings(evalEvery, evalSamples, parsed.hasMatchedOption("--eval-every"));
      Dataset which = Dataset.parse(dataset);
      boolean folder = DatasetLoader.isImageFolder(which, data);
      if (!folder && (parsed.hasMatchedOption("--image-size") || parsed.hasMatchedOption("--channels"))) {
        throw new IllegalArgumentException("--image-size and --channels apply to a --data folder of image files; "
            + dataset + "'s images keep their own size and channels");
      }
      if (imageSize % 4 != 0) {
        throw new IllegalArgumentException("the tutorial's generator doubles its base twice, so --image-size must be a multiple"
            + " of 4 (28, 32, 64, ...), got " + imageSize);
      }
      if (initFrom.size() > 2) {
        throw new IllegalArgumentException("--init-from takes the generator's Keras file, and optionally the discriminator's,"
            + " not " + initFrom.size() + " files");
      }
      if ((resume || resumeFrom != null) && !initFrom.isEmpty()) {
        throw new IllegalArgumentException("--init-from starts a new run from a model's weights; --resume and --resume-from"
            + " continue one: give one of them");
      }
      if (resume && resumeFrom != null) {
        throw new IllegalArgumentException("--resume continues this project's run in --output-dir, --resume-from the Python"
            + " tutorial's: give one of them");
      }
      if (overwrite && resume) {
        throw new IllegalArgumentException("--overwrite removes the run in --output-dir, --resume continues it: give one of them");
      }
      return new RunConfig(training, which, data, limit, outputDir, checkpointEvery, keep,
          new RunConfig.Start(resume, resumeFrom, initFrom, overwrite), events, !noPlots, show, evaluation, new dcgan.data.ImageFolderReader.Options(imageSize, channels),
          kerasH5, spec.commandLine().getParseResult().hasMatchedOption("--noise-dim"));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * The networks the options ask for; a conditional GAN's class count is MNIST's ten until the data
   * says otherwise (an image folder's subfolders), and the image shape MNIST's until the data is read.
   */
  private GanSpec networks(boolean noiseDimGiven) {
    Optional<KerasModel> generatorFile = Optional.ofNullable(generatorModel).map(KerasModel::read);
    Labels labels = conditional ? Labels.of(Images.CLASSES) : Labels.NONE;
    GanSpec networks = GanSpec.tutorial().withNoiseDim(noiseDim).withArchitecture(Architecture.parse(architecture))
        .withGeneratorModel(generatorFile.map(ModelSpec.class::cast))
        .withDiscriminatorModel(Optional.ofNullable(discriminatorModel).map(KerasModel::read))
        .withLabels(labels).withSpectralNorm(spectralNorm).withPrecision(precision);
    return noiseDimGiven ? networks : networks.withNoiseDim(noiseDimOf(networks));
  }

  /**
   * The noise size the generator file of {@code networks} declares ({@code (None, 256)}: 256; less
   * the one-hot label's width for a conditional GAN of its class count), or the spec's own where
   * it declares none: what {@code --noise-dim} defaults to beside {@code --generator-model}.
   */
  static int noiseDimOf(GanSpec networks) {
    long[] declared = networks.generatorModel().orElse(null) instanceof KerasModel file ? file.declaredInput() : null;
    int classes = networks.labels().classes();
    if (declared == null || declared.length != 1 || declared[0] - classes < 1) {
      return networks.noiseDim();
    }
    return (int) declared[0] - classes;
  }

  /** Trains as {@code config} says, printing to {@code out}. */
  public static TrainingResult train(RunConfig config, PrintStream out) {
    return train(config, new ClassifierOptions(), out);
  }

  /** Trains as {@code config} says, scoring with the classifier {@code classifier} names, printing to {@code out}. */
  static TrainingResult train(RunConfig config, ClassifierOptions classifier, PrintStream out) {
    out.println("DCGAN, TensorFlow Java on TensorFlow " + TensorFlow.version());
    out.println(config.describe());
    out.println("oneDNN: " + OneDnn.state() + ", TensorFlow threads: " + config.training().threads());
    OneDnn.bfloat16Warning(config.training().networks().precision()).ifPresent(out::println);
    if (config.start().initFrom().isEmpty()) {
      modelFileNotes(config.training().networks()).forEach(out::println);
    }
    unconstrainedCriticWarning(config.training()).ifPresent(out::println);
    List<Path> earlierRun = OutputFolder.check(config);
    prepareOutput(config.imagesDir());
    DatasetLoader loader = DatasetLoader.standard();
    TrainingData data = trainingImages(config, loader, out);
    Images images = data.images().limit(config.limit());
    out.println("Data: " + images.count() + " images" + (images.shape().equals(dcgan.data.ImageShape.MNIST) ? "" : " of " + images.shape())
        + " from " + images.source());
    GanSpec networks = config.training().networks();
    GanSpec shapedNetworks = networks.withImage(images.shape())
        .withLabels(networks.labels().conditional() ? Labels.of(data.classes()) : Labels.NONE);
    if (!config.noiseDimGiven() && noiseDimOf(shapedNetworks) != shapedNetworks.noiseDim()) { // another class count than ten
      shapedNetworks = shapedNetworks.withNoiseDim(noiseDimOf(shapedNetworks));
      out.println("note: noise_dim=" + shapedNetworks.noiseDim() + ", from the generator file's input less the data's "
          + data.classes() + " classes");
    }
    try {
      shapedNetworks.check(); // networks whose shapes do not chain or fit the images: refused before any output
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    RunConfig shaped = config.withTraining(config.training().withNetworks(shapedNetworks));
    OutputFolder.clear(shaped, earlierRun, out); // the data and the networks are good: now the earlier run may go
    return train(shaped, images, classifier, out);
  }

  /** Trains on {@code images}, whose shape {@code config} has. */
  private static TrainingResult train(RunConfig config, Images images, ClassifierOptions classifier, PrintStream out) {
    Checkpoints checkpoints = new Checkpoints(config.checkpointsDir(), config.checkpointEvery(), config.keep(),
        config.start().resume(), config.training(), images.fingerprint(), new SavedModelExporter(config.savedModelsDir(), config.kerasH5()), out::println);
    List<TrainingListener> listeners = new ArrayList<>();
    listeners.add(new SummaryPrinter(out));
    listeners.add(new ImageGridWriter(config.imagesDir()));
    if (config.plots()) {
      listeners.add(new LossPlotWriter(config.lossesCsv(), config.imagesDir().resolve("losses.png"), out::println));
      listeners.add(new GifWriter(config.imagesDir(), config.gif()));
    }
    if (config.logdir() != null) {
      listeners.add(new TensorBoardWriter(config.logdir()));
    }
    if (config.show()) {
      listeners.add(new LiveWindow(out));
    }
    Optional<Evaluator> evaluator = evaluator(config, classifier, out);
    if (evaluator.isPresent()) {
      listeners.add(new MetricsCsvWriter(config.metricsCsv()));
    }
    listeners.add(checkpoints);
    listeners.add(new RunStatusWriter(config.runStatus(), SpecJson.run(config.training(), images.fingerprint())));
    listeners.add(out == System.out ? ConsoleReporter.forStdout() : new ConsoleReporter(out, false)); // last: times it all
    try {
      Optional<EpochEvaluator> scoring = evaluator.map(e -> new TrainingEvaluator(e, config.evaluation().every(),
          config.evaluation().samples()));
      RunConfig.Start how = config.start();
      StartingPoint start = how.resumeFrom() != null ? new TutorialCheckpoint(how.resumeFrom(), images.count(), out::println)
          : !how.initFrom().isEmpty() ? new KerasInitialization(how.initFrom(), out::println) : checkpoints;
      return new Trainer(config.training(), listeners, scoring).train(images, start);
    } finally {
      evaluator.ifPresent(Evaluator::close);
    }
  }

  /** The training images and how many classes their labels name. */
  private record TrainingData(Images images, int classes) {}

  /** The training images: an image folder's (decoded once, then from the cache), CIFAR-10's, MNIST's, or the fake rings. */
  private static TrainingData trainingImages(RunConfig config, DatasetLoader loader, PrintStream out) {
    boolean conditional = config.training().networks().labels().conditional();
    if (DatasetLoader.isImageFolder(config.dataset(), config.data())) {
      ConsoleProgress progress = new ConsoleProgress(out, "Decoding images");
      dcgan.data.ImageFolderReader.Result read = dcgan.data.ImageFolderCache.load(config.data(), config.folder(),
          config.imageCacheDir(), progress, out::println);
      progress.finish();
      if (!read.skipped().isEmpty()) {
        out.printf("warning: skipped %d file(s) that do not decode: %s%s%n", read.skipped().size(),
            String.join(", ", read.skipped().subList(0, Math.min(3, read.skipped().size()))), read.skipped().size() > 3 ? ", ..." : "");
      }
      if (conditional && (read.classes().size() < 2 || read.classes().size() > Labels.MAX_CLASSES)) {
        throw new DataException("--conditional needs 2 to " + Labels.MAX_CLASSES + " classes (subfolders); " + config.data()
            + " has " + read.classes().size() + (read.classes().isEmpty() ? " (its images are not in class subfolders)" : ": " + read.classes()));
      }
      if (!read.classes().isEmpty()) {
        out.println("Classes: " + String.join(", ", read.classes()));
      }
      return new TrainingData(read.images(), conditional ? read.classes().size() : Images.CLASSES);
    }
    int fakeCount = Math.max(config.limit(), 512);
    Images images = conditional ? loader.loadTrainingWithLabels(config.dataset(), config.data(), fakeCount)
        : loader.load(config.dataset(), config.data(), fakeCount);
    return new TrainingData(images, Images.CLASSES); // MNIST's, Fashion-MNIST's and CIFAR-10's ten
  }

  /**
   * The evaluator of {@code --eval-every}, or none when it is off. Where the data has no labelled
   * test split (the fake data, an IDX folder of training images only), an explicit {@code
   * --eval-every} is an error and the default a note.
   */
  static Optional<Evaluator> evaluator(RunConfig config, ClassifierOptions classifier, PrintStream out) {
    EvaluationSettings evaluation = config.evaluation();
    if (evaluation.every() == 0) {
      return Optional.empty();
    }
    try {
      ClassifierOptions.Prepared prepared = classifier.prepare(config.dataset(), config.data(), config.training().threads(),
          out::println);
      out.printf(java.util.Locale.ROOT, "Evaluation every %d epochs and after the last: %,d samples scored by %s (test accuracy %.2f%%)%n",
          evaluation.every(), evaluation.samples(), prepared.classifier(), 100 * prepared.evaluator().testAccuracy());
      return Optional.of(prepared.evaluator());
    } catch (UserError e) { // bad or unsuitable data: the default steps aside; an explicit --eval-every or --classifier stops the run
      if (evaluation.explicit() || classifier.classifier != null) {
        throw e;
      }
      out.println("note: no evaluation during training (" + e.getMessage() + "); --eval-every 0 turns this note off");
      return Optional.empty();
    }
  }

  /** What a user should know about the model files given: a {@code .keras} file's weights are not loaded. */
  static List<String> modelFileNotes(GanSpec networks) {
    List<String> notes = new ArrayList<>();
    for (Optional<ModelSpec> spec : List.of(networks.generatorModel(), networks.discriminatorModel())) {
      if (spec.orElse(null) instanceof KerasModel keras && keras.hasWeights()) {
        notes.add("note: " + keras.source() + " comes with weights, which are not loaded (--init-from loads them): training starts"
            + " from weights drawn with --seed, as for the built-in networks");
      }
    }
    return notes;
  }

  /** A WGAN critic needs a Lipschitz constraint; weight clipping is not offered, the penalty or spectral norm are. */
  static Optional<String> unconstrainedCriticWarning(TrainConfig config) {
    Objective objective = config.objective();
    if (objective.loss() == GanLoss.WASSERSTEIN && objective.gradientPenalty() == 0 && !config.networks().spectralNorm()) {
      return Optional.of("warning: --loss wasserstein without --gradient-penalty or --spectral-norm leaves the critic unconstrained;"
          + " it usually diverges (--preset wgan-gp sets the paper's lambda 10)");
    }
    return Optional.empty();
  }

  /** Fails early, before any training, when an output folder cannot be written. */
  static void prepareOutput(Path folder) {
    for (Path p = folder.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new UserError(p + " is a file, not a folder, so " + folder.toAbsolutePath().normalize() + " cannot be made: choose"
            + " another --output-dir");
      }
    }
    try {
      Files.createDirectories(folder);
      Path probe = Files.createTempFile(folder, ".write-test-", "");
      Files.delete(probe);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + folder.toAbsolutePath().normalize()
          + " (choose another --output-dir)", e);
    }
  }

  /** Prints the Keras-style summaries of both models at start. */
  private record SummaryPrinter(PrintStream out) implements TrainingListener {
    @Override
    public void onTrainBegin(TrainBegin event) {
      out.print(event.step().generator().summary());
      out.print(event.step().discriminator().summary());
    }
  }

  /** {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"DCGAN on TensorFlow Java, TensorFlow " + TensorFlow.version()};
    }
  }
}
