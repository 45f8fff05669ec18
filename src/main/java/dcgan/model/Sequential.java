package dcgan.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Keras {@code tf.keras.Sequential}: layers applied in order. {@link #build} creates the weights in
 * a graph under a scope named after the model's role ({@code generator}, {@code discriminator}),
 * as the tutorial's {@code tf.train.Checkpoint(generator=..., discriminator=...)} names them.
 */
public final class Sequential {

  private final String scope;
  private final Shape inputShape;
  private final List<Layer> layers;
  private final String requestedName;
  private final Shape expectedOutput;
  private String kerasName;

  /**
   * @param scope the model's role, the name scope of its variables
   * @param inputShape the per-example input shape, without the batch axis (Keras's {@code input_shape})
   * @param layers its layers, not yet built
   */
  public Sequential(String scope, Shape inputShape, List<Layer> layers) {
    this(scope, inputShape, layers, null);
  }

  /** The same, named {@code kerasName} (as a Keras model file names it) instead of the next free {@code sequential_N}. */
  public Sequential(String scope, Shape inputShape, List<Layer> layers, String kerasName) {
    this(scope, inputShape, layers, kerasName, null);
  }

  /**
   * The same, whose {@link #build} also refuses an output other than {@code expectedOutput} (per
   * example, without the batch axis; null: any), as the trainer needs for a model it did not define.
   */
  public Sequential(String scope, Shape inputShape, List<Layer> layers, String kerasName, Shape expectedOutput) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one layer");
    }
    this.scope = scope;
    this.inputShape = inputShape;
    this.layers = List.copyOf(layers);
    this.requestedName = kerasName;
    this.expectedOutput = expectedOutput;
  }

  /**
   * This model, not yet built, with its variables under {@code scope} instead: a second copy of a
   * network in the same graph, such as the averaged generator ({@code generator_ema}).
   *
   * @throws IllegalStateException if it is already built
   */
  public Sequential inScope(String scope) {
    if (kerasName != null) {
      throw new IllegalStateException("the " + this.scope + " is already built");
    }
    return new Sequential(scope, inputShape, layers, requestedName, expectedOutput);
  }

  /**
   * Creates every layer's weights; shapes are checked as the tutorial's asserts check them. A layer
   * that cannot take its input's shape is an {@link IllegalArgumentException} naming the model, the
   * layer and its position.
   */
  public Sequential build(ModelBuilder builder) {
    String defaultName = builder.uniqueName("sequential");
    kerasName = requestedName != null ? requestedName : defaultName;
    Ops modelScope = builder.ops().withSubScope(scope);
    Shape shape = withBatchAxis(inputShape);
    for (int i = 0; i < layers.size(); i++) {
      try {
        shape = layers.get(i).build(builder, modelScope, shape);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(String.format("the %s's layer %d of %d (%s) does not fit: %s", scope, i + 1, layers.size(),
            layers.get(i), e.getMessage()), e);
      }
    }
    if (expectedOutput != null && !java.util.Arrays.equals(shape.asArray(), withBatchAxis(expectedOutput).asArray())) {
      throw new IllegalArgumentException("the " + scope + "'s output is " + kerasShape(shape) + ", but training needs "
          + kerasShape(withBatchAxis(expectedOutput)) + (scope.equals("discriminator") ? " (one logit per image)" : " (the images' shape)"));
    }
    return this;
  }

  /**
   * Calls the layers in order on {@code x} (Keras's {@code model(x, training=...)}), in the
   * context's precision; the output is float32 either way, as Keras advises for a model's output
   * under mixed precision.
   */
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext context) {
    Ops callScope = tf.withSubScope(scope);
    return callLayers(callScope, Layer.castTo(callScope, x, context.precision().computeType()), context);
  }

  /**
   * Calls the layers in order on {@code x}, as {@link #call} does in float32, and returns every
   * layer's output, the last being the model's: how a classifier's penultimate features are read.
   */
  public List<Operand<TFloat32>> callEach(Ops tf, Operand<TFloat32> x, CallContext context) {
    if (context.precision() != Precision.FLOAT32) {
      throw new IllegalArgumentException("callEach computes in float32 only, not " + context.precision());
    }
    Ops callScope = tf.withSubScope(scope);
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    Operand<TFloat32> y = x;
    for (Layer layer : layers) {
      y = layer.call(callScope.withSubScope(layer.name()), y, context);
      outputs.add(y);
    }
    return outputs;
  }

  private <T extends TFloating> Operand<TFloat32> callLayers(Ops tf, Operand<T> x, CallContext context) {
    Operand<T> y = x;
    for (Layer layer : layers) {
      y = layer.call(tf.withSubScope(layer.name()), y, context);
    }
    return Layer.toFloat32(tf, y);
  }

  /**
   * The model as Keras 3 writes it in a {@code .keras} file's {@code config.json}: a {@code
   * Sequential} of an {@code InputLayer} and every layer, each with its {@code build_config}.
   *
   * @throws UnsupportedOperationException if a layer has no Keras form
   */
  public com.google.gson.JsonObject kerasConfig() {
    com.google.gson.JsonArray entries = new com.google.gson.JsonArray();
    com.google.gson.JsonObject input = new com.google.gson.JsonObject();
    input.add("batch_shape", kerasShapeJson(inputShape()));
    input.addProperty("dtype", "float32");
    input.addProperty("sparse", false);
    input.addProperty("name", "input_layer");
    entries.add(kerasObject("keras.layers", "InputLayer", input, null));
    Shape in = inputShape();
    for (Layer layer : layers) {
      entries.add(kerasObject("keras.layers", layer.type(), layer.kerasConfig(), in));
      in = layer.outputShape();
    }
    com.google.gson.JsonObject config = new com.google.gson.JsonObject();
    config.addProperty("name", kerasName);
    config.addProperty("trainable", true);
    config.add("dtype", Layer.float32Policy());
    config.add("layers", entries);
    com.google.gson.JsonObject model = kerasObject("keras", "Sequential", config, inputShape());
    model.add("compile_config", com.google.gson.JsonNull.INSTANCE);
    return model;
  }

  /** A Keras 3 {@code {"module", "class_name", "config", "registered_name", "build_config"}} object (no build config when {@code builtFor} is null). */
  public static com.google.gson.JsonObject kerasObject(String module, String className, com.google.gson.JsonObject config,
      Shape builtFor) {
    com.google.gson.JsonObject object = new com.google.gson.JsonObject();
    object.addProperty("module", module);
    object.addProperty("class_name", className);
    object.add("config", config);
    object.add("registered_name", com.google.gson.JsonNull.INSTANCE);
    if (builtFor != null) {
      com.google.gson.JsonObject build = new com.google.gson.JsonObject();
      build.add("input_shape", kerasShapeJson(builtFor));
      object.add("build_config", build);
    }
    return object;
  }

  /** {@code [null, 28, 28, 1]}: a shape with its batch axis, as Keras writes it in JSON. */
  public static com.google.gson.JsonArray kerasShapeJson(Shape shape) {
    com.google.gson.JsonArray dims = new com.google.gson.JsonArray();
    for (long d : shape.asArray()) {
      if (d < 0) {
        dims.add(com.google.gson.JsonNull.INSTANCE);
      } else {
        dims.add(d);
      }
    }
    return dims;
  }

  /** The Keras model name, e.g. {@code sequential_1}; set by {@link #build}. */
  public String kerasName() {
    return java.util.Objects.requireNonNull(kerasName, "model not built");
  }

  /** The role name, e.g. {@code generator}. */
  public String scope() {
    return scope;
  }

  /** Input shape with batch axis {@code -1}. */
  public Shape inputShape() {
    return withBatchAxis(inputShape);
  }

  /** Output shape with batch axis {@code -1} (Keras's {@code model.output_shape}). */
  public Shape outputShape() {
    return layers.get(layers.size() - 1).outputShape();
  }

  /** The layers, in order. */
  public List<Layer> layers() {
    return layers;
  }

  /** All weights, in Keras's order ({@code model.weights}). */
  public List<Weight> weights() {
    List<Weight> all = new ArrayList<>();
    layers.forEach(layer -> all.addAll(layer.weights()));
    return all;
  }

  /** The weights an optimizer updates ({@code model.trainable_variables}). */
  public List<Weight> trainableWeights() {
    return weights().stream().filter(Weight::trainable).toList();
  }

  /** The layers that have weights, numbered as Keras checkpoints number them ({@code layer_with_weights-N}). */
  public List<Layer> layersWithWeights() {
    return layers.stream().filter(layer -> !layer.weights().isEmpty()).toList();
  }

  /** Total number of scalars in all weights. */
  public long parameterCount() {
    return weights().stream().mapToLong(Weight::size).sum();
  }

  /** Number of scalars the optimizer updates. */
  public long trainableParameterCount() {
    return trainableWeights().stream().mapToLong(Weight::size).sum();
  }

  /** Keras 2's {@code model.summary()} table (columns widen for long layer names). */
  public String summary() {
    int nameWidth = Math.max(27, layers.stream().mapToInt(l -> l.toString().length()).max().orElse(0) + 1);
    String format = " %-" + nameWidth + "s %-25s %-10s%n";
    int width = nameWidth + 38;
    String rule = "_".repeat(width);
    String doubleRule = "=".repeat(width);
    StringBuilder out = new StringBuilder();
    out.append(String.format("Model: \"%s\"%n%s%n", kerasName, rule));
    out.append(String.format(format, "Layer (type)", "Output Shape", "Param #")).append(doubleRule).append('\n');
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      out.append(String.format(Locale.ROOT, format, layer, kerasShape(layer.outputShape()), layer.parameterCount()));
      out.append(i + 1 < layers.size() ? "\n" : doubleRule + "\n");
    }
    long total = parameterCount();
    long trainable = trainableParameterCount();
    out.append(paramLine("Total params", total));
    out.append(paramLine("Trainable params", trainable));
    out.append(paramLine("Non-trainable params", total - trainable));
    return out.append(rule).append('\n').toString();
  }

  private static String paramLine(String label, long count) {
    return String.format(Locale.ROOT, "%s: %,d (%s)%n", label, count, bytes(count * Float.BYTES));
  }

  private static String bytes(long n) {
    if (n < 1024) {
      return n + " Byte";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.2f KB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.2f MB", n / (1024.0 * 1024.0));
  }

  /** {@code (None, 7, 7, 256)}. */
  public static String kerasShape(Shape shape) {
    List<String> dims = new ArrayList<>();
    for (long d : shape.asArray()) {
      dims.add(d < 0 ? "None" : String.valueOf(d));
    }
    return "(" + String.join(", ", dims) + ")";
  }

  private static Shape withBatchAxis(Shape perExample) {
    long[] dims = new long[perExample.numDimensions() + 1];
    dims[0] = Shape.UNKNOWN_SIZE;
    System.arraycopy(perExample.asArray(), 0, dims, 1, perExample.numDimensions());
    return Shape.of(dims);
  }
}
