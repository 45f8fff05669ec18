package dcgan.model.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dcgan.data.DataException;
import dcgan.model.CallContext;
import dcgan.model.Layer;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.OneHot;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A Keras Functional model read from its config (Keras 2's and Keras 3's forms), built into a graph
 * for inference: the layers a Sequential model file may use ({@link KerasLayers}), plus {@code
 * InputLayer}s, {@code Concatenate}, {@code Multiply}, {@code Add}, {@code CategoryEncoding} and
 * nested {@code Sequential} models, each called once. What conditional generators written in Keras
 * look like: a noise input and an integer label, the label embedded ({@code Embedding}, {@code
 * Flatten}) or one-hot encoded, joined to the noise, then the network.
 *
 * <p>Every value travels as float32 (labels too, exact below 2^24), as this project's layers take.
 */
public final class KerasGraph {

  /** One input of the model: its layer name, per-example shape, and whether it is declared as integers. */
  public record Input(String name, long[] shape, boolean integer) {}

  /** The built model: its output, the output's shape with the batch axis, and where its weights go. */
  public record Built(Operand<TFloat32> output, Shape outputShape, List<KerasWeights.Slot> slots) {}

  /** One entry of {@code layers}: the Keras class, its config, the layers it is called on, its state path. */
  private record Entry(int position, String name, String className, JsonObject layer, List<String> inbound, String statePath) {}

  private final String source;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<Input> inputs = new ArrayList<>();
  private final String output;

  private KerasGraph(String source, JsonObject config) {
    this.source = source;
    JsonArray layers = config.getAsJsonArray("layers");
    if (layers == null || layers.isEmpty()) {
      throw new DataException(source + ": the Functional model has no layers");
    }
    List<String> types = new ArrayList<>();
    layers.forEach(e -> types.add(e.getAsJsonObject().get("class_name").getAsString()));
    List<String> paths = KerasArchive.statePaths(types);
    for (int i = 0; i < layers.size(); i++) {
      JsonObject layer = layers.get(i).getAsJsonObject();
      String name = layer.has("name") ? layer.get("name").getAsString() : layer.getAsJsonObject("config").get("name").getAsString();
      Entry entry = new Entry(i + 1, name, types.get(i), layer, inbound(layer, i + 1, name), paths.get(i));
      if (entries.put(name, entry) != null) {
        throw new DataException(source + ": two layers are named " + name);
      }
    }
    for (String name : references(config.get("input_layers"))) {
      Entry input = entry(name);
      if (!input.className().equals("InputLayer")) {
        throw new DataException(source + ": the model's input " + name + " is a " + input.className() + ", not an InputLayer");
      }
      JsonObject c = input.layer().getAsJsonObject("config");
      JsonElement shape = c.has("batch_shape") ? c.get("batch_shape") : c.get("batch_input_shape");
      JsonElement dtype = c.get("dtype");
      inputs.add(new Input(name, perExample(shape, name), dtype != null && dtype.isJsonPrimitive() && dtype.getAsString().startsWith("int")));
    }
    List<String> outputs = references(config.get("output_layers"));
    if (outputs.size() != 1) {
      throw new DataException(source + ": the model has " + outputs.size() + " outputs; a generator has one, its images");
    }
    output = outputs.get(0);
    entry(output);
  }

  /** Reads the Functional model {@code model} ({@code {"class_name": "Functional", "config": ...}}); {@code source} names it in errors. */
  public static KerasGraph parse(JsonObject model, String source) {
    try {
      return new KerasGraph(source, model.getAsJsonObject("config"));
    } catch (ClassCastException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
      throw new DataException(source + " is not a Functional model config this project reads (" + e.getMessage() + ")", e);
    }
  }

  /** The model's inputs, in its order. */
  public List<Input> inputs() {
    return List.copyOf(inputs);
  }

