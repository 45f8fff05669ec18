package dcgan.studio;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dcgan.data.ImageShape;
import dcgan.data.Npy;
import dcgan.eval.FixedNoise;
import dcgan.persistence.SavedGenerator;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * One generation request, {@code /api/generate}: which noise (a seed, truncated or not; a walk
 * between two seeds; or the vectors themselves), which digits, and the answer's format: a PNG grid,
 * a {@code .npy} of the images, or JSON with each image as a PNG and its noise, for the explorer.
 *
 * @param seed the noise's seed (the first vectors {@code Evaluate} scores for 0)
 * @param count how many images, 1 to {@link #MAX_COUNT}
 * @param digits each image's class, or null: the classes in turn for a conditional model
 * @param truncation resample noise values outside plus or minus this, or 0 for none
 * @param walk {@code [from seed, to seed]} for a spherical walk of {@code count} steps, or null
 * @param noise the noise vectors themselves, or null
 * @param format {@code png}, {@code npy} or {@code json}
 */
record Generation(long seed, int count, int[] digits, double truncation, long[] walk, float[][] noise, String format) {

  static final int MAX_COUNT = 1024;

  /** Reads the parameters of a query and, for a POST, its JSON body (the body wins). */
  static Generation parse(Map<String, String> query, JsonObject body) {
    Params p = new Params(query, body);
    float[][] noise = p.noise();
    int[] listed = p.digits();
    int count = noise != null ? noise.length : p.has("count") ? p.integer("count", 16, 1, MAX_COUNT)
        : listed != null ? Math.min(listed.length, MAX_COUNT) : 16;
    if (listed != null && listed.length != count) {
      throw HttpError.badParameter("digits", "names " + listed.length + " classes for " + count + " images");
    }
    int[] digits = p.has("digit") ? p.digit(count) : listed;
    String format = p.string("format", "png");
    if (!List.of("png", "npy", "json").contains(format)) {
      throw HttpError.badParameter("format", "png, npy or json, not " + format);
    }
    long[] walk = null;
    if (p.has("from_seed") || p.has("to_seed")) {
      walk = new long[] {p.longValue("from_seed", 0), p.longValue("to_seed", 1)};
      if (count < 2) {
        throw HttpError.badParameter("count", "a walk needs at least 2 steps");
      }
    }
    double truncation = p.number("truncation", 0);
    if (!FixedNoise.isTruncation(truncation) || truncation > 100) {
      throw HttpError.badParameter("truncation", "from " + FixedNoise.MIN_TRUNCATION + " to 100 (e.g. 0.7), or 0 for none, not " + truncation);
    }
    return new Generation(p.longValue("seed", FixedNoise.SEED), count, digits, truncation, walk, noise, format);
  }

  /** The noise this request draws from, for a generator of {@code dim} inputs. */
  float[] noiseFor(int dim) {
    float[] out = new float[count * dim];
    if (noise != null) {
      for (int i = 0; i < count; i++) {
        if (noise[i].length != dim) {
          throw HttpError.badParameter("noise", "vector " + i + " has " + noise[i].length + " values; the model takes " + dim);
        }
        System.arraycopy(noise[i], 0, out, i * dim, dim);
      }
      return out;
    }
    if (walk != null) {
      float[] a = draw(1, dim, walk[0]);
      float[] b = draw(1, dim, walk[1]);
      for (int i = 0; i < count; i++) {
        System.arraycopy(FixedNoise.slerp(a, b, i / (double) (count - 1)), 0, out, i * dim, dim);
      }
      return out;
    }
    return draw(count, dim, seed);
  }

  private float[] draw(int n, int dim, long from) {
    return FixedNoise.draw(n, dim, from, truncation);
  }

  /** The classes to draw: the asked ones, or 0, 1, ..., k-1, 0, ... for a conditional model; null for an unconditional one. */
  int[] labelsFor(SavedGenerator generator) {
    if (!generator.conditional()) {
      if (digits != null) {
        throw HttpError.badParameter("digits", "this model is unconditional: it cannot be asked for a digit");
      }
      return null;
    }
    int[] labels = digits != null ? digits : new int[count];
    for (int i = 0; i < count; i++) {
      if (digits == null) {
        labels[i] = i % generator.classes();
      } else if (labels[i] >= generator.classes()) {
        throw HttpError.badParameter("digits", "this model draws classes 0 to " + (generator.classes() - 1) + ", not " + labels[i]);
      }
    }
    return labels;
  }

  /** Draws the images, in [-1, 1]. */
  Drawn draw(SavedGenerator generator) {
    float[] z = noiseFor(generator.noiseDim());
    int[] labels = labelsFor(generator);
    float[] images = labels == null ? generator.generate(z, count) : generator.generate(z, labels);
    return new Drawn(z, labels, images, generator.imageShape(), generator.pictures(images), generator.noiseDim());
  }

  /** What a request drew. */
  record Drawn(float[] noise, int[] labels, float[] images, ImageShape shape, List<BufferedImage> pictures, int noiseDim) {}

  /** The answer's bytes and content type. */
  record Answer(String type, byte[] bytes) {}

  Answer answer(Drawn drawn) {
    return switch (format) {
      case "npy" -> new Answer("application/octet-stream",
          Npy.writeFloats(drawn.images(), count, drawn.shape().rows(), drawn.shape().cols(), drawn.shape().channels()));
      case "json" -> new Answer("application/json; charset=utf-8", json(drawn).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      default -> new Answer("image/png", png(grid(drawn.pictures(), 2)));
    };
  }

  private JsonObject json(Drawn drawn) {
    JsonObject out = new JsonObject();
    out.addProperty("count", count);
    out.addProperty("noise_dim", drawn.noiseDim());
    JsonArray images = new JsonArray();
    JsonArray noise = new JsonArray();
    for (int i = 0; i < count; i++) {
      images.add("data:image/png;base64," + Base64.getEncoder().encodeToString(png(drawn.pictures().get(i))));
      JsonArray vector = new JsonArray();
      for (int d = 0; d < drawn.noiseDim(); d++) {
        vector.add(drawn.noise()[i * drawn.noiseDim() + d]);
      }
      noise.add(vector);
    }
    out.add("images", images);
    out.add("noise", noise);
    if (drawn.labels() != null) {
      JsonArray labels = new JsonArray();
      for (int label : drawn.labels()) {
        labels.add(label);
      }
      out.add("labels", labels);
    }
    return out;
  }

  /** The pictures in a square-ish grid, each scaled by {@code scale}, with a 2-pixel gap. */
  static BufferedImage grid(List<BufferedImage> pictures, int scale) {
    int columns = (int) Math.ceil(Math.sqrt(pictures.size()));
    int rows = (pictures.size() + columns - 1) / columns;
    int side = pictures.get(0).getWidth() * scale;
    BufferedImage grid = new BufferedImage(columns * (side + 2) + 2, rows * (side + 2) + 2, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    for (int i = 0; i < pictures.size(); i++) {
      g.drawImage(pictures.get(i), 2 + (i % columns) * (side + 2), 2 + (i / columns) * (side + 2), side, side, null);
    }
    g.dispose();
    return grid;
  }

  static byte[] png(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Typed reads of the parameters, each error naming its parameter. */
  private record Params(Map<String, String> query, JsonObject body) {

    boolean has(String key) {
      return (body != null && body.has(key)) || query.containsKey(key);
    }

    private String raw(String key) {
      if (body != null && body.has(key)) {
        JsonElement e = body.get(key);
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
      }
      return query.get(key);
    }

    String string(String key, String absent) {
      String v = raw(key);
      return v == null ? absent : v;
    }

    long longValue(String key, long absent) {
      String v = raw(key);
      try {
        return v == null ? absent : Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw HttpError.badParameter(key, "a whole number, not " + v);
      }
    }

    int integer(String key, int absent, int min, int max) {
      long v = longValue(key, absent);
      if (v < min || v > max) {
        throw HttpError.badParameter(key, "from " + min + " to " + max + ", not " + v);
      }
      return (int) v;
    }

    double number(String key, double absent) {
      String v = raw(key);
      try {
        return v == null ? absent : Double.parseDouble(v.trim());
      } catch (NumberFormatException e) {
        throw HttpError.badParameter(key, "a number, not " + v);
      }
    }

    /** {@code digit}: one class for all {@code count} images. */
    int[] digit(int count) {
      int d = integer("digit", 0, 0, 255);
      int[] all = new int[count];
      java.util.Arrays.fill(all, d);
      return all;
    }

    /** {@code digits}: "0123" or "3,12,7", or null. */
    int[] digits() {
      String v = raw("digits");
      if (v == null || v.isEmpty()) {
        return null;
      }
      if (has("digit")) {
        throw HttpError.badParameter("digits", "give digit or digits, not both");
      }
      String[] parts = v.contains(",") ? v.split(",") : v.split("");
      int[] out = new int[parts.length];
      for (int i = 0; i < parts.length; i++) {
        try {
          out[i] = Integer.parseInt(parts[i].trim());
        } catch (NumberFormatException e) {
          throw HttpError.badParameter("digits", "digits such as 0123 or classes such as 3,12,7, not " + v);
        }
        if (out[i] < 0 || out[i] > 255) {
          throw HttpError.badParameter("digits", "classes from 0 to 255, not " + out[i]);
        }
      }
      if (out.length > MAX_COUNT) {
        throw HttpError.badParameter("digits", "at most " + MAX_COUNT + " classes");
      }
      return out;
    }

    float[][] noise() {
      if (body == null || !body.has("noise")) {
        return null;
      }
      try {
        JsonArray vectors = body.getAsJsonArray("noise");
        if (vectors.isEmpty() || vectors.size() > MAX_COUNT) {
          throw HttpError.badParameter("noise", "from 1 to " + MAX_COUNT + " vectors, not " + vectors.size());
        }
        float[][] out = new float[vectors.size()][];
        for (int i = 0; i < out.length; i++) {
          JsonArray v = vectors.get(i).getAsJsonArray();
          out[i] = new float[v.size()];
          for (int d = 0; d < out[i].length; d++) {
            float x = v.get(d).getAsFloat();
            if (!Float.isFinite(x)) {
              throw new NumberFormatException("not finite");
            }
            out[i][d] = x;
          }
        }
        return out;
      } catch (ClassCastException | IllegalStateException | NumberFormatException | UnsupportedOperationException e) {
        throw HttpError.badParameter("noise", "a list of vectors of numbers, [[0.1, -0.3, ...], ...]");
      }
    }
  }
}
