package dcgan.training;

import dcgan.data.Batches;
import dcgan.data.Images;
import dcgan.model.Sessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * The tutorial's {@code train(dataset, epochs)}: for every epoch, a {@code train_step} per batch,
 * then the fixed-seed images for the grid. Everything else (printing, files) is done by {@link
 * TrainingListener}s.
 */
public final class Trainer {

  private final TrainConfig config;
  private final List<TrainingListener> listeners;
  private final Optional<EpochEvaluator> evaluator;

  public Trainer(TrainConfig config, List<TrainingListener> listeners) {
    this(config, listeners, Optional.empty());
  }

  /**
   * @param evaluator measures the samples at the end of the epochs it chooses; its scores reach the
   *     listeners with the epoch's other results
   */
  public Trainer(TrainConfig config, List<TrainingListener> listeners, Optional<EpochEvaluator> evaluator) {
    this.config = config;
    this.listeners = List.copyOf(listeners);
    this.evaluator = evaluator;
  }

  /** Trains on {@code images} from fresh weights for {@code config.epochs()} epochs. */
  public TrainingResult train(Images images) {
    return train(images, StartingPoint.FRESH);
  }

  /** Trains on {@code images} from {@code start} until epoch {@code config.epochs()}. */
  public TrainingResult train(Images images, StartingPoint start) {
    try (Graph graph = new Graph()) {
      TrainStep step = new TrainStep(graph, images.count(), config);
      try (Session session = new Session(graph, Sessions.config(config.threads()))) {
        loadImages(session, step, images);
        StartingPoint.Progress progress = start.initialize(step, session);
        evaluator.ifPresent(e -> e.prepare(step));
        return new Loop(step, session, images.count(), progress).run();
      }
    }
  }

  /** Copies the training images (and a conditional GAN's labels) into the graph's variables. */
  public static void loadImages(Session session, TrainStep step, Images images) {
    if (!images.shape().equals(step.config().networks().image())) {
      throw new IllegalArgumentException("the train step was built for " + step.config().networks().image() + " images; "
          + images.source() + " holds " + images.shape());
    }
    Shape shape = Shape.of(images.count(), images.rows(), images.cols(), images.channels());
    try (TUint8 pixels = TUint8.tensorOf(shape, DataBuffers.of(images.pixels(), true, false))) {
      session.runner().feed(step.imagesToLoad(), pixels).addTarget(step.loadImages()).run();
    }
    step.heldLabels().load(session, images);
  }

  /**
   * Runs the fixed-seed noise through the generator in inference mode (the averaged generator with
   * {@code --ema}, its BatchNormalization statistics recomputed first for its present weights, so
   * that what follows at the epoch's end, scores, checkpoint and export, sees them too).
   */
  public static SampleImages generateImages(Session session, TrainStep step) {
    step.standingStatistics().ifPresent(session::run);
    try (Result result = session.runner().fetch(step.sampleImages()).run()) {
      TFloat32 images = (TFloat32) result.get(0);
      float[] pixels = new float[(int) images.shape().size()];
      images.asRawTensor().data().asFloats().read(pixels);
      return new SampleImages(pixels, (int) images.shape().size(0), (int) images.shape().size(1), (int) images.shape().size(3));
    }
  }

  /** One run of the loop over a live session. */
  private final class Loop implements TrainingState {
    private final TrainStep step;
    private final Session session;
    private final int imageCount;
    private long globalStep;
    private int epoch;

    Loop(TrainStep step, Session session, int imageCount, StartingPoint.Progress progress) {
      this.step = step;
      this.session = session;
      this.imageCount = imageCount;
      this.epoch = progress.epoch();
      this.globalStep = progress.globalStep();
    }

    TrainingResult run() {
      int stepsPerEpoch = Batches.perEpoch(imageCount, config.batchSize());
      TrainingListener.TrainBegin begin = new TrainingListener.TrainBegin(config, step, imageCount, stepsPerEpoch, epoch + 1,
          globalStep, this);
      listeners.forEach(l -> l.onTrainBegin(begin));
      List<StepMetrics> epochMeans = new ArrayList<>();
      SampleImages samples = null;
      while (epoch < config.epochs()) {
        long start = System.nanoTime();
        List<int[]> batches = Batches.forEpoch(imageCount, config.bufferSize(), config.batchSize(), config.seed(), epoch + 1);
        List<StepMetrics> steps = new ArrayList<>(batches.size());
        double stepSeconds = 0;
        for (int i = 0; i < batches.size(); i++) {
          long stepStart = System.nanoTime();
          StepMetrics metrics = trainStep(batches.get(i));
          double seconds = (System.nanoTime() - stepStart) / 1e9;
          stepSeconds += seconds;
          steps.add(metrics);
          globalStep++;
          if (!metrics.lossesFinite()) {
            throw new TrainingDiverged(epoch + 1, i + 1, globalStep, metrics);
          }
          var event = new TrainingListener.StepEnd(epoch + 1, i + 1, batches.size(), globalStep, batches.get(i).length, metrics, seconds);
          listeners.forEach(l -> l.onStepEnd(event));
        }
        samples = generateImages(session, step);
        epoch++;
        StepMetrics means = StepMetrics.mean(steps);
        epochMeans.add(means);
        int done = epoch;
        Optional<QualityScores> quality = evaluator.filter(e -> e.due(done, config.epochs())).map(e -> e.evaluate(this));
        var event = new TrainingListener.EpochEnd(epoch, start, stepSeconds, means, samples, this, quality);
        listeners.forEach(l -> l.onEpochEnd(event));
      }
      TrainingResult result = new TrainingResult(epochMeans, samples != null ? samples : generateImages(session, step), globalStep, epoch);
      listeners.forEach(l -> l.onTrainEnd(result));
      return result;
    }

    private StepMetrics trainStep(int[] batch) {
      try (TInt32 indices = TInt32.vectorOf(batch); TInt64 stepNumber = TInt64.scalarOf(globalStep)) {
        Session.Runner runner = session.runner()
            .feed(step.indices(), indices)
            .feed(step.step(), stepNumber)
            .fetch(step.metrics())
            .addTarget(step.trainOp(globalStep));
        step.extraTargets().forEach(runner::addTarget);
        try (Result result = runner.run()) {
          TFloat32 m = (TFloat32) result.get(0);
          return new StepMetrics(m.getFloat(TrainStep.GEN_LOSS), m.getFloat(TrainStep.DISC_LOSS),
              m.getFloat(TrainStep.D_REAL), m.getFloat(TrainStep.D_FAKE));
        }
      }
    }

    @Override
    public TrainStep step() {
      return step;
    }

    @Override
    public Session session() {
      return session;
    }

    @Override
    public long globalStep() {
      return globalStep;
    }

    @Override
    public int epoch() {
      return epoch;
    }
  }
}