  /**
   * The classes an input stands for: the size of the {@code Embedding} or {@code CategoryEncoding}
   * it reaches first (through {@code Flatten}/{@code Reshape}), or empty when none takes it.
   */
  public Optional<Integer> classesOf(String input) {
    for (Entry e : entries.values()) {
      if (e.inbound().equals(List.of(input))) {
        JsonObject c = e.layer().getAsJsonObject("config");
        switch (e.className()) {
          case "Embedding": return Optional.of(c.get("input_dim").getAsInt());
          case "CategoryEncoding": return Optional.of(c.get("num_tokens").getAsInt());
          case "Flatten", "Reshape": return classesOf(e.name());
          default: break;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Builds every layer once and calls it, inputs fed by {@code fed} (by input name, each of its
   * declared shape with the batch axis), under the name scope of {@code builder}'s ops.
   */
  public Built build(ModelBuilder builder, Map<String, Operand<TFloat32>> fed) {
    Map<String, Operand<TFloat32>> values = new HashMap<>(fed);
    Map<String, Shape> shapes = new HashMap<>();
    inputs.forEach(i -> shapes.put(i.name(), withBatch(i.shape())));
    List<KerasWeights.Slot> slots = new ArrayList<>();
    for (String name : order()) {
      Entry e = entries.get(name);
      if (e.className().equals("InputLayer")) {
        continue;
      }
      List<Operand<TFloat32>> in = e.inbound().stream().map(values::get).toList();
      List<Shape> inShapes = e.inbound().stream().map(shapes::get).toList();
      try {
        Shape out = call(builder, e, in, inShapes, values, slots);
        shapes.put(name, out);
      } catch (IllegalArgumentException ex) {
        throw new DataException(source + ": layer " + e.position() + " (" + name + ", " + e.className() + ") does not fit: "
            + ex.getMessage(), ex);
      }
    }
    // in the order of the config's layers (Keras's model.layers), which legacy files list their weights in, not the call order
    slots.sort(java.util.Comparator.comparingInt(slot -> entries.containsKey(slot.group()) ? entries.get(slot.group()).position() : 0));
    return new Built(values.get(output), shapes.get(output), slots);
  }

  /** Adds one layer's call to the graph, puts its output in {@code values}, its weights in {@code slots}, and returns its shape. */
  private Shape call(ModelBuilder builder, Entry e, List<Operand<TFloat32>> in, List<Shape> inShapes,
      Map<String, Operand<TFloat32>> values, List<KerasWeights.Slot> slots) {
    Ops tf = builder.ops().withSubScope(e.name());
    JsonObject c = e.layer().getAsJsonObject("config");
    switch (e.className()) {
      case "Concatenate", "Add", "Multiply" -> {
        return merge(tf, e, c, in, inShapes, values);
      }
      case "CategoryEncoding" -> {
        requireOneInput(e, in);
        if (!c.has("output_mode") || !c.get("output_mode").getAsString().equals("one_hot")) {
          throw new IllegalArgumentException("only output_mode 'one_hot' is supported, not " + c.get("output_mode"));
        }
        int tokens = c.get("num_tokens").getAsInt();
        Operand<TInt32> indices = tf.dtypes.cast(tf.reshape(in.get(0), tf.constant(new long[] {-1})), TInt32.class);
        values.put(e.name(), tf.oneHot(indices, tf.constant(tokens), tf.constant(1f), tf.constant(0f), OneHot.axis(-1L)));
        return Shape.of(-1, tokens);
      }
      case "Sequential" -> {
        requireOneInput(e, in);
        KerasModel nested = KerasModel.parse(e.layer().toString(), source + " (the nested model " + e.name() + ")");
        Sequential model = nested.sequential(e.name(), perExampleOf(inShapes.get(0)), null, false).build(builder);
        values.put(e.name(), model.call(builder.ops(), in.get(0), CallContext.inference()));
        slots.addAll(KerasWeights.slots(model.layers(), KerasArchive.statePaths(model), e.statePath() + "/layers/", e.name()));
        return model.outputShape();
      }
      case "Functional", "Model" -> throw new DataException(source + ": layer " + e.position() + " (" + e.name()
          + ") is a nested Functional model, which is not read; nested Sequential models are");
      default -> {
        requireOneInput(e, in);
        KerasModel.checkDtype(source, e.position(), c);
        Layer layer = KerasLayers.create(new LayerConfig(source, e.position(), entries.size(), e.className(), c), false);
        Shape out = layer.build(builder, builder.ops(), inShapes.get(0));
        values.put(e.name(), layer.call(tf, in.get(0), CallContext.inference()));
        if (!layer.weights().isEmpty()) {
          slots.add(new KerasWeights.Slot(e.statePath(), layer.name(), "layer " + e.position() + " (" + layer + ")", layer.weights()));
        }
        return out;
      }
    }
  }

  private Shape merge(Ops tf, Entry e, JsonObject c, List<Operand<TFloat32>> in, List<Shape> shapes,
      Map<String, Operand<TFloat32>> values) {
    if (in.size() < 2) {
      throw new IllegalArgumentException("a " + e.className() + " needs at least two inputs");
    }
    if (e.className().equals("Concatenate")) {
      int rank = shapes.get(0).numDimensions();
      int axis = c.has("axis") ? c.get("axis").getAsInt() : -1;
      int at = axis < 0 ? rank + axis : axis;
      long[] out = shapes.get(0).asArray();
      for (int i = 1; i < shapes.size(); i++) {
        long[] other = shapes.get(i).asArray();
        if (other.length != rank || at < 1 || at >= rank) {
          throw new IllegalArgumentException("cannot join " + shapes + " along axis " + axis);
        }
        out[at] += other[at];
      }
      values.put(e.name(), tf.concat(in, tf.constant(at)));
      return Shape.of(out);
    }
    for (Shape s : shapes) {
      if (!Arrays.equals(s.asArray(), shapes.get(0).asArray())) {
        throw new IllegalArgumentException("its inputs' shapes differ: " + shapes + " (inputs of one shape are supported)");
      }
    }
    Operand<TFloat32> y = in.get(0);
    for (int i = 1; i < in.size(); i++) {
      y = e.className().equals("Add") ? tf.math.add(y, in.get(i)) : tf.math.mul(y, in.get(i));
    }
    values.put(e.name(), y);
    return shapes.get(0);
  }

  private static void requireOneInput(Entry e, List<?> in) {
    if (in.size() != 1) {
      throw new IllegalArgumentException("a " + e.className() + " takes one input, here " + in.size());
    }
  }

  /** The layers in an order where each comes after the layers it is called on, as far as the output needs them. */
  private List<String> order() {
    List<String> order = new ArrayList<>();
    visit(output, order, new ArrayList<>());
    return order;
  }

  private void visit(String name, List<String> order, List<String> path) {
    if (order.contains(name)) {
      return;
    }
    if (path.contains(name)) {
      throw new DataException(source + ": the layers form a cycle through " + name);
    }
    path.add(name);
    for (String from : entry(name).inbound()) {
      visit(from, order, path);
    }
    path.remove(path.size() - 1);
    order.add(name);
  }

  private Entry entry(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new DataException(source + ": the model refers to a layer " + name + " that it does not have");
    }
    return e;
  }

  /** The layers a layer is called on: Keras 3's {@code [{"args": ...}]} or Keras 2's {@code [[[name, 0, 0, {}], ...]]}. */
  private List<String> inbound(JsonObject layer, int position, String name) {
    JsonArray nodes = layer.has("inbound_nodes") ? layer.getAsJsonArray("inbound_nodes") : new JsonArray();
    if (nodes.size() > 1) {
      throw new DataException(source + ": layer " + position + " (" + name + ") is called " + nodes.size()
          + " times; layers shared between calls are not supported");
    }
    if (nodes.isEmpty()) {
      return List.of();
    }
    JsonElement node = nodes.get(0);
    List<String> names = new ArrayList<>();
    if (node.isJsonObject()) {
      for (JsonArray history : keras3Inputs(node.getAsJsonObject())) {
        names.add(history(history, position, name));
      }
    } else {
      for (JsonElement input : node.getAsJsonArray()) {
        names.add(history(input.getAsJsonArray(), position, name));
      }
    }
    return names;
  }

  /**
   * The layer a {@code [layer, node, tensor]} reference names. Its node index is not checked: every
   * layer is called once here, and Keras 2 numbers a nested model's call 1 (its own input is node 0).
   */
  private String history(JsonArray history, int position, String name) {
    if (history.size() > 2 && history.get(2).getAsInt() != 0) {
      throw new DataException(source + ": layer " + position + " (" + name + ") takes output " + history.get(2) + " of "
          + history.get(0) + "; layers with one output are supported");
    }
    return history.get(0).getAsString();
  }

  /** {@code input_layers} / {@code output_layers}: {@code [[name, node, 0], ...]} or a single {@code [name, node, 0]}. */
  private static List<String> references(JsonElement e) {
    JsonArray array = e.getAsJsonArray();
    if (!array.isEmpty() && array.get(0).isJsonPrimitive()) {
      return List.of(array.get(0).getAsString());
    }
    List<String> names = new ArrayList<>();
    array.forEach(r -> names.add(r.getAsJsonArray().get(0).getAsString()));
    return names;
  }

  private long[] perExample(JsonElement shape, String name) {
    if (shape == null || !shape.isJsonArray() || shape.getAsJsonArray().isEmpty()) {
      throw new DataException(source + ": the input " + name + " declares no shape");
    }
    JsonArray dims = shape.getAsJsonArray();
    long[] out = new long[dims.size() - 1];
    for (int i = 1; i < dims.size(); i++) {
      if (dims.get(i).isJsonNull()) {
        throw new DataException(source + ": the input " + name + " has an axis of unknown size, " + dims);
      }
      out[i - 1] = dims.get(i).getAsLong();
    }
    return out;
  }

  private static Shape withBatch(long[] perExample) {
    long[] dims = new long[perExample.length + 1];
    dims[0] = -1;
    System.arraycopy(perExample, 0, dims, 1, perExample.length);
    return Shape.of(dims);
  }

  private static Shape perExampleOf(Shape shape) {
    return Shape.of(Arrays.copyOfRange(shape.asArray(), 1, shape.numDimensions()));
  }

  /**
   * The {@code [layer, node, tensor]} of each input of a Keras 3 node, {@code {"args": [tensor or
   * [tensors]], "kwargs": {}}}, each tensor {@code {"class_name": "__keras_tensor__", "config":
   * {"keras_history": [...]}}}.
   */
  static List<JsonArray> keras3Inputs(JsonObject node) {
    JsonElement args = node.getAsJsonArray("args").get(0);
    List<JsonArray> histories = new ArrayList<>();
    if (args.isJsonArray()) {
      args.getAsJsonArray().forEach(tensor -> histories.add(historyOf(tensor)));
    } else {
      histories.add(historyOf(args));
    }
    return histories;
  }

  private static JsonArray historyOf(JsonElement tensor) {
    return tensor.getAsJsonObject().getAsJsonObject("config").getAsJsonArray("keras_history");
  }
}
