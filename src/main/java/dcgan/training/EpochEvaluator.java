package dcgan.training;

/**
 * Measures the generator's samples at the end of some epochs (the {@code eval} package's
 * Fréchet distance and classifier score), so that the loop can hand the numbers to its listeners
 * without knowing how they are computed. It must not change the training state: it reads the
 * generator in inference mode only.
 */
public interface EpochEvaluator {

  /** Before the first step: adds the ops it needs to the train step's graph. */
  void prepare(TrainStep step);

  /** Whether to evaluate after {@code epoch} of a run that ends with {@code lastEpoch}. */
  boolean due(int epoch, int lastEpoch);

  /** Measures the generator as it is in {@code state} now. */
  QualityScores evaluate(TrainingState state);
}
