package dcgan.training;

import java.util.Locale;

/**
 * A step's loss came out NaN or infinite: the run stops there, as Keras's {@code TerminateOnNaN}
 * stops it, before anything of that epoch is saved, so the last checkpoint stays the last good one.
 */
public final class TrainingDiverged extends dcgan.files.UserError {

  private final int epoch;
  private final long globalStep;

  TrainingDiverged(int epoch, int stepInEpoch, long globalStep, StepMetrics metrics) {
    super(String.format(Locale.ROOT, "training diverged at epoch %d, step %d (global step %d): gen_loss %s, disc_loss %s."
        + " Nothing of this epoch was saved; lower --learning-rate (or try another --loss), and --resume continues from the"
        + " last checkpoint", epoch, stepInEpoch, globalStep, metrics.genLoss(), metrics.discLoss()));
    this.epoch = epoch;
    this.globalStep = globalStep;
  }

  /** The epoch it happened in, 1-based. */
  public int epoch() {
    return epoch;
  }

  /** The number of the step that diverged, counted from 1 over the whole run. */
  public long globalStep() {
    return globalStep;
  }
}
