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

  /** The smallest truncation: values are drawn again until inside, about 25 draws each at 0.05, without end near 0. */
  public static final double MIN_TRUNCATION = 0.05;

  /**
   * The truncation trick (Brock et al. 2019, BigGAN): {@code count} vectors as {@link
   * #standardNormal(int, int, long)} draws them, each value outside {@code [-psi, psi]} drawn again
   * until it falls inside, from a second stream of the same seed. Smaller {@code psi}: more typical,
   * less varied samples.
   *
   * @throws IllegalArgumentException unless {@code psi} is positive
   */
  public static float[] truncated(int count, int dim, long seed, double psi) {
    if (!(psi >= MIN_TRUNCATION) || Double.isInfinite(psi)) {
      throw new IllegalArgumentException("truncation must be at least " + MIN_TRUNCATION + " (e.g. 0.5 or 1), not " + psi);
    }
    float[] noise = standardNormal(count, dim, seed);
    SplittableRandom again = new SplittableRandom(seed).split();
    for (int i = 0; i < noise.length; i++) {
      while (Math.abs(noise[i]) > psi) {
        noise[i] = (float) again.nextGaussian();
      }
    }
    return noise;
  }

  /** {@link #standardNormal(int, int, long)}, or {@link #truncated} when {@code truncation} is positive. */
  public static float[] draw(int count, int dim, long seed, double truncation) {
    return truncation > 0 ? truncated(count, dim, seed, truncation) : standardNormal(count, dim, seed);
  }

  /** Whether {@code truncation} is one {@link #draw} takes: 0 (none), or at least {@link #MIN_TRUNCATION}. */
  public static boolean isTruncation(double truncation) {
    return truncation == 0 || (truncation >= MIN_TRUNCATION && Double.isFinite(truncation));
  }

  /**
   * Spherical interpolation between the noise vectors {@code a} and {@code b} at {@code t} in [0, 1]
   * (Shoemake 1985; White 2016 for GANs): along the great circle, so that every point has the norm a
   * Gaussian vector typically has, unlike a straight line, which passes near the origin.
   */
  public static float[] slerp(float[] a, float[] b, double t) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * (double) b[i];
      na += a[i] * (double) a[i];
      nb += b[i] * (double) b[i];
    }
    double omega = Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb))));
    float[] out = new float[a.length];
    double so = Math.sin(omega);
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) (so < 1e-6 ? (1 - t) * a[i] + t * b[i] : Math.sin((1 - t) * omega) / so * a[i] + Math.sin(t * omega) / so * b[i]);
    }
    return out;
  }
}
