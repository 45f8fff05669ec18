package dcgan.persistence;

import dcgan.model.GanModel;
import dcgan.model.Layer;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import dcgan.training.Adam;
import dcgan.training.TrainStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject;

/**
 * Names every variable of the train step as the Python tutorial's {@code tf.train.Checkpoint(
 * generator_optimizer=..., discriminator_optimizer=..., generator=..., discriminator=...)} names it,
 * e.g. {@code generator/layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE} or, for an Adam slot,
 * {@code .../kernel/.OPTIMIZER_SLOT/generator_optimizer/m/.ATTRIBUTES/VARIABLE_VALUE}, and builds the
 * {@code _CHECKPOINTABLE_OBJECT_GRAPH} that tells Python's object-based restore which object each
 * key belongs to.
 */
public final class CheckpointLayout {

  /** The key of the serialized {@code TrackableObjectGraph}. */
  public static final String OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";
  /** {@code tf.train.Checkpoint}'s own counter of saves: ckpt-N has save_counter N. */
  public static final String SAVE_COUNTER_KEY = "save_counter/.ATTRIBUTES/VARIABLE_VALUE";
  private static final String VALUE = "/.ATTRIBUTES/VARIABLE_VALUE";

  /** A checkpoint key and the graph variable it holds. */
  public record Entry(String key, Variable<?> variable) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Node root = new Node();

  /** The layout of {@code step}'s two models and two optimizers. */
  public CheckpointLayout(TrainStep step) {
    add(step.generator(), step.generatorOptimizer());
    add(step.discriminator(), step.discriminatorOptimizer());
    step.model().averagedGenerator().ifPresent(averaged -> add(averaged, null));
    root.child("save_counter", Node.variable("save_counter", SAVE_COUNTER_KEY));
  }

  /** One network's weights, and its optimizer's state where it has one (the averaged generator has none). */
  private void add(Sequential model, Adam optimizer) {
    Node modelNode = root.child(model.scope(), new Node());
    Node optimizerNode = optimizer == null ? new Node() : root.child(optimizer.name(), new Node());
    List<Layer> withWeights = model.layersWithWeights();
    for (int i = 0; i < model.layers().size(); i++) {
      Layer layer = model.layers().get(i);
      int n = withWeights.indexOf(layer);
      Node layerNode = new Node();
      modelNode.child("layer-" + i, layerNode); // Keras lists every layer, and the weighted ones again
      if (n < 0) {
        continue;
      }
      modelNode.child("layer_with_weights-" + n, layerNode);
      for (Weight w : layer.weights()) {
        String path = weightPath(model, n, w);
        Node variable = layerNode.child(w.name(), Node.variable(layer.name() + "/" + w.name(), path + VALUE));
        entries.add(new Entry(path + VALUE, w.variable()));
        Adam.Slots slots = optimizer == null ? null : optimizer.slots().get(w);
        if (slots != null) {
          for (Map.Entry<String, Variable<?>> slot : List.<Map.Entry<String, Variable<?>>>of(
              Map.entry("m", slots.m()), Map.entry("v", slots.v()))) {
            String key = path + "/.OPTIMIZER_SLOT/" + optimizer.name() + "/" + slot.getKey() + VALUE;
            entries.add(new Entry(key, slot.getValue()));
            optimizerNode.slots.add(new SlotRef(variable, slot.getKey(),
                Node.variable("Adam/" + layer.name() + "/" + w.name() + "/" + slot.getKey(), key)));
          }
        }
      }
    }
    if (optimizer == null) {
      return;
    }
    for (Map.Entry<String, Variable<?>> hyper : optimizer.hyperVariables().entrySet()) {
      String key = optimizer.name() + "/" + hyper.getKey() + VALUE;
      optimizerNode.child(hyper.getKey(), Node.variable("Adam/" + hyper.getKey(), key));
      entries.add(new Entry(key, hyper.getValue()));
    }
  }

  /** {@code generator/layer_with_weights-N/kernel}: where the tutorial's checkpoint keeps a weight of a network. */
  private static String weightPath(Sequential model, int layerWithWeights, Weight w) {
    return model.scope() + "/layer_with_weights-" + layerWithWeights + "/" + w.name();
  }

  /** The keys of the networks' weights alone (the averaged generator's too, where it has one), to restore a checkpoint's networks without its optimizers. */
  public static List<Entry> networkEntries(GanModel model) {
    List<Entry> out = new ArrayList<>();
    List<Sequential> networks = new ArrayList<>(List.of(model.generator(), model.discriminator()));
    model.averagedGenerator().ifPresent(networks::add);
    for (Sequential network : networks) {
      List<Layer> withWeights = network.layersWithWeights();
      for (int n = 0; n < withWeights.size(); n++) {
        for (Weight w : withWeights.get(n).weights()) {
          out.add(new Entry(weightPath(network, n, w) + VALUE, w.variable()));
        }
      }
    }
    return out;
  }

  /**
   * The keys of what is trained, without the averaged generator's ({@code --ema}): what a Python
   * tutorial's checkpoint can hold.
   */
  public List<Entry> trainedEntries() {
    return entries.stream().filter(e -> !e.key().startsWith(GanModel.AVERAGED_GENERATOR + "/")).toList();
  }

  /** Every variable's key, models first, in a fixed order. */
  public List<Entry> entries() {
    return Collections.unmodifiableList(entries);
  }

  /** The serialized {@code TrackableObjectGraph}: nodes numbered breadth-first from the root. */
  public byte[] objectGraph() {
    List<Node> order = new ArrayList<>();
    order.add(root);
    for (int i = 0; i < order.size(); i++) {
      Node node = order.get(i);
      node.children.forEach(c -> {
        if (!order.contains(c.node)) {
          order.add(c.node);
        }
      });
      node.slots.forEach(s -> order.add(s.slot));
    }
    TrackableObjectGraph.Builder graph = TrackableObjectGraph.newBuilder();
    for (Node node : order) {
      TrackableObject.Builder object = TrackableObject.newBuilder();
      node.children.forEach(c -> object.addChildren(TrackableObject.ObjectReference.newBuilder()
          .setNodeId(order.indexOf(c.node)).setLocalName(c.name)));
      if (node.key != null) {
        object.addAttributes(TrackableObject.SerializedTensor.newBuilder()
            .setName("VARIABLE_VALUE").setFullName(node.fullName).setCheckpointKey(node.key));
      }
      node.slots.forEach(s -> object.addSlotVariables(TrackableObject.SlotVariableReference.newBuilder()
          .setOriginalVariableNodeId(order.indexOf(s.original)).setSlotName(s.name).setSlotVariableNodeId(order.indexOf(s.slot))));
      graph.addNodes(object);
    }
    return graph.build().toByteArray();
  }

  private record Child(String name, Node node) {}

  private record SlotRef(Node original, String name, Node slot) {}

  /** An object of the Python object graph: a checkpoint, model, layer, optimizer or variable. */
  private static final class Node {
    final List<Child> children = new ArrayList<>();
    final List<SlotRef> slots = new ArrayList<>();
    String fullName;
    String key;

    static Node variable(String fullName, String key) {
      Node node = new Node();
      node.fullName = fullName;
      node.key = key;
      return node;
    }

    Node child(String name, Node node) {
      children.add(new Child(name, node));
      return node;
    }
  }
}
