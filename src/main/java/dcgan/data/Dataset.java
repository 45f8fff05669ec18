package dcgan.data;

import java.util.Arrays;
import java.util.Locale;

/** The data sets {@code --dataset} names, as Keras's {@code tf.keras.datasets} names them. */
public enum Dataset {
  /** Handwritten digits, the tutorial's data. */
  MNIST,
  /** Zalando's clothing images, a drop-in replacement with the same layout. */
  FASHION_MNIST,
  /** Synthetic shapes made on the spot: runs the whole pipeline without any download. */
  FAKE,
  /** CIFAR-10's binary version: 32 x 32 RGB, ten classes ({@link Cifar10Reader}). */
  CIFAR10;

  /** The name on the command line, e.g. {@code fashion_mnist}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a command-line name. */
  public static Dataset parse(String name) {
    for (Dataset d : values()) {
      if (d.cliName().equals(name.toLowerCase(Locale.ROOT).replace('-', '_'))) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown dataset '" + name + "'; choose one of "
        + Arrays.stream(values()).map(Dataset::cliName).toList());
  }
}
