package dcgan.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * A Keras layer in graph form: {@link #build} creates its weights once for an input shape, {@link
 * #call} adds its computation to the graph, as often as needed (a training and an inference path
 * share the same weights).
 *
 * <p>Shapes include the batch dimension, unknown ({@code -1}) as Keras's {@code None}.
 */
public abstract class Layer {

  private final String type;
  private final List<Weight> weights = new ArrayList<>();
  private String requestedName;
  private String name;
  private Shape outputShape;

  /** @param type the Keras class name, e.g. {@code Conv2DTranspose} */
  protected Layer(String type) {
    this.type = type;
  }

  /**
   * Gives the layer the name a Keras model file gave it, instead of the next free default ({@code
   * dense_2}); returns this layer.
   */
  public final Layer named(String kerasName) {
    if (name != null) {
      throw new IllegalStateException(this + " is already built");
    }
    requestedName = kerasName;
    return this;
  }

  /**
   * Names the layer as Keras would, creates its weights under {@code modelScope/name} and returns
   * the output shape.
   */
  public final Shape build(ModelBuilder builder, Ops modelScope, Shape inputShape) {
    if (name != null) {
      throw new IllegalStateException(this + " is already built");
    }
    String defaultName = builder.uniqueName(kerasBaseName(type)); // counted either way, as Keras counts every layer made
    name = requestedName != null ? requestedName : defaultName;
    outputShape = createWeights(new WeightMaker(builder, modelScope.withSubScope(name)), inputShape);
    return outputShape;
  }

  /** Creates the weights for {@code inputShape} and returns the output shape. */
  protected abstract Shape createWeights(WeightMaker weights, Shape inputShape);

  /**
   * Adds the layer's computation on {@code x} to the graph, in {@code x}'s type (float32, or
   * bfloat16 under {@link Precision#MIXED_BFLOAT16}).
   */
  public abstract <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context);

  /** {@code x} as {@code type}: a Cast op, or none when it already is of that type. */
  @SuppressWarnings("unchecked")
  static <T extends TFloating> Operand<T> castTo(Ops tf, Operand<? extends TFloating> x, Class<T> type) {
    return x.type() == type ? (Operand<T>) x : tf.dtypes.cast(x, type);
  }

  /** {@code value} (a weight, float32) in the type of {@code like}: Keras's autocast of variables. */
  protected static <T extends TFloating> Operand<T> castLike(Ops tf, Operand<TFloat32> value, Operand<T> like) {
    return castTo(tf, value, like.type());
  }

  /** {@code x} as float32 (no op when it already is). */
  protected static Operand<TFloat32> toFloat32(Ops tf, Operand<? extends TFloating> x) {
    return castTo(tf, x, TFloat32.class);
  }

  /**
   * This layer as Keras 3 writes it in a model's {@code config.json}: {@code name}, {@code
   * trainable}, {@code dtype}, then its own settings ({@code units}, {@code kernel_size}, ...).
   *
   * @throws UnsupportedOperationException for a layer that has no Keras form
   */
  public final JsonObject kerasConfig() {
    JsonObject config = new JsonObject();
    config.addProperty("name", name());
    config.addProperty("trainable", true);
    config.add("dtype", float32Policy());
    addKerasSettings(config);
    return config;
  }

  /** Adds this layer's own Keras settings to {@code config}; a layer without a Keras form keeps this default and throws. */
  protected void addKerasSettings(JsonObject config) {
    throw new UnsupportedOperationException(type + " has no Keras form");
  }

  /**
   * The values a Keras file keeps for this layer, in Keras's order: its weights as they are, by
   * default; a spectrally normalized layer's kernel divided by its {@code sigma}, as inference uses
   * it, and no {@code u} vector.
   */
  public java.util.List<Operand<TFloat32>> kerasValues(Ops tf) {
    return weights.stream().<Operand<TFloat32>>map(Weight::variable).toList();
  }

  /** Keras 3's {@code DTypePolicy} of float32, as every layer's {@code dtype}. */
  public static JsonObject float32Policy() {
    JsonObject policy = new JsonObject();
    policy.addProperty("module", "keras");
    policy.addProperty("class_name", "DTypePolicy");
    JsonObject name = new JsonObject();
    name.addProperty("name", "float32");
    policy.add("config", name);
    policy.add("registered_name", com.google.gson.JsonNull.INSTANCE);
    return policy;
  }

  /** {@code [a, b]}, as Keras writes kernel sizes and strides. */
  static JsonArray pair(int a, int b) {
    JsonArray pair = new JsonArray();
    pair.add(a);
    pair.add(b);
    return pair;
  }

  /** The Keras class name. */
  public final String type() {
    return type;
  }

  /** The Keras layer name, e.g. {@code batch_normalization_1}; set by {@link #build}. */
  public final String name() {
    return Objects.requireNonNull(name, "layer not built");
  }

  /** The output shape, batch dimension {@code -1}; set by {@link #build}. */
  public final Shape outputShape() {
    return Objects.requireNonNull(outputShape, "layer not built");
  }

  /** The layer's weights in Keras order (e.g. kernel, bias). */
  public final List<Weight> weights() {
    return Collections.unmodifiableList(weights);
  }

  /** Number of scalars in all weights, as Keras's "Param #". */
  public final long parameterCount() {
    return weights.stream().mapToLong(Weight::size).sum();
  }

  @Override
  public String toString() {
    return (name == null ? "unbuilt" : name) + " (" + type + ")";
  }

  /**
   * Keras's {@code to_snake_case}: {@code Conv2DTranspose} -> {@code conv2d_transpose}, {@code
   * LeakyReLU} -> {@code leaky_re_lu}.
   */
  public static String kerasBaseName(String type) {
    String words = type.replaceAll("(.)([A-Z][a-z0-9]+)", "$1_$2");
    return words.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  /** Hands a layer's {@link #createWeights} what it needs to add weights to itself. */
  protected final class WeightMaker {
    private final ModelBuilder builder;
    private final Ops scope;

    private WeightMaker(ModelBuilder builder, Ops scope) {
      this.builder = builder;
      this.scope = scope;
    }

    /** Adds a weight named {@code name} to the layer. */
    public Weight add(String name, Shape shape, Initializer initializer, boolean trainable) {
      Weight weight = builder.weight(scope, name, shape, initializer, trainable);
      weights.add(weight);
      return weight;
    }
  }
}
