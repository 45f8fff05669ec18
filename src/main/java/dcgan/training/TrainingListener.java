package dcgan.training;

/**
 * Hears what the training loop does, so that the loop itself does no I/O: console output, image
 * grids, plots and checkpoints are listeners. Called on the training thread, in registration order.
 */
public interface TrainingListener {

  /** Before the first step. */
  default void onTrainBegin(TrainBegin event) {}

  /** After every train step. */
  default void onStepEnd(StepEnd event) {}

  /** After every epoch, with the epoch's grid images. */
  default void onEpochEnd(EpochEnd event) {}

  /** After the last epoch. */
  default void onTrainEnd(TrainingResult result) {}

  /**
   * @param config the run's hyperparameters
   * @param step the train step graph (models, for summaries)
   * @param imageCount training images
   * @param stepsPerEpoch batches per epoch
   * @param firstEpoch the epoch training starts with (1 unless resumed)
   * @param stepsDone train steps done before (0 unless resumed)
   * @param state access to the session, e.g. to add ops that run with every step
   */
  record TrainBegin(TrainConfig config, TrainStep step, int imageCount, int stepsPerEpoch, int firstEpoch, long stepsDone,
      TrainingState state) {}

  /**
   * @param epoch the current epoch, from 1
   * @param stepInEpoch this step's number in the epoch, from 1
   * @param stepsPerEpoch batches per epoch
   * @param globalStep steps done since the run began, this one included
   * @param batchImages real images in this step's batch
   * @param metrics the step's losses and discriminator outputs
   * @param seconds wall time of the step
   */
  record StepEnd(int epoch, int stepInEpoch, int stepsPerEpoch, long globalStep, int batchImages, StepMetrics metrics,
      double seconds) {}

  /**
   * @param epoch the epoch just finished, from 1
   * @param startNanos {@link System#nanoTime()} when it began: a listener that runs after the others
   *     measures, as the tutorial's {@code time.time() - start}, the epoch with its images and checkpoint
   * @param stepSeconds the sum of its steps' times
   * @param metrics means over its steps
   * @param samples the fixed-seed images after it ({@code training=False})
   * @param state access to the session, for checkpoints and exports
   * @param quality the sample-quality scores after it, where an {@link EpochEvaluator} measured them
   */
  record EpochEnd(int epoch, long startNanos, double stepSeconds, StepMetrics metrics, SampleImages samples,
      TrainingState state, java.util.Optional<QualityScores> quality) {

    /** An epoch without quality scores. */
    public EpochEnd(int epoch, long startNanos, double stepSeconds, StepMetrics metrics, SampleImages samples, TrainingState state) {
      this(epoch, startNanos, stepSeconds, metrics, samples, state, java.util.Optional.empty());
    }
  }
}
