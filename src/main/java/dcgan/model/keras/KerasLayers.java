package dcgan.model.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dcgan.model.Activation;
import dcgan.model.ActivationFunction;
import dcgan.model.BatchNormalization;
import dcgan.model.Conv2D;
import dcgan.model.Conv2DTranspose;
import dcgan.model.ConvSettings;
import dcgan.model.Dense;
import dcgan.model.Dropout;
import dcgan.model.Embedding;
import dcgan.model.Initializer;
import dcgan.model.Layer;
import dcgan.model.LeakyReLU;
import dcgan.model.MaxPooling2D;
import dcgan.model.Padding;
import dcgan.model.ReLU;
import dcgan.model.Reshape;
import dcgan.model.UpSampling2D;
import java.util.Map;

/**
 * Keras layer configs to this project's layers, one method per supported class, each reading the
 * settings Keras's {@code get_config} writes (Keras 2 and Keras 3 spellings) and refusing those that
 * would compute something else.
 */
final class KerasLayers {

  /** The layer classes a model file may use, besides the InputLayer. */
  static final String SUPPORTED = "Dense, BatchNormalization, LeakyReLU, ReLU, Activation, Reshape, Flatten, Conv2D, "
      + "Conv2DTranspose, Dropout, UpSampling2D, MaxPooling2D, Embedding";

  private static final JsonPrimitive CHANNELS_LAST = new JsonPrimitive("channels_last");

  private KerasLayers() {}

  /**
   * The layer {@code c} describes, unbuilt, with its Keras name.
   *
   * @param spectralNorm whether to spectrally normalize a Dense or Conv2D kernel ({@code --spectral-norm})
   */
  static Layer create(LayerConfig c, boolean spectralNorm) {
    c.require("trainable", new JsonPrimitive(true));
    c.ignore("dtype"); // checked once for the whole model
    String name = c.name();
    Layer layer = switch (c.className()) {
      case "Dense" -> dense(c, spectralNorm);
      case "Conv2D" -> conv2d(c, spectralNorm);
      case "Conv2DTranspose" -> conv2dTranspose(c, spectralNorm);
      case "BatchNormalization" -> batchNormalization(c);
      case "LeakyReLU" -> leakyRelu(c);
      case "ReLU" -> relu(c);
      case "Activation" -> new Activation(activation(c));
      case "Dropout" -> dropout(c);
      case "Reshape" -> new Reshape(c.longs("target_shape"));
      case "Flatten" -> flatten(c);
      case "UpSampling2D" -> upSampling(c);
      case "MaxPooling2D" -> maxPooling(c);
      case "Embedding" -> embedding(c);
      case "InputLayer" -> throw c.error("an InputLayer can only be the first layer");
      default -> throw c.error(c.className() + " is not supported; a model file may use " + SUPPORTED);
    };
    c.refuseUnread(Map.of());
    return name == null ? layer : layer.named(name);
  }

  private static Layer dense(LayerConfig c, boolean spectralNorm) {
    int units = c.requiredInteger("units");
    return new Dense(units, c.bool("use_bias", true), spectralNorm, KerasInitializers.read(c, "kernel_initializer",
        Initializer.glorotUniform()), KerasInitializers.read(c, "bias_initializer", Initializer.zeros()), activation(c));
  }

  private static Layer conv2d(LayerConfig c, boolean spectralNorm) {
    return new Conv2D(c.requiredInteger("filters"), convSettings(c), spectralNorm);
  }

  private static Layer conv2dTranspose(LayerConfig c, boolean spectralNorm) {
    if (spectralNorm) {
      throw c.error("--spectral-norm normalizes Dense and Conv2D kernels only, not a Conv2DTranspose's");
    }
    return new Conv2DTranspose(c.requiredInteger("filters"), convSettings(c));
  }

  /** What Conv2D and Conv2DTranspose share; dilation, groups and output padding only at their neutral values. */
  private static ConvSettings convSettings(LayerConfig c) {
    int[] kernel = c.pair("kernel_size", null);
    int[] strides = c.pair("strides", new int[] {1, 1});
    c.require("data_format", CHANNELS_LAST);
    c.require("dilation_rate", pairOf(1, 1), new JsonPrimitive(1));
    c.require("groups", new JsonPrimitive(1));
    Padding padding;
    try {
      padding = Padding.ofKerasName(c.string("padding", "valid"));
    } catch (IllegalArgumentException e) {
      throw c.error(e.getMessage());
    }
    return new ConvSettings(kernel[0], kernel[1], strides[0], strides[1], padding, c.bool("use_bias", true),
        KerasInitializers.read(c, "kernel_initializer", Initializer.glorotUniform()),
        KerasInitializers.read(c, "bias_initializer", Initializer.zeros()), activation(c));
  }

