package dcgan.cli;

/**
 * When {@code Train} scores its generator.
 *
 * @param every evaluate after every this many epochs and after the last; 0: never
 * @param samples images scored each time
 * @param explicit whether {@code --eval-every} was given (then a data set without a labelled test
 *     split is an error, not a note)
 */
public record EvaluationSettings(int every, int samples, boolean explicit) {

  /**
   * The default cadence: an evaluation of 10,000 samples costs about as much as 1/20 of an epoch
   * here (see docs/speed.md), so every 5 epochs stays near 1% of the training time.
   */
  public static final int EVERY = 5;

  /** No evaluation. */
  public static final EvaluationSettings OFF = new EvaluationSettings(0, dcgan.eval.Evaluator.SAMPLES, false);

  public EvaluationSettings {
    if (every < 0) {
      throw new IllegalArgumentException("--eval-every must be 0 (never) or positive, got " + every);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("--eval-samples must be positive, got " + samples);
    }
  }
}
