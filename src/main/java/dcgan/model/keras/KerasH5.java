package dcgan.model.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dcgan.model.keras.KerasArchive.LayerState;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Legacy HDF5 model files, as tf.keras 2 writes them with {@code model.save("x.h5")}, for users on
 * TensorFlow 2.15 or older (Keras 3 reads them too): the root attributes {@code keras_version},
 * {@code backend} and {@code model_config} (the model in Keras 2's JSON form, {@link #keras2}), and
 * under {@code model_weights} one group per layer with weights, its {@code weight_names} attribute
 * ({@code dense/kernel:0}) naming its datasets ({@code model_weights/dense/dense/kernel:0}).
 */
public final class KerasH5 {

  /** The Keras version the files say they were written by: the last of Keras 2, whose layout they follow. */
  static final String KERAS_VERSION = "2.15.0";

  private KerasH5() {}

  /**
   * The bytes of a legacy {@code .h5} file of the model {@code config} (Keras 3's form, as {@code
   * .keras} files hold it) describes, its layers' weights {@code states}.
   */
  public static byte[] write(JsonObject config, List<LayerState> states) throws IOException {
    Path temporary = Files.createTempFile("model-", ".h5");
    try {
      try (WritableHdfFile h5 = HdfFile.write(temporary)) {
        h5.putAttribute("keras_version", KERAS_VERSION);
        h5.putAttribute("backend", "tensorflow");
        h5.putAttribute("model_config", keras2(config).toString());
        WritableGroup weights = h5.putGroup("model_weights");
        weights.putAttribute("keras_version", KERAS_VERSION);
        weights.putAttribute("backend", "tensorflow");
        // Only the layers with weights are listed and written: Keras skips the others when loading, and jHDF 0.10
        // writes some empty groups that follow ones holding datasets with an object header HDF5 cannot read.
        List<LayerState> withWeights = states.stream().filter(s -> !s.values().isEmpty()).toList();
        weights.putAttribute("layer_names", withWeights.stream().map(LayerState::name).toArray(String[]::new));
        for (LayerState state : withWeights) {
          WritableGroup layer = weights.putGroup(state.name());
          layer.putAttribute("weight_names", state.weightNames().stream().map(w -> state.name() + "/" + w + ":0").toArray(String[]::new));
          WritableGroup inner = layer.putGroup(state.name());
          for (int i = 0; i < state.values().size(); i++) {
            KerasWeights.Values v = state.values().get(i);
            inner.putDataset(state.weightNames().get(i) + ":0", KerasArchive.nested(v.values(), v.shape()));
          }
        }
      }
      return Files.readAllBytes(temporary);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * A model's config in Keras 2's JSON form, from Keras 3's: objects as {@code {"class_name",
   * "config"}} without module, registered name or build config; dtype policies as their names; an
   * InputLayer's {@code batch_input_shape}; LeakyReLU's {@code alpha}; a Functional model's
   * inbound nodes as {@code [[[layer, node, tensor, {}], ...]]}.
   */
  public static JsonObject keras2(JsonObject model) {
    JsonObject config = model.getAsJsonObject("config").deepCopy();
    config.remove("dtype");
    config.remove("trainable");
    JsonArray layers = new JsonArray();
    for (JsonElement e : config.getAsJsonArray("layers")) {
      layers.add(layer(e.getAsJsonObject()));
    }
    config.add("layers", layers);
    JsonObject out = new JsonObject();
    out.add("class_name", model.get("class_name"));
    out.add("config", config);
    return out;
  }

  private static JsonObject layer(JsonObject layer) {
    String className = layer.get("class_name").getAsString();
    JsonObject config = layer.getAsJsonObject("config").deepCopy();
    if (config.get("dtype") instanceof JsonObject policy) {
      config.add("dtype", policy.getAsJsonObject("config").get("name"));
    }
    switch (className) {
      case "InputLayer" -> {
        config.add("batch_input_shape", config.remove("batch_shape"));
        config.remove("optional");
        config.addProperty("ragged", false);
      }
      case "LeakyReLU" -> config.add("alpha", config.remove("negative_slope"));
      default -> { }
    }
    JsonObject out = new JsonObject();
    out.addProperty("class_name", className);
    out.add("config", config);
    if (layer.has("inbound_nodes")) {
      out.add("name", layer.get("name"));
      out.add("inbound_nodes", inboundNodes(layer.getAsJsonArray("inbound_nodes")));
    }
    return out;
  }

  /** Keras 3's {@code [{"args": [tensor or [tensors]], "kwargs": {}}]} as Keras 2's {@code [[[layer, 0, 0, {}], ...]]}. */
  private static JsonArray inboundNodes(JsonArray nodes) {
    JsonArray out = new JsonArray();
    for (JsonElement node : nodes) {
      JsonArray inputs = new JsonArray();
      for (JsonArray history : KerasGraph.keras3Inputs(node.getAsJsonObject())) {
        JsonArray input = history.deepCopy();
        input.add(new JsonObject());
        inputs.add(input);
      }
      out.add(inputs);
    }
    return out;
  }

  /**
   * The {@code model_config} a legacy {@code .h5} file holds, or empty for weights saved alone.
   *
   * @throws dcgan.data.DataException naming the file if it does not read as HDF5
   */
  public static java.util.Optional<String> modelConfig(Path file) {
    try (HdfFile hdf = new HdfFile(file)) {
      io.jhdf.api.Attribute config = hdf.getAttribute("model_config");
      if (config == null) {
        return java.util.Optional.empty();
      }
      Object data = config.getData();
      return java.util.Optional.of(data instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
          : data.toString());
    } catch (RuntimeException e) {
      throw new dcgan.data.DataException(file + " does not read as HDF5 (" + e.getMessage() + "); it may be truncated: save it"
          + " again", e);
    }
  }

  /** The root attributes a legacy model file holds, for tests. */
  static Map<String, Object> rootAttributes(Path file) {
    try (HdfFile hdf = new HdfFile(file)) {
      Map<String, Object> out = new java.util.TreeMap<>();
      hdf.getAttributes().forEach((k, v) -> out.put(k, v.getData()));
      return out;
    }
  }
}
