package dcgan.model.keras;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dcgan.data.DataException;
import dcgan.model.Layer;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import dcgan.model.keras.KerasWeights.Values;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Keras 3's {@code .keras} files: a zip of {@code metadata.json}, {@code config.json} (the model,
 * {@link Sequential#kerasConfig()}) and {@code model.weights.h5}, whose datasets sit at {@code
 * layers/<layer name>/vars/<i>} in each layer's weight order (Dense: kernel, bias;
 * BatchNormalization: gamma, beta, moving_mean, moving_variance), as {@code model.save("x.keras")}
 * lays them out, so that {@code keras.models.load_model} opens them. The HDF5 is written and read
 * by jHDF, in pure Java.
 */
public final class KerasArchive {

  /** The Keras version the files say they were written by: the format they follow. */
  static final String KERAS_VERSION = "3.15.1";

  private KerasArchive() {}

  /**
   * One layer's weights as a file keeps them: at {@code layers/<path>/vars} in {@code
   * model.weights.h5}, for the layer named {@code name}, whose weights are named {@code weightNames}
   * ({@code kernel}, {@code bias}; what a legacy {@code .h5} names them by).
   */
  public record LayerState(String path, String name, List<String> weightNames, List<Values> values) {

    /** The state of {@code layer} at {@code path}, holding {@code values}. */
    static LayerState of(String path, Layer layer, List<Values> values) {
      List<String> names = layer.weights().stream().map(Weight::name).limit(values.size()).toList();
      return new LayerState(path, layer.name(), names, values);
    }
  }

  /**
   * The bytes of a {@code .keras} file of {@code model} (built), each layer's values (as {@link
   * Layer#kerasValues} lists them) given by {@code values}.
   *
   * @throws UnsupportedOperationException if a layer has no Keras form
   */
  public static byte[] write(Sequential model, Function<Layer, List<Values>> values) throws IOException {
    return write(model.kerasConfig(), states(model, values));
  }

  /** Each layer's state, at Keras's state paths, its values given by {@code values}. */
  public static List<LayerState> states(Sequential model, Function<Layer, List<Values>> values) {
    List<String> paths = statePaths(model);
    List<LayerState> states = new ArrayList<>();
    for (int l = 0; l < model.layers().size(); l++) {
      Layer layer = model.layers().get(l);
      states.add(LayerState.of(paths.get(l), layer, values.apply(layer)));
    }
    return states;
  }

  /** The bytes of a {@code .keras} file of the model {@code config} describes, its layers' weights {@code states}. */
  public static byte[] write(JsonObject config, List<LayerState> states) throws IOException {
    String text = new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(config);
    JsonObject metadata = new JsonObject();
    metadata.addProperty("keras_version", KERAS_VERSION);
    metadata.addProperty("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      stored(out, "metadata.json", metadata.toString().getBytes(StandardCharsets.UTF_8));
      stored(out, "config.json", text.getBytes(StandardCharsets.UTF_8));
      stored(out, "model.weights.h5", weightsFile(states));
    }
    return zip.toByteArray();
  }

  /** A zip entry stored uncompressed, as Keras writes them. */
  private static void stored(ZipOutputStream out, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    out.putNextEntry(entry);
    out.write(bytes);
    out.closeEntry();
  }

  /** {@code model.weights.h5}: {@code layers/<path>/vars/<i>} for every layer that has weights. */
  private static byte[] weightsFile(List<LayerState> states) throws IOException {
    Path temporary = Files.createTempFile("weights-", ".h5");
    try {
      try (WritableHdfFile h5 = HdfFile.write(temporary)) {
        // Groups only for layers that have weights, and no root "vars" (the model's own: none): Keras reads a group only
        // where present, and jHDF 0.10 writes some empty groups that follow ones holding datasets with an object header
        // the HDF5 library cannot read.
        WritableGroup layers = h5.putGroup("layers");
        for (LayerState state : states) {
          if (state.values().isEmpty()) {
            continue;
          }
          WritableGroup vars = layers.putGroup(state.path()).putGroup("vars");
          vars.putAttribute("name", state.name());
          for (int i = 0; i < state.values().size(); i++) {
            vars.putDataset(Integer.toString(i), nested(state.values().get(i).values(), state.values().get(i).shape()));
          }
        }
      }
      return Files.readAllBytes(temporary);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Where Keras keeps each layer's weights, under {@code layers/}: not the layer's name but its
   * class name in snake case, numbered within the model ({@code dense}, {@code dense_1}, ...), as
   * Keras 3's saving walks a model's layers.
   */
  public static List<String> statePaths(Sequential model) {
    return statePaths(model.layers().stream().map(Layer::type).toList());
  }

  /** The state paths of layers of the Keras classes {@code types}, in a model's layer order. */
  public static List<String> statePaths(List<String> types) {
    Map<String, Integer> used = new java.util.HashMap<>();
    List<String> paths = new ArrayList<>();
    for (String type : types) {
      String base = Layer.kerasBaseName(type);
      int n = used.merge(base, 1, Integer::sum) - 1;
      paths.add(n == 0 ? base : base + "_" + n);
    }
    return paths;
  }

  /** A flat row-major array as the nested Java array of {@code shape} that jHDF writes as a dataset of that shape. */
  static Object nested(float[] flat, long[] shape) {
    if (shape.length == 1) {
      return flat.clone();
    }
    int outer = (int) shape[0];
    int inner = flat.length / outer;
    long[] rest = java.util.Arrays.copyOfRange(shape, 1, shape.length);
    Object first = nested(java.util.Arrays.copyOfRange(flat, 0, inner), rest);
    Object array = Array.newInstance(first.getClass(), outer);
    Array.set(array, 0, first);
    for (int i = 1; i < outer; i++) {
      Array.set(array, i, nested(java.util.Arrays.copyOfRange(flat, i * inner, (i + 1) * inner), rest));
    }
    return array;
  }

  /** The bytes of {@code name} in the zip {@code file}. */
  public static byte[] entry(Path file, String name) {
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals(name)) {
          return zip.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new DataException(file + " is not a readable .keras file (" + e.getMessage() + ")", e);
    }
    throw new DataException(file + " holds no " + name + ": it is not a .keras file of a model with weights");
  }
}
