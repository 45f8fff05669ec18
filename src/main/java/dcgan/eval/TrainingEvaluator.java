package dcgan.eval;

import dcgan.files.UserError;
import dcgan.model.GanModel;
import dcgan.model.GanSpec;
import dcgan.training.EpochEvaluator;
import dcgan.training.QualityScores;
import dcgan.training.TrainStep;
import dcgan.training.TrainingState;
import java.util.Arrays;
import java.util.Optional;
import org.tensorflow.op.Ops;

/**
 * {@code Train --eval-every N}: after every N-th epoch and the last, the training generator, in
 * inference mode as the SavedModel is, draws {@code samples} images from {@link FixedNoise} and the
 * {@link Evaluator} scores them. The numbers are therefore those that {@code Evaluate --model} gives
 * for the SavedModel exported at the same epoch.
 */
public final class TrainingEvaluator implements EpochEvaluator {

  /** Images per generator call (the same batch as {@code Evaluate}'s). */
  static final int BATCH = 500;

  private final Evaluator evaluator;
  private final int every;
  private final int samples;
  private GanModel.Serving generator;
  private float[] fixedNoise;
  private Optional<int[]> fixedLabels;
  private int noiseDim;

  /**
   * @param evaluator scores the samples (the caller closes it)
   * @param every evaluate after every this many epochs, and after the last
   * @param samples images per evaluation
   */
  public TrainingEvaluator(Evaluator evaluator, int every, int samples) {
    if (every < 1 || samples < 1) {
      throw new IllegalArgumentException("evaluation cadence and sample count must be at least 1");
    }
    this.evaluator = evaluator;
    this.every = every;
    this.samples = samples;
  }

  @Override
  public void prepare(TrainStep step) {
    GanSpec networks = step.config().networks();
    if (!networks.image().equals(evaluator.classifier().imageShape())) {
      throw new UserError("the reference classifier scores " + evaluator.classifier().imageShape()
          + " images, but this run trains on " + networks.image() + " images");
    }
    noiseDim = networks.noiseDim();
    generator = step.model().servingGenerator(Ops.create(step.graph()).withSubScope("evaluation"));
    fixedNoise = FixedNoise.standardNormal(samples, noiseDim);
    fixedLabels = networks.labels().balanced(samples);
  }

  @Override
  public boolean due(int epoch, int lastEpoch) {
    return epoch % every == 0 || epoch == lastEpoch;
  }

  @Override
  public QualityScores evaluate(TrainingState state) {
    long start = System.nanoTime();
    int size = evaluator.classifier().imageShape().size();
    float[] pixels = new float[samples * size];
    for (int first = 0; first < samples; first += BATCH) {
      int n = Math.min(BATCH, samples - first);
      float[] z = Arrays.copyOfRange(fixedNoise, first * noiseDim, (first + n) * noiseDim);
      int from = first;
      float[] batch = generator.run(state.session(), z, n, fixedLabels.map(y -> Arrays.copyOfRange(y, from, from + n)));
      System.arraycopy(batch, 0, pixels, first * size, batch.length);
    }
    Quality quality = evaluator.score(pixels, samples, fixedLabels.orElse(null));
    return new QualityScores(quality.values(), (System.nanoTime() - start) / 1e9);
  }
}
