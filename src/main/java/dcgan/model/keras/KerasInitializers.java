package dcgan.model.keras;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dcgan.model.Initializer;
import dcgan.model.Initializer.Distribution;
import dcgan.model.Initializer.FanMode;
import java.util.Locale;

/**
 * Keras initializer configs to {@link Initializer}s: a name ({@code "he_normal"}) or an object
 * ({@code {"class_name": "RandomNormal", "config": {"stddev": 0.02}}}, Keras 3 adds a {@code module}).
 * A {@code seed} in the file is not used: every weight is drawn from the run's {@code --seed}, so a
 * run is reproducible whatever the file says.
 */
final class KerasInitializers {

  /** The supported names, as Keras's snake-case aliases. */
  static final String SUPPORTED = "glorot_uniform, glorot_normal, he_normal, he_uniform, lecun_normal, lecun_uniform, "
      + "random_normal, random_uniform, truncated_normal, variance_scaling, zeros, ones, constant";

  private KerasInitializers() {}

  /** The initializer of setting {@code key}, or {@code absent} when the layer does not set it. */
  static Initializer read(LayerConfig layer, String key, Initializer absent) {
    JsonElement e = layer.element(key);
    if (e == null) {
      return absent;
    }
    String name;
    JsonObject config = new JsonObject();
    if (e.isJsonPrimitive()) {
      name = e.getAsString();
    } else if (e.isJsonObject() && e.getAsJsonObject().has("class_name")) {
      name = e.getAsJsonObject().get("class_name").getAsString();
      JsonElement c = e.getAsJsonObject().get("config");
      config = c != null && c.isJsonObject() ? c.getAsJsonObject() : config;
    } else {
      throw layer.error(key + " must be an initializer name or {\"class_name\": ..., \"config\": ...}, not " + e);
    }
    try {
      return of(snakeCase(name), config);
    } catch (IllegalArgumentException ex) {
      throw layer.error(key + ": " + ex.getMessage());
    }
  }

  private static Initializer of(String name, JsonObject c) {
    return switch (name) {
      case "glorot_uniform" -> Initializer.glorotUniform();
      case "glorot_normal" -> Initializer.varianceScaling(1, FanMode.FAN_AVG, Distribution.TRUNCATED_NORMAL);
      case "he_normal" -> Initializer.varianceScaling(2, FanMode.FAN_IN, Distribution.TRUNCATED_NORMAL);
      case "he_uniform" -> Initializer.varianceScaling(2, FanMode.FAN_IN, Distribution.UNIFORM);
      case "lecun_normal" -> Initializer.varianceScaling(1, FanMode.FAN_IN, Distribution.TRUNCATED_NORMAL);
      case "lecun_uniform" -> Initializer.varianceScaling(1, FanMode.FAN_IN, Distribution.UNIFORM);
      case "random_normal" -> Initializer.randomNormal(number(c, "mean", 0), positive(c, "stddev", 0.05));
      case "truncated_normal" -> Initializer.truncatedNormal(number(c, "mean", 0), positive(c, "stddev", 0.05));
      case "random_uniform" -> Initializer.randomUniform(number(c, "minval", -0.05), number(c, "maxval", 0.05));
      case "variance_scaling" -> Initializer.varianceScaling(positive(c, "scale", 1), fanMode(c), distribution(c));
      case "zeros" -> Initializer.zeros();
      case "ones" -> Initializer.ones();
      case "constant" -> Initializer.constant(number(c, "value", 0));
      default -> throw new IllegalArgumentException("initializer '" + name + "' is not supported; use one of " + SUPPORTED);
    };
  }

  /** {@code GlorotUniform} -> {@code glorot_uniform}; names already in snake case stay. */
  static String snakeCase(String name) {
    String words = name.replaceAll("(.)([A-Z][a-z0-9]+)", "$1_$2").replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    return words.toLowerCase(Locale.ROOT);
  }

  private static float number(JsonObject c, String key, double absent) {
    JsonElement e = c.get(key);
    if (e == null || e.isJsonNull()) {
      return (float) absent;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new IllegalArgumentException(key + " must be a number, not " + e);
    }
    return e.getAsFloat();
  }

  private static float positive(JsonObject c, String key, double absent) {
    float value = number(c, key, absent);
    if (!(value > 0)) {
      throw new IllegalArgumentException(key + " must be positive, not " + value);
    }
    return value;
  }

  private static FanMode fanMode(JsonObject c) {
    String mode = c.has("mode") ? c.get("mode").getAsString() : "fan_in";
    return switch (mode) {
      case "fan_in" -> FanMode.FAN_IN;
      case "fan_out" -> FanMode.FAN_OUT;
      case "fan_avg" -> FanMode.FAN_AVG;
      default -> throw new IllegalArgumentException("mode '" + mode + "' is not fan_in, fan_out or fan_avg");
    };
  }

  private static Distribution distribution(JsonObject c) {
    String distribution = c.has("distribution") ? c.get("distribution").getAsString() : "truncated_normal";
    return switch (distribution) {
      case "truncated_normal", "normal" -> Distribution.TRUNCATED_NORMAL; // Keras 2's "normal" meant truncated
      case "untruncated_normal" -> Distribution.UNTRUNCATED_NORMAL;
      case "uniform" -> Distribution.UNIFORM;
      default -> throw new IllegalArgumentException("distribution '" + distribution + "' is not truncated_normal, untruncated_normal or uniform");
    };
  }
}
