package dcgan.persistence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TString;

/** The string inputs of {@code SaveV2} / {@code RestoreV2}. */
final class SaveOps {

  private SaveOps() {}

  /** The tensor names (checkpoint keys), a string vector. */
  static Operand<TString> names(Ops tf, List<String> keys) {
    return tf.constant(StandardCharsets.UTF_8, keys.toArray(String[]::new));
  }

  /** {@code shape_and_slices}: all empty, i.e. whole tensors. */
  static Operand<TString> wholeTensors(Ops tf, int count) {
    String[] empty = new String[count];
    Arrays.fill(empty, "");
    return tf.constant(StandardCharsets.UTF_8, empty);
  }
}
