package dcgan.model;

/**
 * What Keras's {@code Conv2D} and {@code Conv2DTranspose} take besides the number of filters.
 *
 * @param kernelRows {@code kernel_size[0]}
 * @param kernelCols {@code kernel_size[1]}
 * @param strideRows {@code strides[0]}
 * @param strideCols {@code strides[1]}
 * @param padding {@code padding}
 * @param useBias {@code use_bias}
 * @param kernelInitializer {@code kernel_initializer}
 * @param biasInitializer {@code bias_initializer} (unused without a bias)
 * @param activation {@code activation}, applied after the bias
 */
public record ConvSettings(int kernelRows, int kernelCols, int strideRows, int strideCols, Padding padding, boolean useBias,
    Initializer kernelInitializer, Initializer biasInitializer, ActivationFunction activation) {

  public ConvSettings {
    if (kernelRows < 1 || kernelCols < 1 || strideRows < 1 || strideCols < 1) {
      throw new IllegalArgumentException("kernel size and strides must be at least 1, got kernel " + kernelRows + "x" + kernelCols
          + ", strides " + strideRows + "x" + strideCols);
    }
    java.util.Objects.requireNonNull(padding, "padding");
    java.util.Objects.requireNonNull(kernelInitializer, "kernelInitializer");
    java.util.Objects.requireNonNull(biasInitializer, "biasInitializer");
    java.util.Objects.requireNonNull(activation, "activation");
  }

  /** A square {@code kernel x kernel} kernel moving {@code stride} both ways, 'same' padding, a zero bias initializer. */
  public static ConvSettings square(int kernel, int stride, boolean useBias, Initializer kernelInitializer,
      ActivationFunction activation) {
    return new ConvSettings(kernel, kernel, stride, stride, Padding.SAME, useBias, kernelInitializer, Initializer.zeros(), activation);
  }

  /** Adds the Keras config keys these settings stand for ({@code kernel_size}, {@code strides}, ...) to {@code config}. */
  void addKerasSettings(com.google.gson.JsonObject config) {
    config.add("kernel_size", Layer.pair(kernelRows, kernelCols));
    config.add("strides", Layer.pair(strideRows, strideCols));
    config.addProperty("padding", padding.name().toLowerCase(java.util.Locale.ROOT));
    config.addProperty("data_format", "channels_last");
    config.add("dilation_rate", Layer.pair(1, 1));
    config.addProperty("activation", activation.kerasName());
    config.addProperty("use_bias", useBias);
  }

  /** The {@code [1, rows, cols, 1]} strides of TensorFlow's NHWC ops. */
  java.util.List<Long> opStrides() {
    return java.util.List.of(1L, (long) strideRows, (long) strideCols, 1L);
  }
}
