package dcgan.model.keras;

import dcgan.data.DataException;
import dcgan.model.Layer;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * The weights a Keras file holds, in either of Keras's two layouts, and the op that puts them into
 * a model's variables. Reads, in pure Java (jHDF):
 *
 * <ul>
 *   <li>Keras 3's layout: {@code layers/<state path>/vars/<i>}, in a {@code .keras} file's {@code
 *       model.weights.h5} and in what {@code save_weights("x.weights.h5")} writes; found by state
 *       path ({@code dense_1}, or {@code sequential/layers/dense} inside a nested model).
 *   <li>The legacy HDF5 layout of tf.keras 2 (and of Keras 3's {@code model.save("x.h5")}): one
 *       group per top-level layer, named by the {@code layer_names} attribute, whose {@code
 *       weight_names} attribute names its datasets in order; under {@code model_weights/} in a whole
 *       model's {@code .h5}, at the root in what {@code save_weights("x.h5")} writes. Matched to the
 *       model's layers with weights in order, as Keras's {@code load_weights} matches them; a
 *       nested model's group holds its trainable weights first, then the others, as Keras lists them.
 * </ul>
 */
public final class KerasWeights {

  /** The first bytes of every HDF5 file. */
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /** One weight as a file holds it. */
  public record Values(long[] shape, float[] values) {}

  /**
   * A layer with weights in the model the weights go into.
   *
   * @param statePath where Keras 3 keeps its weights under {@code layers/}
   * @param group the top-level layer it belongs to (itself, or the nested model holding it): one legacy group
   * @param description how errors name it, e.g. {@code layer 3 (dense_1 (Dense))}
   * @param weights its variables, in Keras's order
   */
  public record Slot(String statePath, String group, String description, List<Weight> weights) {}

  /** One legacy group: a top-level layer's name and its weights in order. */
  private record LegacyGroup(String name, List<Values> values) {}

  private final String source;
  private final Map<String, List<Values>> byPath; // Keras 3's layout, or null
  private final List<LegacyGroup> inOrder; // the legacy layout, or null

  private KerasWeights(String source, Map<String, List<Values>> byPath, List<LegacyGroup> inOrder) {
    this.source = source;
    this.byPath = byPath;
    this.inOrder = inOrder;
  }

  /** Whether {@code file} starts as an HDF5 file does. */
  public static boolean isHdf5(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(HDF5_SIGNATURE.length), HDF5_SIGNATURE);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The weights in {@code file}: a {@code .keras} archive, a whole model's legacy {@code .h5}, or
   * what {@code save_weights} writes ({@code .weights.h5} or legacy {@code .h5}).
   *
   * @throws DataException naming the file if it is neither a zip nor HDF5, holds no weights in
   *     either layout, or a weight is not float32
   */
  public static KerasWeights read(Path file) {
    if (!isHdf5(file) && !isZip(file)) {
      throw new DataException(file + " is neither a .keras file (a zip) nor an HDF5 file (.h5): another kind of file, or a damaged"
          + " download; save the model again with model.save(\"x.keras\") or model.save(\"x.h5\")");
    }
    if (isHdf5(file)) {
      try (HdfFile hdf = new HdfFile(file)) {
        return of(file.toString(), hdf);
      } catch (RuntimeException e) {
        throw unreadable(file.toString(), e);
      }
    }
    byte[] h5 = KerasArchive.entry(file, "model.weights.h5");
    try (HdfFile hdf = HdfFile.fromBytes(h5)) {
      return of(file.toString(), hdf);
    } catch (RuntimeException e) {
      throw unreadable(file + "!model.weights.h5", e);
    }
  }

  /** Whether {@code file} starts as a zip archive (a {@code .keras} file) does. */
  static boolean isZip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    } catch (IOException e) {
      return false;
    }
  }

  private static DataException unreadable(String source, RuntimeException e) {
    return e instanceof DataException d ? d : new DataException(source + " does not read as HDF5 (" + e.getMessage()
        + "); it may be truncated: save it again", e);
  }

  private static KerasWeights of(String source, HdfFile hdf) {
    if (hdf.getChild("model_weights") instanceof Group weights) {
      return new KerasWeights(source, null, legacy(source, weights));
    }
    if (hdf.getAttributes().containsKey("layer_names") || hdf.getAttributes().containsKey("layer_names0")) {
      return new KerasWeights(source, null, legacy(source, hdf));
    }
    if (hdf.getChild("layers") instanceof Group layers) {
      Map<String, List<Values>> byPath = new LinkedHashMap<>();
      keras3(source, layers, "", byPath);
      return new KerasWeights(source, byPath, null);
    }
    throw new DataException(source + " is HDF5 but holds no Keras weights (no model_weights, layer_names or layers): save the"
        + " model with model.save(\"x.keras\") or model.save(\"x.h5\"), or its weights with model.save_weights");
  }

  /** Keras 3: every {@code <path>/vars} under {@code layers}, nested models' layers as {@code <path>/layers/<inner>}. */
  private static void keras3(String source, Group layers, String prefix, Map<String, List<Values>> byPath) {
    for (Node layer : layers) {
      if (!(layer instanceof Group group)) {
        continue;
      }
      String path = prefix + layer.getName();
      List<Values> vars = new ArrayList<>();
      if (group.getChild("vars") instanceof Group varsGroup) {
        for (int i = 0; varsGroup.getChild(Integer.toString(i)) instanceof Dataset dataset; i++) {
          vars.add(values(source, path, dataset));
        }
      }
      byPath.put(path, vars);
      if (group.getChild("layers") instanceof Group inner) {
        keras3(source, inner, path + "/layers/", byPath);
      }
    }
  }

  /** The legacy layout: the groups {@code layer_names} lists, those with weights, in its order. */
  private static List<LegacyGroup> legacy(String source, Group root) {
    List<LegacyGroup> groups = new ArrayList<>();
    for (String name : strings(root, "layer_names")) {
      if (!(root.getChild(name) instanceof Group group)) {
        throw new DataException(source + " lists the layer " + name + " in layer_names but holds no group of that name: the file"
            + " is damaged; save it again");
      }
      List<Values> values = new ArrayList<>();
      for (String weight : strings(group, "weight_names")) {
        Node held;
        try {
          held = group.getByPath(weight);
        } catch (RuntimeException e) { // jHDF throws where the path leads nowhere
          held = null;
        }
        if (!(held instanceof Dataset dataset)) {
          throw new DataException(source + ": layer " + name + " names the weight " + weight + ", which it does not hold");
        }
        values.add(values(source, name, dataset));
      }
      if (!values.isEmpty()) {
        groups.add(new LegacyGroup(name, values));
      }
    }
    return groups;
  }

  /** A string-list attribute, also when Keras split a long one into {@code name0}, {@code name1}, ... */
  private static List<String> strings(Node node, String name) {
    Map<String, Attribute> attributes = node.getAttributes();
    List<String> all = new ArrayList<>();
    if (attributes.containsKey(name)) {
      addStrings(attributes.get(name), all);
    }
    for (int i = 0; attributes.containsKey(name + i); i++) {
      addStrings(attributes.get(name + i), all);
    }
    return all;
  }

  private static void addStrings(Attribute attribute, List<String> into) {
    if (attribute.isEmpty()) {
      return; // an empty float64 array is how Keras writes "no weights"
    }
    Object data = attribute.getData();
    if (data instanceof String s) {
      into.add(s);
    } else if (data instanceof String[] strings) {
      into.addAll(Arrays.asList(strings));
    }
  }

  private static Values values(String source, String layer, Dataset dataset) {
    long[] shape = Arrays.stream(dataset.getDimensions()).asLongStream().toArray();
    Object data = dataset.getDataFlat();
    if (!(data instanceof float[] flat)) {
      throw new DataException(source + ": layer " + layer + "'s weight " + dataset.getName() + " is " + dataset.getJavaType()
          + ", not float32");
    }
    return new Values(shape, flat);
  }

  /** The layers with weights of {@code model}, each its own group, at Keras's state paths. */
  public static List<Slot> slots(Sequential model) {
    return slots(model.layers(), KerasArchive.statePaths(model), "", null);
  }

  /**
   * The layers with weights among {@code layers}, at the state paths {@code paths} (each after
   * {@code prefix}); each its own legacy group, or all in {@code group} when not null (a nested model).
   */
  static List<Slot> slots(List<Layer> layers, List<String> paths, String prefix, String group) {
    List<Slot> slots = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      Layer layer = layers.get(l);
      if (!layer.weights().isEmpty()) {
        slots.add(new Slot(prefix + paths.get(l), group != null ? group : layer.name(), "layer " + (l + 1) + " (" + layer + ")",
            layer.weights()));
      }
    }
    return slots;
  }

  /**
   * The op that assigns these weights to the variables of {@code slots}.
   *
   * @throws DataException naming the file and the layer if a weight is missing, extra or of another shape
   */
  public Op assign(Ops tf, List<Slot> slots) {
    List<Op> assigns = new ArrayList<>();
    if (byPath != null) {
      for (Slot slot : slots) {
        List<Values> vars = byPath.getOrDefault(slot.statePath(), List.of());
        assign(tf, slot.description(), slot.weights(), vars, "layers/" + slot.statePath() + "/vars", assigns);
      }
    } else {
      Map<String, List<Weight>> groups = new LinkedHashMap<>();
      slots.forEach(s -> groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).addAll(s.weights()));
      if (groups.size() != inOrder.size()) {
        throw new DataException(source + " holds weights for " + inOrder.size() + " layers ("
            + String.join(", ", inOrder.stream().map(LegacyGroup::name).toList()) + "), but the model has " + groups.size()
            + " layers with weights (" + String.join(", ", groups.keySet()) + "): it is another model's");
      }
      int i = 0;
      for (Map.Entry<String, List<Weight>> group : groups.entrySet()) {
        LegacyGroup held = inOrder.get(i++);
        assign(tf, "layer " + group.getKey(), trainableFirst(group.getValue()), held.values(), "the group " + held.name(), assigns);
      }
    }
    return tf.withControlDependencies(assigns).noOp();
  }

  /** A nested model's weights as Keras lists them: the trainable ones in layer order, then the others. */
  private static List<Weight> trainableFirst(List<Weight> weights) {
    List<Weight> ordered = new ArrayList<>(weights.stream().filter(Weight::trainable).toList());
    ordered.addAll(weights.stream().filter(w -> !w.trainable()).toList());
    return ordered;
  }

  private void assign(Ops tf, String layer, List<Weight> weights, List<Values> vars, String where, List<Op> assigns) {
    if (vars.size() != weights.size()) {
      throw new DataException(source + ": " + layer + " has " + weights.size() + " weights, but the file holds " + vars.size()
          + " at " + where);
    }
    for (int i = 0; i < vars.size(); i++) {
      Weight w = weights.get(i);
      if (!Arrays.equals(w.shape().asArray(), vars.get(i).shape())) {
        throw new DataException(source + ": " + layer + "'s " + w.name() + " is " + Arrays.toString(w.shape().asArray())
            + ", but the file holds " + Arrays.toString(vars.get(i).shape()) + " at " + where);
      }
      assigns.add(tf.assign(w.variable(), tf.constant(Shape.of(vars.get(i).shape()), DataBuffers.of(vars.get(i).values()))));
    }
  }

  /** The Keras 3 layout's weights by state path, for tests and tools; null for a legacy file. */
  public Map<String, List<Values>> byStatePath() {
    return byPath;
  }
}
