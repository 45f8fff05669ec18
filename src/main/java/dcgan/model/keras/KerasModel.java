package dcgan.model.keras;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dcgan.data.DataException;
import dcgan.model.Layer;
import dcgan.model.ModelSpec;
import dcgan.model.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.tensorflow.ndarray.Shape;

/**
 * A Keras Sequential model's architecture, read from the JSON that {@code model.to_json()} writes,
 * the {@code config.json} inside a {@code .keras} file or the {@code model_config} of a legacy
 * {@code .h5} file, in Keras 2's and Keras 3's forms.
 * Only the architecture: the networks start from weights drawn with the run's seed, as the
 * tutorial's do. Every layer is checked when the file is read, so an unsupported layer or setting
 * is one error naming it and its position before anything else happens.
 */
public final class KerasModel implements ModelSpec {

  /** Keras layer names become TensorFlow name scopes, which allow these characters. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.][A-Za-z0-9_.\\-]*");

  private final String source;
  private final String text;
  private final String name;
  private final long[] declaredInput;
  private final List<JsonObject> layerEntries;
  private final boolean hasWeights;

  private KerasModel(String source, String text, String name, long[] declaredInput, List<JsonObject> layerEntries,
      boolean hasWeights) {
    this.source = source;
    this.text = text;
    this.name = name;
    this.declaredInput = declaredInput;
    this.layerEntries = layerEntries;
    this.hasWeights = hasWeights;
  }

  /**
   * Reads {@code file}: a {@code .keras} archive (its {@code config.json}), a legacy {@code .h5} model (its {@code
   * model_config}) or a JSON file.
   *
   * @throws DataException if it is missing, not JSON, not a Sequential model, or uses a layer or setting that is not supported
   */
  public static KerasModel read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataException(file + ": no such model file; pass the JSON that model.to_json() writes, or a .keras file");
    }
    if (KerasWeights.isHdf5(file)) {
      String config = KerasH5.modelConfig(file).orElseThrow(() -> new DataException(file + " holds weights only"
          + " (model.save_weights), no architecture; pass the JSON that model.to_json() writes, or a whole model's .keras or .h5"));
      return parse(config, file + "!model_config", true);
    }
    try {
      if (KerasWeights.isZip(file)) {
        return readArchive(file);
      }
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), false);
    } catch (IOException e) {
      throw new DataException(file + " cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static KerasModel readArchive(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry config = zip.getEntry("config.json");
      if (config == null) {
        throw new DataException(file + " is a zip archive without config.json, so not a .keras model file");
      }
      try (InputStream in = zip.getInputStream(config)) {
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return parse(json, file + "!config.json", zip.getEntry("model.weights.h5") != null);
      }
    } catch (java.util.zip.ZipException e) {
      throw new DataException(file + " is a damaged zip archive (" + e.getMessage() + "); save the .keras file again", e);
    }
  }

  /** Parses a model's JSON text; {@code source} names it in errors. */
  public static KerasModel parse(String json, String source) {
    return parse(json, source, false);
  }

  private static KerasModel parse(String json, String source, boolean hasWeights) {
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new DataException(source + " is not valid JSON (" + e.getMessage() + ")", e);
    }
    if (!root.isJsonObject() || !root.getAsJsonObject().has("class_name")) {
      throw new DataException(source + " is not a Keras model config: it has no class_name (write it with model.to_json())");
    }
    JsonObject model = root.getAsJsonObject();
    String className = model.get("class_name").getAsString();
    if (!className.equals("Sequential")) {
      throw new DataException(source + " is a " + className + " model; training takes Sequential models only (a stack of layers,"
          + " one input, one output); Generate, Evaluate and Compare also draw from Functional generators");
    }
    JsonElement configElement = model.get("config");
    JsonObject config = configElement != null && configElement.isJsonObject() ? configElement.getAsJsonObject() : new JsonObject();
    JsonElement layersElement = configElement != null && configElement.isJsonArray() ? configElement : config.get("layers"); // very old Keras: a bare list
    if (layersElement == null || !layersElement.isJsonArray() || layersElement.getAsJsonArray().isEmpty()) {
      throw new DataException(source + ": the Sequential model has no layers");
    }
    List<JsonObject> entries = new ArrayList<>();
    for (JsonElement e : layersElement.getAsJsonArray()) {
      if (!e.isJsonObject() || !e.getAsJsonObject().has("class_name")) {
        throw new DataException(source + ": layer " + (entries.size() + 1) + " is not a {\"class_name\": ..., \"config\": ...} object");
      }
      entries.add(e.getAsJsonObject());
    }
    long[] input = null;
    if (className(entries.get(0)).equals("InputLayer")) {
      input = inputShape(config(entries.get(0)), "batch_shape", "batch_input_shape");
      checkDtype(source, 0, config(entries.get(0)));
      entries.remove(0);
      if (entries.isEmpty()) {
        throw new DataException(source + ": the Sequential model has an InputLayer and no other layer");
      }
    }
    if (input == null) {
      input = inputShape(config(entries.get(0)), "batch_input_shape", "batch_shape");
    }
    if (input == null) {
      input = inputShape(config, "build_input_shape");
    }
    String modelName = config.has("name") ? config.get("name").getAsString() : null;
    KerasModel parsed = new KerasModel(source, new Gson().toJson(root), modelName, input, List.copyOf(entries), hasWeights);
    parsed.createLayers(false); // every layer and setting checked now
    return parsed;
  }

  /** The per-example shape in {@code config[key]} ({@code [null, 28, 28, 1]} -> {@code [28, 28, 1]}), or null. */
  private static long[] inputShape(JsonObject config, String... keys) {
    for (String key : keys) {
      JsonElement e = config.get(key);
      if (e != null && e.isJsonArray() && e.getAsJsonArray().size() > 1) {
        JsonArray array = e.getAsJsonArray();
        long[] shape = new long[array.size() - 1];
        for (int i = 1; i < array.size(); i++) {
          shape[i - 1] = array.get(i).isJsonNull() ? -1 : array.get(i).getAsLong();
        }
        return shape;
      }
    }
    return null;
  }

  private static String className(JsonObject entry) {
    return entry.get("class_name").getAsString();
  }

  private static JsonObject config(JsonObject entry) {
    JsonElement c = entry.get("config");
    return c != null && c.isJsonObject() ? c.getAsJsonObject() : new JsonObject();
  }

  /** A layer computing in another dtype than float32 is refused: the precision is {@code --precision}'s. */
  static void checkDtype(String source, int position, JsonObject config) {
    JsonElement dtype = config.get("dtype");
    if (dtype == null || dtype.isJsonNull()) {
      return;
    }
    JsonElement policy = dtype.isJsonObject() && dtype.getAsJsonObject().has("config")
        ? dtype.getAsJsonObject().getAsJsonObject("config").get("name") : dtype; // Keras 3's DTypePolicy object
    if (policy == null || !policy.equals(new JsonPrimitive("float32"))) {
      throw new DataException(source + ": layer " + position + " has dtype " + dtype + "; only float32 layers are supported"
          + " (train in bfloat16 with --precision mixed_bfloat16 instead)");
    }
  }

  /** The layers, unbuilt, each checked; names must be unique and usable as TensorFlow scopes. */
  private List<Layer> createLayers(boolean spectralNorm) {
    List<Layer> layers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < layerEntries.size(); i++) {
      LayerConfig c = new LayerConfig(source, i + 1, layerEntries.size(), className(layerEntries.get(i)), config(layerEntries.get(i)));
      checkDtype(source, i + 1, config(layerEntries.get(i)));
      String layerName = c.name();
      if (layerName != null && (!NAME.matcher(layerName).matches() || !names.add(layerName))) {
        throw c.error(names.contains(layerName) && NAME.matcher(layerName).matches() ? "its name is used by another layer"
            : "its name must be letters, digits, '_', '.' or '-'");
      }
      c.ignore("batch_input_shape", "batch_shape", "input_shape"); // the model's input, read above
      layers.add(KerasLayers.create(c, spectralNorm));
    }
    return layers;
  }

  @Override
  public Sequential sequential(String scope, Shape input, Shape expectedOutput, boolean spectralNorm) {
    if (declaredInput != null && !Arrays.equals(declaredInput, input.asArray())) {
      throw new DataException(source + " declares the input " + Sequential.kerasShape(withBatch(declaredInput)) + ", but the "
          + scope + " is fed " + Sequential.kerasShape(withBatch(input.asArray())) + hint(scope));
    }
    String modelName = name == null || !NAME.matcher(name).matches() ? null : name;
    return new Sequential(scope, input, createLayers(spectralNorm), modelName, expectedOutput);
  }

  private static String hint(String scope) {
    return scope.equals("generator") ? " (noise_dim, plus the class count with --conditional; set --noise-dim or the model's input)"
        : " (the images' rows, columns and channels, plus 10 channels with --conditional)";
  }

  private static Shape withBatch(long[] perExample) {
    long[] dims = new long[perExample.length + 1];
    dims[0] = -1;
    System.arraycopy(perExample, 0, dims, 1, perExample.length);
    return Shape.of(dims);
  }

  /** The per-example input shape the file declares, or null when it declares none (the trainer's input is used). */
  public long[] declaredInput() {
    return declaredInput == null ? null : declaredInput.clone();
  }

  /** Whether the file came with weights ({@code model.weights.h5} in a {@code .keras} archive), which are not loaded. */
  public boolean hasWeights() {
    return hasWeights;
  }

  @Override
  public String fingerprint() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KerasModel other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
