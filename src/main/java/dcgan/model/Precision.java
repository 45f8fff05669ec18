package dcgan.model;

import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Keras's dtype policies for the layers' computations. The variables are float32 under both: with
 * {@code mixed_bfloat16} a layer reads its weights as bfloat16 copies and computes in bfloat16, and
 * the gradients flow back through those casts to the float32 variables that Adam updates, as with
 * {@code keras.mixed_precision.set_global_policy('mixed_bfloat16')}. Two layers keep float32 inside:
 * BatchNormalization (as Keras does) and LeakyReLU (for speed; see its {@code call}).
 */
public enum Precision {
  /** Keras's default policy: everything float32. */
  FLOAT32("float32", TFloat32.class),
  /** Compute in bfloat16, keep the variables float32. Fast only where the CPU has AVX-512 BF16 or AMX. */
  MIXED_BFLOAT16("mixed_bfloat16", TBfloat16.class);

  private final String kerasName;
  private final Class<? extends TFloating> computeType;

  Precision(String kerasName, Class<? extends TFloating> computeType) {
    this.kerasName = kerasName;
    this.computeType = computeType;
  }

  /** The type the layers compute in. */
  public Class<? extends TFloating> computeType() {
    return computeType;
  }

  /** The policy named {@code name} as Keras names it. */
  public static Precision ofKerasName(String name) {
    for (Precision p : values()) {
      if (p.kerasName.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown precision '" + name + "': use float32 or mixed_bfloat16");
  }

  /** The Keras policy name, e.g. {@code mixed_bfloat16}. */
  @Override
  public String toString() {
    return kerasName;
  }
}
