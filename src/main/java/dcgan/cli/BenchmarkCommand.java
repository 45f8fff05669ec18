package dcgan.cli;

import dcgan.data.Batches;
import dcgan.data.DatasetLoader;
import dcgan.data.Images;
import dcgan.data.MnistReader;
import dcgan.model.Flops;
import dcgan.model.Precision;
import dcgan.persistence.Checkpoints;
import dcgan.monitoring.ImageGridWriter;
import dcgan.monitoring.LossPlotWriter;
import dcgan.persistence.SavedModelExporter;
import dcgan.monitoring.TensorBoardWriter;
import dcgan.benchmark.EvaluationBenchmark;
import dcgan.benchmark.GanOptionsBenchmark;
import dcgan.benchmark.Memory;
import dcgan.benchmark.Percentiles;
import dcgan.benchmark.StepProfile;
import dcgan.training.TrainConfig;
import dcgan.training.TrainStep;
import dcgan.training.Trainer;
import dcgan.training.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code Benchmark}: times the real train step against the CPU's matmul peak. The last line is
 * machine-readable:
 *
 * <pre>
 * step_ms=... images_per_s=... matmul_gflops=... step_gflop=... floor_ms=... ratio=... rss_mb=...
 * </pre>
 *
 * where {@code step_gflop} counts only kernel taps outside 'same' padding ({@link Flops}),
 * {@code floor_ms = step_gflop / matmul peak} and {@code ratio = step_ms / floor_ms}.
 */
