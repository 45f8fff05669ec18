package dcgan.persistence;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dcgan.data.DataException;
import dcgan.data.ImageShape;
import dcgan.losses.DiffAugment;
import dcgan.losses.GanLoss;
import dcgan.model.Architecture;
import dcgan.model.GanSpec;
import dcgan.model.Labels;
import dcgan.model.ModelSpec;
import dcgan.model.Precision;
import dcgan.model.keras.KerasModel;
import dcgan.training.Objective;
import dcgan.training.TrainConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run's {@link GanSpec} and {@link TrainConfig} as the JSON that checkpoints and SavedModels
 * keep, read back into the same types, and compared field by field when a run is resumed:
 *
 * <pre>{@code
 * {"format": 1,
 *  "networks": {"image": "28x28x1", "noise_dim": 100, "labels": "none", "architecture": "tutorial",
 *               "generator_model": null, "discriminator_model": null, "spectral_norm": false, "precision": "float32"},
 *  "training": {"epochs": 50, "batch_size": 256, "buffer_size": 60000, "num_examples": 16, "learning_rate": 0.0001,
 *               "adam_beta1": 0.9, "adam_beta2": 0.999, "loss": "tutorial", "gradient_penalty": 0,
 *               "critic_steps": 1, "seed": 42, "threads": 2},
 *  "data": "60000x28x28:crc32=..."}
 * }</pre>
 *
 * A network from a model file is {@code {"source": ..., "fingerprint": ..., "text": ...}}, so that
 * the file alone rebuilds it; a conditional GAN's labels are {@code {"classes": 10}}.
 */
public final class SpecJson {

  /** The version of this layout. */
  static final int FORMAT = 1;
  /** The settings a resumed run may change: they do not change what is computed. */
  private static final Set<String> MAY_CHANGE = Set.of("training.epochs", "training.threads");

  private SpecJson() {}

  /** The whole run: networks, training settings and the data's fingerprint. */
  public static JsonObject run(TrainConfig config, String dataFingerprint) {
    JsonObject json = new JsonObject();
    json.addProperty("format", FORMAT);
    json.add("networks", networks(config.networks()));
    json.add("training", training(config));
    json.addProperty("data", dataFingerprint);
    return json;
  }

  /** The networks alone, as a SavedModel keeps them. */
  public static JsonObject networks(GanSpec spec) {
    JsonObject json = new JsonObject();
    json.addProperty("image", spec.image().toString());
    json.addProperty("noise_dim", spec.noiseDim());
    json.add("labels", labels(spec.labels()));
    json.addProperty("architecture", spec.architecture().id());
    json.add("generator_model", model(spec.generatorModel()));
    json.add("discriminator_model", model(spec.discriminatorModel()));
    json.addProperty("spectral_norm", spec.spectralNorm());
    json.addProperty("precision", spec.precision().toString());
    return json;
  }

  private static JsonElement labels(Labels labels) {
    if (!labels.conditional()) {
      return new JsonPrimitive("none");
    }
    JsonObject json = new JsonObject();
    json.addProperty("classes", labels.classes());
    return json;
  }

  private static JsonElement model(Optional<ModelSpec> model) {
    if (model.isEmpty()) {
      return JsonNull.INSTANCE;
    }
    JsonObject json = new JsonObject();
    json.addProperty("source", model.get().source());
    json.addProperty("fingerprint", model.get().fingerprint());
    json.addProperty("text", model.get().text());
    return json;
  }

  private static JsonObject training(TrainConfig c) {
    JsonObject json = new JsonObject();
    json.addProperty("epochs", c.epochs());
    json.addProperty("batch_size", c.batchSize());
    json.addProperty("buffer_size", c.bufferSize());
    json.addProperty("num_examples", c.numExamples());
    json.add("learning_rate", number(c.learningRate()));
    if (c.discriminatorLearningRate() != c.learningRate()) { // only then: settings of either rule read the same as before it
      json.add("discriminator_learning_rate", number(c.discriminatorLearningRate()));
    }
    json.add("adam_beta1", number(c.adamBeta1()));
    json.add("adam_beta2", number(c.adamBeta2()));
    json.addProperty("loss", c.objective().loss().id());
    json.add("gradient_penalty", number(c.objective().gradientPenalty()));
    json.addProperty("critic_steps", c.objective().criticSteps());
    if (!c.objective().augment().none()) { // new settings only where set: a run without them reads the same as before they existed
      json.addProperty("augment", c.objective().augment().id());
    }
    if (c.averagesGenerator()) {
      json.add("ema", number(c.emaDecay()));
    }
    json.addProperty("seed", c.seed());
    json.addProperty("threads", c.threads());
    return json;
  }

