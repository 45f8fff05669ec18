package dcgan.model;

import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TInt32;

/**
 * The class labels one batch of images is drawn or judged with: int32 {@code [n]} for a
 * conditional GAN, {@link #NONE} for the tutorial's. Made by {@link Labels} and handed back to the
 * networks by {@link GanModel}, so that no caller holds a null labels operand.
 */
public final class Condition {

  /** An unconditional GAN's batches: no labels. */
  public static final Condition NONE = new Condition(null);

  private final Operand<TInt32> labels;

  private Condition(Operand<TInt32> labels) {
    this.labels = labels;
  }

  /** A batch judged or drawn with {@code labels}, int32 {@code [n]}. */
  public static Condition of(Operand<TInt32> labels) {
    return new Condition(java.util.Objects.requireNonNull(labels, "labels"));
  }

  /** The labels, or empty for an unconditional batch. */
  public Optional<Operand<TInt32>> labels() {
    return Optional.ofNullable(labels);
  }
}
