package dcgan.model;

import java.util.Arrays;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.family.TFloating;

/**
 * The element-wise functions Keras's {@code activation=} argument names (of Dense, Conv2D,
 * Conv2DTranspose and the {@link Activation} layer).
 */
public enum ActivationFunction {

  /** {@code 'linear'} (Keras's default, also written {@code None}): the identity, no op. */
  LINEAR("linear"),
  /** {@code 'relu'}: {@code max(x, 0)}. */
  RELU("relu"),
  /** {@code 'tanh'}: the tutorial generator's last activation. */
  TANH("tanh"),
  /** {@code 'sigmoid'}: {@code 1 / (1 + exp(-x))}. */
  SIGMOID("sigmoid"),
  /** {@code 'leaky_relu'}: Keras 3's function, negative slope 0.2 (the LeakyReLU layer's default is 0.3). */
  LEAKY_RELU("leaky_relu");

  /** The negative slope of Keras 3's {@code activations.leaky_relu}. */
  public static final float LEAKY_RELU_SLOPE = 0.2f;

  private final String kerasName;

  ActivationFunction(String kerasName) {
    this.kerasName = kerasName;
  }

  /** Adds the function of {@code x} to the graph (nothing for {@link #LINEAR}). */
  public <T extends TFloating> Operand<T> apply(Ops tf, Operand<T> x) {
    return switch (this) {
      case LINEAR -> x;
      case RELU -> tf.nn.relu(x);
      case TANH -> tf.math.tanh(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case LEAKY_RELU -> tf.nn.leakyRelu(x, LeakyRelu.alpha(LEAKY_RELU_SLOPE));
    };
  }

  /** The Keras name, e.g. {@code tanh}. */
  public String kerasName() {
    return kerasName;
  }

  /** The function Keras names {@code name} ({@code null} is linear), or an error listing the supported ones. */
  public static ActivationFunction ofKerasName(String name) {
    if (name == null) {
      return LINEAR;
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(a -> a.kerasName.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("activation '" + name + "' is not supported; use one of "
            + String.join(", ", Arrays.stream(values()).map(ActivationFunction::kerasName).toList())));
  }
}
