package dcgan.model;

/**
 * Keras's {@code padding=} of Conv2D and Conv2DTranspose, with the output sizes Keras computes
 * ({@code conv_output_length} and {@code deconv_output_length} without output padding or dilation).
 */
public enum Padding {

  /** {@code 'same'}: a convolution gives {@code ceil(in / stride)}, a transposed one {@code in * stride}. */
  SAME,
  /** {@code 'valid'}: no padding; {@code floor((in - k) / stride) + 1}, transposed {@code in * stride + max(k - stride, 0)}. */
  VALID;

  /** The size of a convolution's output along one axis; below 1 when the kernel does not fit. */
  public long convolutionOutput(long input, int kernel, int stride) {
    return this == SAME ? (input + stride - 1) / stride : Math.floorDiv(input - kernel, stride) + 1;
  }

  /** The size of a transposed convolution's output along one axis. */
  public long transposedOutput(long input, int kernel, int stride) {
    return this == SAME ? input * stride : input * stride + Math.max(kernel - stride, 0);
  }

  /** The name TensorFlow's ops take, {@code SAME} or {@code VALID}. */
  public String opName() {
    return name();
  }

  /** {@code same} or {@code valid}, as Keras writes it; anything else is an error. */
  public static Padding ofKerasName(String name) {
    return switch (String.valueOf(name)) {
      case "same" -> SAME;
      case "valid" -> VALID;
      default -> throw new IllegalArgumentException("padding '" + name + "' is not supported; use 'same' or 'valid'");
    };
  }
}
