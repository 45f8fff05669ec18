package dcgan.model.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dcgan.data.DataException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One entry of a Keras Sequential config's {@code layers}: its class name and {@code config}, with
 * typed reads that name the layer in every error and remember which settings were read, so that
 * {@link #refuseUnread} can refuse any other setting that would change what the layer computes.
 */
final class LayerConfig {

  private final String source;
  private final int position;
  private final int count;
  private final String className;
  private final JsonObject config;
  private final Set<String> read = new HashSet<>();

  /**
   * @param source the file, for messages
   * @param position 1-based, among the model's layers
   * @param count how many layers the model has
   */
  LayerConfig(String source, int position, int count, String className, JsonObject config) {
    this.source = source;
    this.position = position;
    this.count = count;
    this.className = className;
    this.config = config;
  }

  String className() {
    return className;
  }

  /** The layer's {@code name}, or null when the file gives none. */
  String name() {
    read.add("name");
    JsonElement name = config.get("name");
    return name == null || name.isJsonNull() ? null : name.getAsString();
  }

  boolean has(String key) {
    JsonElement e = config.get(key);
    return e != null && !e.isJsonNull();
  }

  /** The raw setting, or null when absent or null. */
  JsonElement element(String key) {
    read.add(key);
    JsonElement e = config.get(key);
    return e == null || e.isJsonNull() ? null : e;
  }

  String string(String key, String absent) {
    JsonElement e = element(key);
    if (e == null) {
      return absent;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw error(key + " must be a string, not " + e);
    }
    return e.getAsString();
  }

  double number(String key, double absent) {
    JsonElement e = element(key);
    if (e == null) {
      return absent;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw error(key + " must be a number, not " + e);
    }
    return e.getAsDouble();
  }

  int integer(String key, int absent) {
    JsonElement e = element(key);
    return e == null ? absent : toInt(key, e);
  }

  int requiredInteger(String key) {
    if (!has(key)) {
      throw error("it has no " + key);
    }
    return integer(key, 0);
  }

  boolean bool(String key, boolean absent) {
    JsonElement e = element(key);
    if (e == null) {
      return absent;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
      throw error(key + " must be true or false, not " + e);
    }
    return e.getAsBoolean();
  }

  /** A Keras size pair such as {@code kernel_size}: one integer for both axes, or {@code [rows, cols]}. */
  int[] pair(String key, int[] absent) {
    JsonElement e = element(key);
    if (e == null) {
      if (absent == null) {
        throw error("it has no " + key);
      }
      return absent;
    }
    if (e.isJsonPrimitive()) {
      int v = toInt(key, e);
      return new int[] {v, v};
    }
    long[] values = longs(key);
    if (values.length != 2) {
      throw error(key + " must have two values (rows, columns), not " + e);
    }
    return new int[] {(int) values[0], (int) values[1]};
  }

  /** A list of integers, e.g. a Reshape's {@code target_shape}; {@code null} entries (Keras's None) read as -1. */
  long[] longs(String key) {
    JsonElement e = element(key);
    if (e == null || !e.isJsonArray()) {
      throw error(key + " must be a list of integers, not " + e);
    }
    JsonArray array = e.getAsJsonArray();
    long[] values = new long[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).isJsonNull() ? -1 : toInt(key, array.get(i));
    }
    return values;
  }

  /** Marks settings that are read elsewhere or have no effect here. */
  void ignore(String... keys) {
    read.addAll(java.util.List.of(keys));
  }

  /**
   * Requires {@code key}, when present, to be one of {@code allowed} (compared as JSON), since this
   * project computes the layer only that way.
   */
  void require(String key, JsonElement... allowed) {
    JsonElement e = element(key);
    if (e == null) {
      return;
    }
    for (JsonElement a : allowed) {
      if (a.equals(e) || (a.isJsonPrimitive() && e.isJsonPrimitive() && a.getAsJsonPrimitive().isNumber()
          && e.getAsJsonPrimitive().isNumber() && a.getAsDouble() == e.getAsDouble())) {
        return;
      }
    }
    throw error(key + "=" + e + " is not supported (only " + (allowed.length == 1 ? allowed[0] : java.util.Arrays.toString(allowed)) + ")");
  }

  /**
   * Refuses every setting not read so far unless it is null, false, empty, or the value in {@code
   * neutral}: a regularizer, a constraint, renormalization or any setting this project does not
   * know would change training if it were silently dropped.
   */
  void refuseUnread(Map<String, JsonElement> neutral) {
    for (Map.Entry<String, JsonElement> entry : config.entrySet()) {
      String key = entry.getKey();
      JsonElement value = entry.getValue();
      if (read.contains(key) || value.isJsonNull() || value.equals(new JsonPrimitive(false))
          || (value.isJsonArray() && value.getAsJsonArray().isEmpty()) || value.equals(neutral.get(key))) {
        continue;
      }
      throw error("its setting " + key + "=" + value + " is not supported");
    }
  }

  /** An error that names the file, the layer and its position. */
  DataException error(String problem) {
    String named = has("name") ? config.get("name").getAsString() + ", " + className : className;
    return new DataException(String.format("%s: layer %d of %d (%s): %s", source, position, count, named, problem));
  }

  private int toInt(String key, JsonElement e) {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber() || e.getAsDouble() != Math.rint(e.getAsDouble())) {
      throw error(key + " must hold integers, not " + e);
    }
    return e.getAsInt();
  }
}
