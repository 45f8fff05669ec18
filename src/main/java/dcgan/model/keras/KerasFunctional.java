package dcgan.model.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dcgan.data.ImageShape;
import dcgan.model.Layer;
import dcgan.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.ndarray.Shape;

/**
 * A conditional GAN's networks as Keras 3 Functional models with two inputs, the way this project
 * feeds the label ({@link dcgan.model.Labels}): the generator takes {@code noise} and an integer
 * {@code labels}, one-hot encodes the label ({@code CategoryEncoding}) and joins it to the noise
 * ({@code Concatenate}); the discriminator takes {@code images} and {@code labels} and joins one
 * constant map per class ({@code CategoryEncoding}, {@code Reshape} to 1 x 1 x K, {@code UpSampling2D}
 * to the image size). The network's own layers follow, with their weights.
 */
public final class KerasFunctional {

  private KerasFunctional() {}

  /** A Functional model's {@code config.json} and its layers' weights. */
  public record Built(JsonObject config, List<KerasArchive.LayerState> states) {}

  /** The generator: {@code noise} float32 {@code (None, noiseDim)} and {@code labels} int32 {@code (None,)} to images. */
  public static Built generator(Sequential generator, int noiseDim, int classes, Function<Layer, List<KerasWeights.Values>> values) {
    Graph g = new Graph();
    Node noise = g.input("noise", Shape.of(-1, noiseDim), "float32");
    Node labels = g.input("labels", Shape.of(-1), "int32");
    Node oneHot = g.add("CategoryEncoding", "one_hot", categoryEncoding(classes), Shape.of(-1, classes), labels);
    Node joined = g.add("Concatenate", "joined", concatenate(), Shape.of(-1, noiseDim + classes), noise, oneHot);
    return g.finish(generator, joined, values, noise, labels);
  }

  /** The discriminator: {@code images} float32 {@code (None, rows, cols, channels)} and {@code labels} int32 {@code (None,)} to one logit. */
  public static Built discriminator(Sequential discriminator, ImageShape image, int classes,
      Function<Layer, List<KerasWeights.Values>> values) {
    Graph g = new Graph();
    Node images = g.input("images", Shape.of(-1, image.rows(), image.cols(), image.channels()), "float32");
    Node labels = g.input("labels", Shape.of(-1), "int32");
    Node oneHot = g.add("CategoryEncoding", "one_hot", categoryEncoding(classes), Shape.of(-1, classes), labels);
    JsonObject reshape = new JsonObject();
    reshape.add("target_shape", ints(1, 1, classes));
    Node map = g.add("Reshape", "label_map", reshape, Shape.of(-1, 1, 1, classes), oneHot);
    JsonObject upSampling = new JsonObject();
    upSampling.add("size", ints(image.rows(), image.cols()));
    upSampling.addProperty("data_format", "channels_last");
    upSampling.addProperty("interpolation", "nearest");
    Node maps = g.add("UpSampling2D", "label_maps", upSampling, Shape.of(-1, image.rows(), image.cols(), classes), map);
    Node joined = g.add("Concatenate", "joined", concatenate(),
        Shape.of(-1, image.rows(), image.cols(), image.channels() + classes), images, maps);
    return g.finish(discriminator, joined, values, images, labels);
  }

  private static JsonObject categoryEncoding(int classes) {
    JsonObject config = new JsonObject();
    config.addProperty("num_tokens", classes);
    config.addProperty("output_mode", "one_hot");
    config.addProperty("sparse", false);
    return config;
  }

  private static JsonObject concatenate() {
    JsonObject config = new JsonObject();
    config.addProperty("axis", -1);
    return config;
  }

  private static JsonArray ints(int... values) {
    JsonArray array = new JsonArray();
    for (int v : values) {
      array.add(v);
    }
    return array;
  }

  /** A layer's output in the model being written: its name, shape and dtype. */
  private record Node(String name, Shape shape, String dtype) {
    JsonObject tensor() {
      JsonObject config = new JsonObject();
      config.add("shape", Sequential.kerasShapeJson(shape));
      config.addProperty("dtype", dtype);
      JsonArray history = new JsonArray();
      history.add(name);
      history.add(0);
      history.add(0);
      config.add("keras_history", history);
      JsonObject tensor = new JsonObject();
      tensor.addProperty("class_name", "__keras_tensor__");
      tensor.add("config", config);
      return tensor;
    }
  }

