package dcgan.persistence;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dcgan.data.DataException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the settings of checkpoints written before {@link SpecJson}: one space-separated string,
 * e.g. {@code batch_size=256 buffer_size=60000 noise_dim=100 num_examples=16 learning_rate=1.0E-4
 * seed=42 data=60000x28x28:crc32=... loss=hinge spectral_norm=true conditional=true}, where a
 * setting is written only when it differs from the tutorial's. It becomes the JSON that a new
 * checkpoint holds, so that old checkpoints resume and export as before.
 *
 * <p>The old format kept neither the epochs, the threads (a key of its own), nor the precision:
 * they are taken from {@code current}, the run that reads it.
 */
final class LegacySettings {

  private LegacySettings() {}

  /** Whether {@code settings} is in the old format. */
  static boolean isLegacy(String settings) {
    return !settings.stripLeading().startsWith("{");
  }

  /**
   * The JSON of an old checkpoint's {@code settings}.
   *
   * @param current the run reading it (a {@link SpecJson#run} object): the fields the old format lacks come from it
   * @throws DataException if a setting does not read
   */
  static JsonObject toJson(String settings, JsonObject current, String source) {
    Map<String, String> values = new HashMap<>();
    for (String part : settings.trim().split(" +")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        values.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    try {
      JsonObject run = new JsonObject();
      run.addProperty("format", SpecJson.FORMAT);
      run.add("networks", networks(values, current.getAsJsonObject("networks")));
      run.add("training", training(values, current.getAsJsonObject("training")));
      run.addProperty("data", required(values, "data"));
      return run;
    } catch (NumberFormatException e) {
      throw new DataException(source + " holds settings that do not read (" + e.getMessage() + "): " + settings, e);
    }
  }

  private static JsonObject networks(Map<String, String> values, JsonObject current) {
    JsonObject networks = new JsonObject();
    networks.addProperty("image", values.getOrDefault("image", dcgan.data.ImageShape.MNIST.toString()));
    networks.addProperty("noise_dim", Integer.parseInt(required(values, "noise_dim")));
    if ("true".equals(values.get("conditional"))) {
      JsonObject labels = new JsonObject();
      labels.addProperty("classes", Integer.parseInt(values.getOrDefault("classes", String.valueOf(dcgan.data.Images.CLASSES))));
      networks.add("labels", labels);
    } else {
      networks.addProperty("labels", "none");
    }
    networks.addProperty("architecture", values.getOrDefault("architecture", "tutorial"));
    networks.add("generator_model", model(values.get("generator_model")));
    networks.add("discriminator_model", model(values.get("discriminator_model")));
    networks.addProperty("spectral_norm", "true".equals(values.get("spectral_norm")));
    networks.add("precision", current.get("precision"));
    return networks;
  }

  private static JsonObject training(Map<String, String> values, JsonObject current) {
    JsonObject training = new JsonObject();
    training.add("epochs", current.get("epochs"));
    training.addProperty("batch_size", Integer.parseInt(required(values, "batch_size")));
    training.addProperty("buffer_size", Integer.parseInt(required(values, "buffer_size")));
    training.addProperty("num_examples", Integer.parseInt(required(values, "num_examples")));
    training.add("learning_rate", number(required(values, "learning_rate")));
    training.add("adam_beta1", number(values.getOrDefault("adam_beta1", "0.9")));
    training.add("adam_beta2", number(values.getOrDefault("adam_beta2", "0.999")));
    training.addProperty("loss", values.getOrDefault("loss", "tutorial"));
    training.add("gradient_penalty", number(values.getOrDefault("gradient_penalty", "0")));
    training.addProperty("critic_steps", Integer.parseInt(values.getOrDefault("critic_steps", "1")));
    training.addProperty("seed", Long.parseLong(required(values, "seed")));
    training.add("threads", current.get("threads"));
    return training;
  }

  private static String required(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null) {
      throw new NumberFormatException("no " + key);
    }
    return value;
  }

  private static JsonPrimitive number(String text) {
    return SpecJson.number(Float.parseFloat(text));
  }

  /** A model file the old format names by its fingerprint; its text sits under a key of its own (see {@link Checkpoints}). */
  private static com.google.gson.JsonElement model(String fingerprint) {
    if (fingerprint == null) {
      return JsonNull.INSTANCE;
    }
    JsonObject json = new JsonObject();
    json.addProperty("source", "a model file");
    json.addProperty("fingerprint", fingerprint);
    return json;
  }
}