  private static Layer batchNormalization(LayerConfig c) {
    JsonElement axisSetting = c.element("axis"); // Keras 3 writes -1, Keras 2 the built axis as a list, e.g. [3]
    if (axisSetting != null && axisSetting.isJsonArray() && axisSetting.getAsJsonArray().size() != 1) {
      throw c.error("axis=" + axisSetting + " is not supported (only the last axis, -1)");
    }
    JsonElement first = axisSetting == null ? new JsonPrimitive(-1)
        : axisSetting.isJsonArray() ? axisSetting.getAsJsonArray().get(0) : axisSetting;
    if (!first.isJsonPrimitive() || !first.getAsJsonPrimitive().isNumber()) {
      throw c.error("axis must be an integer, not " + axisSetting);
    }
    c.require("center", new JsonPrimitive(true));
    c.require("scale", new JsonPrimitive(true));
    c.ignore("renorm_momentum", "fused"); // meaningless without renorm; fused is an implementation choice
    return new BatchNormalization(first.getAsInt(), (float) c.number("momentum", BatchNormalization.MOMENTUM),
        (float) c.number("epsilon", BatchNormalization.EPSILON),
        KerasInitializers.read(c, "gamma_initializer", Initializer.ones()), KerasInitializers.read(c, "beta_initializer", Initializer.zeros()),
        KerasInitializers.read(c, "moving_mean_initializer", Initializer.zeros()),
        KerasInitializers.read(c, "moving_variance_initializer", Initializer.ones()));
  }

  /** Keras 2 calls the slope {@code alpha}, Keras 3 {@code negative_slope}; both default to 0.3. */
  private static Layer leakyRelu(LayerConfig c) {
    double slope = c.has("negative_slope") ? c.number("negative_slope", LeakyReLU.ALPHA) : c.number("alpha", LeakyReLU.ALPHA);
    c.ignore("alpha", "negative_slope");
    return new LeakyReLU((float) slope);
  }

  private static Layer relu(LayerConfig c) {
    c.require("negative_slope", new JsonPrimitive(0));
    c.require("threshold", new JsonPrimitive(0));
    if (c.has("max_value")) {
      throw c.error("max_value=" + c.element("max_value") + " is not supported (a plain ReLU only)");
    }
    return new ReLU();
  }

  private static Layer dropout(LayerConfig c) {
    double rate = c.number("rate", Double.NaN);
    if (!(rate >= 0 && rate < 1)) {
      throw c.error("rate must be in [0, 1), not " + c.element("rate"));
    }
    c.ignore("seed"); // the run's --seed draws every dropout mask
    return new Dropout((float) rate);
  }

  private static Layer flatten(LayerConfig c) {
    c.require("data_format", CHANNELS_LAST);
    return Reshape.flatten();
  }

  private static Layer upSampling(LayerConfig c) {
    int[] size = c.pair("size", new int[] {2, 2});
    c.require("data_format", CHANNELS_LAST);
    String interpolation = c.string("interpolation", "nearest");
    UpSampling2D.Interpolation how = switch (interpolation) {
      case "nearest" -> UpSampling2D.Interpolation.NEAREST;
      case "bilinear" -> UpSampling2D.Interpolation.BILINEAR;
      default -> throw c.error("interpolation '" + interpolation + "' is not supported; use 'nearest' or 'bilinear'");
    };
    return new UpSampling2D(size[0], size[1], how);
  }

  /** Square pools whose strides equal the pool, with 'valid' padding: what {@link MaxPooling2D} computes. */
  private static Layer maxPooling(LayerConfig c) {
    int[] pool = c.pair("pool_size", new int[] {2, 2});
    int[] strides = c.has("strides") ? c.pair("strides", null) : pool;
    c.require("padding", new JsonPrimitive("valid"));
    c.require("data_format", CHANNELS_LAST);
    if (pool[0] != pool[1] || strides[0] != pool[0] || strides[1] != pool[1]) {
      throw c.error("only square pools with strides equal to the pool are supported, not pool " + pool[0] + "x" + pool[1]
          + " with strides " + strides[0] + "x" + strides[1]);
    }
    return new MaxPooling2D(pool[0]);
  }

  /** An embedding without masking or sparse gradients: a lookup table, as a label's way into a generator. */
  private static Layer embedding(LayerConfig c) {
    c.require("mask_zero", new JsonPrimitive(false));
    c.require("sparse", new JsonPrimitive(false));
    c.ignore("input_length"); // Keras 2's declared sequence length: the input's shape says it
    return new Embedding(c.requiredInteger("input_dim"), c.requiredInteger("output_dim"),
        KerasInitializers.read(c, "embeddings_initializer", Initializer.randomUniform(-0.05f, 0.05f)));
  }

  private static ActivationFunction activation(LayerConfig c) {
    try {
      return ActivationFunction.ofKerasName(c.string("activation", null));
    } catch (IllegalArgumentException e) {
      throw c.error(e.getMessage());
    }
  }

  private static JsonArray pairOf(int a, int b) {
    JsonArray pair = new JsonArray();
    pair.add(a);
    pair.add(b);
    return pair;
  }
}