@Command(name = "Benchmark", sortOptions = false, mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Times the DCGAN train step and compares it with the CPU's matmul peak.")
public final class BenchmarkCommand implements Callable<Integer> {

  @Option(names = "--steps", description = "Timed train steps.")
  int steps = 30;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--warmup", description = "Untimed steps first.")
  int warmup = 5;

  @Option(names = "--batch-size", description = "Batch size (real images and noise vectors).")
  int batchSize = TrainConfig.BATCH_SIZE;

  @Option(names = "--threads", description = "TensorFlow intra-op threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--precision", paramLabel = "POLICY", converter = Cli.PrecisionConverter.class, description = "float32, or mixed_bfloat16 (see Train --help).")
  Precision precision = Precision.FLOAT32;

  @Option(names = "--matmul-size", description = "Side of the square matmul that measures the peak.")
  int matmulSize = 2048;

  @Option(names = "--data", paramLabel = "PATH", description = "Also train one whole epoch on this mnist.npz / IDX folder, with all outputs on.")
  Path data;

  @Option(names = "--epoch-output", paramLabel = "DIR", description = "Where that epoch writes its outputs (default: a temporary folder).")
  Path epochOutput;

  @Option(names = "--rss-steps", paramLabel = "N", description = "Also run N more steps and report the RSS growth (e.g. 1000).")
  int rssSteps = 0;

  @Option(names = "--monitoring", description = "Also measure what the plots, CSV and TensorBoard cost per epoch.")
  boolean monitoring;

  @Option(names = "--profile", paramLabel = "N", description = "Also trace N steps (RunOptions FULL_TRACE) and print where the time goes.")
  int profileSteps = 0;

  @Option(names = "--classifier-training", description = "Also train the reference classifier (default recipe) on the --dataset's"
      + " labelled splits and report its time and test accuracy.")
  boolean classifierTraining;

  @Option(names = "--evaluation", description = "Also time one evaluation of Train --eval-every (--eval-samples images drawn and scored).")
  boolean evaluation;

  @Option(names = "--gan-options", description = "Also time the step of every GAN option and --preset of Train (losses, gradient"
      + " penalty, spectral norm, critic steps) and their epochs.")
  boolean ganOptions;

  @Option(names = "--eval-samples", paramLabel = "N", description = "Images per timed evaluation.")
  int evalSamples = dcgan.eval.Evaluator.SAMPLES;

  @Option(names = "--dataset", paramLabel = "NAME", description = "mnist, fashion_mnist or cifar10, for --classifier-training.")
  String dataset = "mnist";

  @Option(names = "--eval-data", paramLabel = "PATH",
      description = "The labelled splits (mnist.npz, IDX folder, CIFAR-10's batches) for --classifier-training and --evaluation; default: Keras's cache.")
  Path evalData;

  private final PrintStream out;

  BenchmarkCommand(PrintStream out) {
    this.out = out;
  }

  /** Runs the benchmark; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new BenchmarkCommand(out), args, out, err);
  }

  /** Counts that must be positive (or, for the optional extras, not negative), checked before anything is timed. */
  private void checkOptions() {
    java.util.Map<String, Integer> positive = new java.util.LinkedHashMap<>();
    positive.put("--steps", steps);
    positive.put("--batch-size", batchSize);
    positive.put("--threads", threads);
    positive.put("--matmul-size", matmulSize);
    positive.put("--eval-samples", evalSamples);
    positive.forEach((option, value) -> {
      if (value < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
      }
    });
    try {
      dcgan.data.Dataset.parse(dataset);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (warmup < 0 || rssSteps < 0 || profileSteps < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--warmup, --rss-steps and --profile must not be negative");
    }
  }

  @Override
  public Integer call() throws IOException {
    checkOptions();
    out.printf(Locale.ROOT, "Benchmark: TensorFlow %s, %d threads, batch %d, oneDNN %s (TF_ENABLE_ONEDNN_OPTS=%s), precision %s%n",
        TensorFlow.version(), threads, batchSize, OneDnn.state(),
        System.getenv().getOrDefault(OneDnn.VARIABLE, "unset"), precision);
    OneDnn.bfloat16Warning(precision).ifPresent(out::println);
    double peak = matmulPeak();
    TrainConfig config = TrainConfig.tutorial().toBuilder().epochs(1).batchSize(batchSize).threads(threads)
        .networks(dcgan.model.GanSpec.tutorial().withPrecision(precision)).build();
    Images images = DatasetLoader.fake(Math.max(batchSize, 1024), 0);
    double[] stepMs;
    double gflop;
    try (Graph graph = new Graph()) {
      TrainStep step = new TrainStep(graph, images.count(), config);
      gflop = Flops.trainStep(step.generator(), step.discriminator(), batchSize, batchSize) / 1e9;
      try (Session session = new Session(graph, dcgan.model.Sessions.config(threads))) {
        Trainer.loadImages(session, step, images);
        session.run(step.initializer());
        timeSteps(session, step, warmup, 0);
        stepMs = timeSteps(session, step, steps, warmup);
        if (profileSteps > 0) {
          long[] next = {warmup + steps}; // the step number seeds the step's noise and dropout
          StepProfile.trace(profileSteps, options -> runStep(session, step, next[0]++, false, options)).print(out, 20);
        }
        if (monitoring) {
          monitoringOverhead(session, step, Percentiles.of(stepMs, 50));
        }
        if (rssSteps > 0) {
          rssGrowth(session, step, warmup + steps);
        }
      }
    }
    double median = Percentiles.of(stepMs, 50);
    out.printf(Locale.ROOT, "train step, %d timed after %d warm-up: median %.1f ms, mean %.1f, min %.1f, p90 %.1f%n",
        steps, warmup, median, Arrays.stream(stepMs).average().orElse(0), Percentiles.of(stepMs, 0), Percentiles.of(stepMs, 90));
    out.printf(Locale.ROOT, "  %.2f effective GFLOP per step: %.1f GFLOP/s, %.0f%% of the matmul peak%n",
        gflop, gflop / median * 1e3, 100 * gflop / median * 1e3 / peak);
    if (data != null) {
      epoch(config);
    }
    if (classifierTraining) {
      DatasetLoader loader = DatasetLoader.standard();
      dcgan.data.Dataset which = dcgan.data.Dataset.parse(dataset);
      EvaluationBenchmark.classifierTraining(loader.loadLabeled(which, evalData, dcgan.data.Split.TRAIN),
          loader.loadLabeled(which, evalData, dcgan.data.Split.TEST), threads, out);
    }
    if (ganOptions) {
      GanOptionsBenchmark.run(batchSize, threads, steps, warmup, out);
    }
    if (evaluation) {
      EvaluationBenchmark.evaluation(evalData, evalSamples, threads, median, Batches.perEpoch(TrainConfig.BUFFER_SIZE, batchSize), out);
    }
    double floor = gflop / peak * 1e3;
    String peakRss = Memory.format(Memory.peakRssMb());
    out.printf(Locale.ROOT, "peak RSS %s MB%n", peakRss);
    out.printf(Locale.ROOT, "step_ms=%.1f images_per_s=%.1f matmul_gflops=%.1f step_gflop=%.2f floor_ms=%.1f ratio=%.3f rss_mb=%s%n",
        median, batchSize / median * 1e3, peak, gflop, floor, median / floor, peakRss);
    return 0;
  }

  /** Best GFLOP/s of a float32 {@code n x n} matmul, same threads, after warm-up. */
  private double matmulPeak() {
    int n = matmulSize;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var a = tf.variable(tf.random.statelessRandomNormal(tf.constant(new long[] {n, n}), tf.constant(new long[] {1, 2}), TFloat32.class));
      var product = tf.linalg.matMul(a, a);
      var sum = tf.sum(product, tf.constant(new int[] {0, 1})); // fetch a scalar, not 16 MB
      try (Session s = new Session(g, dcgan.model.Sessions.config(threads))) {
        double[] gflops = new double[12];
        for (int i = 0; i < gflops.length; i++) {
          long start = System.nanoTime();
          s.runner().fetch(sum).run().close();
          gflops[i] = 2.0 * n * n * n / (System.nanoTime() - start);
        }
        double[] timed = Arrays.copyOfRange(gflops, 2, gflops.length);
        double best = Arrays.stream(timed).max().orElse(0);
        out.printf(Locale.ROOT, "matmul %dx%d float32: peak %.1f GFLOP/s, median %.1f (10 runs)%n", n, n, best, Percentiles.of(timed, 50));
        return best;
      }
    }
  }

  /**
   * The cost of monitoring per epoch of the tutorial (235 steps, the 50th epoch's 11,750 rows in the
   * plot): per step, the TensorBoard scalar writes that run inside the step (blocks of steps with and
   * without them, alternated); per epoch, the plot, CSV and TensorBoard image, timed directly.
   */
  private void monitoringOverhead(Session session, TrainStep step, double stepMs) throws IOException {
    Path dir = Files.createTempDirectory("dcgan-monitoring-");
    int stepsPerEpoch = 235;
    var state = new dcgan.training.TrainingState() {
      public TrainStep step() { return step; }
      public Session session() { return session; }
      public long globalStep() { return 0; }
      public int epoch() { return 50; }
    };
    TensorBoardWriter tensorBoard = new TensorBoardWriter(dir.resolve("logs"));
    LossPlotWriter plots = new LossPlotWriter(dir.resolve("losses.csv"), dir.resolve("losses.png"), out::println);
    var begin = new TrainingListener.TrainBegin(step.config(), step, 60000, stepsPerEpoch, 1, 0, state);
    tensorBoard.onTrainBegin(begin);
    plots.onTrainBegin(begin);
    double[] with = new double[4], without = new double[4];
    for (int block = 0; block < with.length; block++) {
      without[block] = Percentiles.of(timeSteps(session, step, 5, 1000, false), 50);
      with[block] = Percentiles.of(timeSteps(session, step, 5, 1000, true), 50);
    }
    double perStep = Percentiles.of(with, 50) - Percentiles.of(without, 50);
    var metrics = new dcgan.training.StepMetrics(0.9, 1.2, 0.6, 0.4);
    for (int i = 1; i <= 50 * stepsPerEpoch; i++) {
      plots.onStepEnd(new TrainingListener.StepEnd(1 + (i - 1) / stepsPerEpoch, i, stepsPerEpoch, i, 256, metrics, 0));
    }
    float[] pixels = new float[16 * 784];
    var end = new TrainingListener.EpochEnd(50, System.nanoTime(), 0, metrics, new dcgan.training.SampleImages(pixels, 16, 28), state);
    long start = System.nanoTime();
    plots.onEpochEnd(end);
    double plotMs = (System.nanoTime() - start) / 1e6;
    start = System.nanoTime();
    tensorBoard.onEpochEnd(end);
    double imageMs = (System.nanoTime() - start) / 1e6;
    double epochMs = stepsPerEpoch * stepMs;
    double total = stepsPerEpoch * Math.max(0, perStep) + plotMs + imageMs;
    out.printf(Locale.ROOT, "monitoring: TensorBoard scalars %+.2f ms/step (median of %.1f vs %.1f ms), losses.png + csv with"
        + " 11,750 steps %.0f ms, TensorBoard image %.0f ms: %.1f s per %d-step epoch of %.0f s = %.2f%%%n",
        perStep, Percentiles.of(with, 50), Percentiles.of(without, 50), plotMs, imageMs, total / 1e3, stepsPerEpoch, epochMs / 1e3,
        100 * total / epochMs);
    tensorBoard.onTrainEnd(null);
    dcgan.files.AtomicFiles.deleteRecursively(dir);
  }

  /**
   * RSS over {@code rssSteps} steps, sampled ten times. The first hundred steps after start-up still
   * fill caches (oneDNN's primitives and scratch memory, the allocator's arenas), so the growth is
   * reported from the point where they have run.
   */
  private void rssGrowth(Session session, TrainStep step, long firstStep) {
    if (Memory.rssMb().isEmpty()) {
      out.println("RSS: unknown on this system (no /proc/self/status, ps or tasklist)");
      return;
    }
    long startup = Memory.rssMb().getAsLong();
    int settle = Math.max(0, 100 - (int) firstStep);
    timeSteps(session, step, settle, firstStep);
    long settled = Memory.rssMb().orElse(-1);
    List<Long> samples = new java.util.ArrayList<>();
    int chunk = Math.max(1, rssSteps / 10);
    for (int done = 0; done < rssSteps; done += chunk) {
      timeSteps(session, step, Math.min(chunk, rssSteps - done), firstStep + settle + done);
      samples.add(Memory.rssMb().orElse(-1));
    }
    long last = samples.get(samples.size() - 1);
    out.printf(Locale.ROOT, "RSS: %d MB after %d steps, %d MB after %d; then every %d steps %s MB: growth %d MB over %d steps%n",
        startup, firstStep, settled, firstStep + settle, chunk, samples, last - settled, rssSteps);
  }

  /** Runs {@code count} steps on full batches and returns each one's milliseconds. */
  private double[] timeSteps(Session session, TrainStep step, int count, long firstStep) {
    return timeSteps(session, step, count, firstStep, false);
  }

  /** As above; {@code extras} also runs the ops listeners added to every step (TensorBoard's writes). */
  private double[] timeSteps(Session session, TrainStep step, int count, long firstStep, boolean extras) {
    double[] ms = new double[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      try (Result r = runStep(session, step, firstStep + i, extras, null)) {
        ms[i] = (System.nanoTime() - start) / 1e6;
      }
    }
    return ms;
  }

  /** One train step on the first {@code batchSize} images; {@code options}, if given, also fetch run metadata. */
  private Result runStep(Session session, TrainStep step, long number, boolean extras, RunOptions options) {
    int[] batch = new int[batchSize];
    Arrays.setAll(batch, i -> i);
    try (TInt32 indices = TInt32.vectorOf(batch); TInt64 stepNumber = TInt64.scalarOf(number)) {
      Session.Runner runner = session.runner().feed(step.indices(), indices).feed(step.step(), stepNumber)
          .fetch(step.metrics()).addTarget(step.trainOp());
      if (extras) {
        step.extraTargets().forEach(runner::addTarget);
      }
      return options == null ? runner.run() : runner.setOptions(options).runAndFetchMetadata();
    }
  }

  /** One real epoch with every output on: epoch time against the sum of its step times. */
  private void epoch(TrainConfig config) throws IOException {
    Images images = MnistReader.read(data);
    Path output = epochOutput != null ? epochOutput : Files.createTempDirectory("dcgan-benchmark-");
    double[] epochSeconds = new double[2];
    TrainingListener timer = new TrainingListener() {
      @Override
      public void onEpochEnd(EpochEnd event) {
        epochSeconds[0] = (System.nanoTime() - event.startNanos()) / 1e9; // registered last: includes the outputs
        epochSeconds[1] = event.stepSeconds();
      }
    };
    long start = System.nanoTime();
    new Trainer(config, List.of(new ImageGridWriter(output.resolve("images")),
        new LossPlotWriter(output.resolve("losses.csv"), output.resolve("images/losses.png"), out::println),
        new TensorBoardWriter(output.resolve("logs")),
        new Checkpoints(output.resolve(Checkpoints.FOLDER), 1, 1, false, config, images.fingerprint(),
            new SavedModelExporter(output.resolve("saved_models")), s -> { }),
        timer)).train(images);
    double total = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "epoch on %s: %d steps, epoch %.1f s, sum of steps %.1f s (%.2fx), with graph build,"
            + " checkpoint and export %.1f s%n", data, Batches.perEpoch(images.count(), batchSize), epochSeconds[0],
        epochSeconds[1], epochSeconds[0] / epochSeconds[1], total);
  }

}