  /** A float as its shortest plain decimal ({@code 0.0001}, not {@code 1.0000000474974513E-4}), which reads back to the same float. */
  static JsonPrimitive number(float value) {
    BigDecimal shortest = new BigDecimal(Float.toString(value)).stripTrailingZeros();
    return new JsonPrimitive(shortest.scale() < 0 ? shortest.setScale(0) : shortest);
  }

  /** Pretty-printed JSON text. */
  public static String text(JsonObject json) {
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json);
  }

  /**
   * Parses JSON text that {@link #text} wrote.
   *
   * @throws DataException naming {@code source} if it is not JSON of this layout
   */
  public static JsonObject parse(String text, String source) {
    try {
      JsonObject json = JsonParser.parseString(text).getAsJsonObject();
      if (!json.has("format") || json.get("format").getAsInt() > FORMAT) {
        throw new DataException(source + " holds settings of a newer or unknown format; update this project to read it");
      }
      return json;
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new DataException(source + " holds settings that are not this project's JSON (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The networks that {@code json} (a {@link #networks} object) describes.
   *
   * @throws DataException naming {@code source} if a field is missing or wrong
   */
  public static GanSpec ganSpec(JsonObject json, String source) {
    try {
      JsonElement labels = json.get("labels");
      return new GanSpec(ImageShape.parse(json.get("image").getAsString()), json.get("noise_dim").getAsInt(),
          labels.isJsonObject() ? Labels.of(labels.getAsJsonObject().get("classes").getAsInt()) : Labels.NONE,
          Architecture.parse(json.get("architecture").getAsString()),
          modelFile(json.get("generator_model"), source + "'s generator model"),
          modelFile(json.get("discriminator_model"), source + "'s discriminator model"), json.get("spectral_norm").getAsBoolean(),
          Precision.ofKerasName(json.get("precision").getAsString()));
    } catch (RuntimeException e) {
      if (e instanceof DataException) {
        throw e;
      }
      throw new DataException(source + " holds networks this project cannot rebuild (" + e + ")", e);
    }
  }

  private static Optional<ModelSpec> modelFile(JsonElement json, String source) {
    if (json == null || json.isJsonNull()) {
      return Optional.empty();
    }
    return Optional.of(KerasModel.parse(json.getAsJsonObject().get("text").getAsString(), source));
  }

  /** The training settings of a {@link #run} object, for the networks {@code networks}. */
  public static TrainConfig trainConfig(JsonObject run, GanSpec networks, String source) {
    try {
      JsonObject t = run.getAsJsonObject("training");
      return new TrainConfig(networks, t.get("epochs").getAsInt(), t.get("batch_size").getAsInt(), t.get("buffer_size").getAsInt(),
          t.get("num_examples").getAsInt(), t.get("learning_rate").getAsFloat(),
          (t.has("discriminator_learning_rate") ? t.get("discriminator_learning_rate") : t.get("learning_rate")).getAsFloat(),
          t.get("adam_beta1").getAsFloat(),
          t.get("adam_beta2").getAsFloat(), new Objective(GanLoss.parse(t.get("loss").getAsString()),
          t.get("gradient_penalty").getAsFloat(), t.get("critic_steps").getAsInt(),
          t.has("augment") ? DiffAugment.parse(t.get("augment").getAsString()) : DiffAugment.NONE),
          t.has("ema") ? t.get("ema").getAsFloat() : 0f, t.get("seed").getAsLong(), t.get("threads").getAsInt());
    } catch (RuntimeException e) {
      throw new DataException(source + " holds training settings this project cannot read (" + e + ")", e);
    }
  }

  /**
   * Where two runs differ in what must match for one to continue the other: {@code
   * networks.noise_dim: 64 against 100}, one line per field; empty when it can continue. A model
   * file counts by its fingerprint, and {@link #MAY_CHANGE} not at all.
   */
  public static List<Difference> differences(JsonObject saved, JsonObject wanted) {
    List<Difference> out = new ArrayList<>();
    compare("", withBothRates(saved), withBothRates(wanted), out);
    return out;
  }

  /** Settings that name the discriminator's learning rate even where it is the generator's (kept only where it differs). */
  private static JsonObject withBothRates(JsonObject run) {
    JsonObject t = run.has("training") && run.get("training").isJsonObject() ? run.getAsJsonObject("training") : null;
    if (t == null || t.has("discriminator_learning_rate") || !t.has("learning_rate")) {
      return run;
    }
    JsonObject copy = run.deepCopy();
    copy.getAsJsonObject("training").add("discriminator_learning_rate", t.get("learning_rate"));
    return copy;
  }

  /** One field that differs, as {@code path}: the saved value and this run's. */
  public record Difference(String field, String saved, String wanted) {
    @Override
    public String toString() {
      return field + " is " + saved + " there, " + wanted + " here";
    }
  }

  private static void compare(String path, JsonElement saved, JsonElement wanted, List<Difference> out) {
    if (MAY_CHANGE.contains(path) || path.equals("format") || path.endsWith(".source") || path.endsWith(".text")) {
      return;
    }
    if (saved != null && wanted != null && saved.isJsonObject() && wanted.isJsonObject()) {
      Set<String> keys = new java.util.LinkedHashSet<>(saved.getAsJsonObject().keySet());
      keys.addAll(wanted.getAsJsonObject().keySet());
      for (String key : keys) {
        compare(path.isEmpty() ? key : path + "." + key, saved.getAsJsonObject().get(key), wanted.getAsJsonObject().get(key), out);
      }
      return;
    }
    if (!String.valueOf(saved).equals(String.valueOf(wanted))) {
      out.add(new Difference(path, show(saved), show(wanted)));
    }
  }

  private static String show(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return "none";
    }
    if (value.isJsonObject() && value.getAsJsonObject().has("fingerprint")) {
      return "the model file " + value.getAsJsonObject().get("source").getAsString();
    }
    String text = value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : value.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  /** The command-line option that sets a field, for the advice in a message; the field itself where none does. */
  static String option(String field) {
    for (String f = field; !f.isEmpty(); f = f.contains(".") ? f.substring(0, f.lastIndexOf('.')) : "") {
      if (OPTIONS.containsKey(f)) {
        return OPTIONS.get(f);
      }
    }
    return field;
  }

  private static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("networks.image", "--image-size"),
      Map.entry("networks.noise_dim", "--noise-dim"), Map.entry("networks.labels", "--conditional"),
      Map.entry("networks.architecture", "--architecture"), Map.entry("networks.generator_model", "--generator-model"),
      Map.entry("networks.discriminator_model", "--discriminator-model"), Map.entry("networks.spectral_norm", "--spectral-norm"),
      Map.entry("networks.precision", "--precision"), Map.entry("training.batch_size", "--batch-size"),
      Map.entry("training.buffer_size", "--buffer-size"), Map.entry("training.num_examples", "--num-examples"),
      Map.entry("training.learning_rate", "--learning-rate or --generator-learning-rate"), Map.entry("training.discriminator_learning_rate", "--discriminator-learning-rate"), Map.entry("training.adam_beta1", "--adam-beta1"),
      Map.entry("training.adam_beta2", "--adam-beta2"), Map.entry("training.loss", "--loss"),
      Map.entry("training.gradient_penalty", "--gradient-penalty"), Map.entry("training.critic_steps", "--critic-steps"),
      Map.entry("training.augment", "--augment"), Map.entry("training.ema", "--ema"),
      Map.entry("training.seed", "--seed"), Map.entry("data", "--data and --limit"));
}
