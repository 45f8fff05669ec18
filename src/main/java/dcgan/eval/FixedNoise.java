package dcgan.eval;

import java.util.SplittableRandom;

/**
 * The noise that every evaluation draws its samples from: standard normal float32 vectors from a
 * fixed seed, so that two generators, or one generator at two epochs, are scored on the same
 * inputs. {@code Generate} draws from the same sequence, so its default 16 digits are the first 16
 * that {@code Evaluate} scores.
 */
public final class FixedNoise {

  /** The seed of the evaluation noise (and {@code Generate}'s default). */
  public static final long SEED = 0;

  private FixedNoise() {}

  /** {@code count} vectors of {@code dim} standard normal values from {@link #SEED}. */
  public static float[] standardNormal(int count, int dim) {
    return standardNormal(count, dim, SEED);
  }

  /** {@code count} vectors of {@code dim} standard normal values, reproducible from {@code seed}. */
  public static float[] standardNormal(int count, int dim, long seed) {
    if (count < 1 || dim < 1) {
      throw new IllegalArgumentException("noise needs at least one vector of one value, got " + count + " x " + dim);
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[] noise = new float[Math.multiplyExact(count, dim)];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    return noise;
  }
}