  /** The layers list being written, in order, with the Keras class of each (their state paths follow from it). */
  private static final class Graph {
    private final JsonArray layers = new JsonArray();
    private final List<String> types = new ArrayList<>();
    private final List<Layer> withWeights = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    Node input(String name, Shape shape, String dtype) {
      JsonObject config = new JsonObject();
      config.add("batch_shape", Sequential.kerasShapeJson(shape));
      config.addProperty("dtype", dtype);
      config.addProperty("sparse", false);
      config.addProperty("name", name);
      entry("InputLayer", name, Sequential.kerasObject("keras.layers", "InputLayer", config, null), new JsonArray(), null);
      return new Node(name, shape, dtype);
    }

    /** A layer of this project's conditioning: {@code config} gets the name, trainable and dtype every layer has. */
    Node add(String type, String name, JsonObject settings, Shape output, Node... inputs) {
      JsonObject config = new JsonObject();
      config.addProperty("name", name);
      config.addProperty("trainable", true);
      config.add("dtype", Layer.float32Policy());
      settings.entrySet().forEach(e -> config.add(e.getKey(), e.getValue()));
      JsonElement builtFor = inputs.length == 1 ? Sequential.kerasShapeJson(inputs[0].shape()) : shapes(inputs);
      JsonObject object = Sequential.kerasObject("keras.layers", type, config, null);
      JsonObject build = new JsonObject();
      build.add("input_shape", builtFor);
      object.add("build_config", build);
      entry(type, name, object, inbound(inputs), null);
      return new Node(name, output, "float32");
    }

    private static JsonArray shapes(Node... inputs) {
      JsonArray all = new JsonArray();
      for (Node n : inputs) {
        all.add(Sequential.kerasShapeJson(n.shape()));
      }
      return all;
    }

    private static JsonArray inbound(Node... inputs) {
      JsonArray args = new JsonArray();
      if (inputs.length == 1) {
        args.add(inputs[0].tensor());
      } else {
        JsonArray list = new JsonArray();
        for (Node n : inputs) {
          list.add(n.tensor());
        }
        args.add(list);
      }
      JsonObject node = new JsonObject();
      node.add("args", args);
      node.add("kwargs", new JsonObject());
      JsonArray nodes = new JsonArray();
      nodes.add(node);
      return nodes;
    }

    private void entry(String type, String name, JsonObject object, JsonArray inboundNodes, Layer layer) {
      object.addProperty("name", name);
      object.add("inbound_nodes", inboundNodes);
      layers.add(object);
      types.add(type);
      names.add(name);
      withWeights.add(layer);
    }

    /** The network's own layers after {@code from}, and the whole model: two inputs, the last layer as output. */
    Built finish(Sequential network, Node from, Function<Layer, List<KerasWeights.Values>> values, Node... inputs) {
      Node previous = from;
      for (Layer layer : network.layers()) {
        JsonObject object = Sequential.kerasObject("keras.layers", layer.type(), layer.kerasConfig(), previous.shape());
        entry(layer.type(), layer.name(), object, inbound(previous), layer);
        previous = new Node(layer.name(), layer.outputShape(), "float32");
      }
      JsonObject config = new JsonObject();
      config.addProperty("name", network.kerasName());
      config.addProperty("trainable", true);
      config.add("layers", layers);
      JsonArray inputLayers = new JsonArray();
      for (Node input : inputs) {
        JsonArray ref = new JsonArray();
        ref.add(input.name());
        ref.add(0);
        ref.add(0);
        inputLayers.add(ref);
      }
      config.add("input_layers", inputLayers);
      JsonArray output = new JsonArray();
      output.add(previous.name());
      output.add(0);
      output.add(0);
      config.add("output_layers", output);
      JsonObject model = new JsonObject();
      model.addProperty("module", "keras.src.models.functional");
      model.addProperty("class_name", "Functional");
      model.add("config", config);
      model.addProperty("registered_name", "Functional");
      JsonObject build = new JsonObject();
      build.add("input_shape", JsonNull.INSTANCE);
      model.add("build_config", build);
      model.add("compile_config", JsonNull.INSTANCE);
      List<String> paths = KerasArchive.statePaths(types);
      List<KerasArchive.LayerState> states = new ArrayList<>();
      for (int i = 0; i < types.size(); i++) {
        Layer layer = withWeights.get(i);
        states.add(layer == null ? new KerasArchive.LayerState(paths.get(i), names.get(i), List.of(), List.of())
            : KerasArchive.LayerState.of(paths.get(i), layer, values.apply(layer)));
      }
      return new Built(model, states);
    }
  }
}
