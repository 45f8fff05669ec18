package dcgan.eval;

import dcgan.model.CallContext;
import dcgan.model.Conditioning;
import dcgan.training.EpochEvaluator;
import dcgan.training.QualityScores;
import dcgan.training.TrainStep;
import dcgan.training.TrainingState;
import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

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
  private Placeholder<TFloat32> noise;
  private Placeholder<TInt32> labels;
  private Operand<TFloat32> images;
  private float[] fixedNoise;
  private int[] fixedLabels;
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
    if (!step.config().image().equals(evaluator.classifier().imageShape())) {
      throw new IllegalArgumentException("the reference classifier scores " + evaluator.classifier().imageShape()
          + " images, but this run trains on " + step.config().image() + " images");
    }
    noiseDim = step.config().noiseDim();
    Ops tf = Ops.create(step.graph()).withSubScope("evaluation");
    noise = tf.withName("noise").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, noiseDim)));
    labels = step.config().conditional() ? tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))) : null;
    images = Conditioning.generate(tf, step.generator(), noise, labels, step.config().labelClasses(), CallContext.inference());
    fixedNoise = FixedNoise.standardNormal(samples, noiseDim);
    fixedLabels = labels == null ? null : Samples.balancedLabels(samples);
  }

  @Override
  public boolean due(int epoch, int lastEpoch) {
    return epoch % every == 0 || epoch == lastEpoch;
  }

  private Result run(TrainingState state, TFloat32 z, TInt32 y) {
    var runner = state.session().runner().feed(noise, z).fetch(images);
    return (y == null ? runner : runner.feed(labels, y)).run();
  }

  @Override
  public QualityScores evaluate(TrainingState state) {
    long start = System.nanoTime();
    int size = evaluator.classifier().imageShape().size();
    float[] pixels = new float[samples * size];
    for (int first = 0; first < samples; first += BATCH) {
      int n = Math.min(BATCH, samples - first);
      float[] z = Arrays.copyOfRange(fixedNoise, first * noiseDim, (first + n) * noiseDim);
      try (TFloat32 feed = TFloat32.tensorOf(Shape.of(n, noiseDim), DataBuffers.of(z, true, false));
          TInt32 y = labels == null ? null : TInt32.vectorOf(Arrays.copyOfRange(fixedLabels, first, first + n));
          Result r = run(state, feed, y)) {
        float[] batch = new float[n * size];
        ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(batch);
        System.arraycopy(batch, 0, pixels, first * size, batch.length);
      }
    }
    Quality quality = evaluator.score(pixels, samples, fixedLabels);
    return new QualityScores(quality.values(), (System.nanoTime() - start) / 1e9);
  }
}
