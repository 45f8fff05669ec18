package dcgan.model.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Tensors;
import dcgan.data.DataException;
import dcgan.model.CallContext;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * Each supported Keras layer read from its JSON config: output shape, parameter count and name,
 * the settings that change what it computes (checked on values), the initializers' ranges, and
 * one clear error, naming the layer and its position, for each thing that is not supported.
 */
class KerasLayersTest {

  @TempDir
  java.nio.file.Path tmp;

  /** A Keras 2 style Sequential config of these layers, without an input shape (the test feeds one). */
  static String model(String... layers) {
    return "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"test_model\", \"layers\": [" + String.join(", ", layers) + "]}}";
  }

  static String layer(String className, String config) {
    return "{\"class_name\": \"" + className + "\", \"config\": {" + config + "}}";
  }

  /** Builds the one-model config on {@code input} (per example) and returns it. */
  private static Sequential build(Graph graph, long[] input, String... layers) {
    Sequential model = KerasModel.parse(model(layers), "test.json").sequential("generator", Shape.of(input), null, false);
    return model.build(new ModelBuilder(Ops.create(graph), 1));
  }

  private static void assertLayer(long[] input, long[] output, long params, String layer) {
    try (Graph graph = new Graph()) {
      Sequential model = build(graph, input, layer);
      long[] expected = new long[output.length + 1];
      expected[0] = -1;
      System.arraycopy(output, 0, expected, 1, output.length);
      assertArrayEquals(expected, model.outputShape().asArray(), layer);
      assertEquals(params, model.parameterCount(), layer);
    }
  }

  @Test
  void eachSupportedLayerHasKerasShapesAndParameterCounts() {
    assertLayer(new long[] {6}, new long[] {10}, 6 * 10 + 10, layer("Dense", "\"units\": 10"));
    assertLayer(new long[] {6}, new long[] {10}, 60, layer("Dense", "\"units\": 10, \"use_bias\": false"));
    assertLayer(new long[] {9, 9, 2}, new long[] {4, 5, 4}, 3 * 5 * 2 * 4 + 4,
        layer("Conv2D", "\"filters\": 4, \"kernel_size\": [3, 5], \"strides\": [2, 1], \"padding\": \"valid\""));
    assertLayer(new long[] {9, 9, 2}, new long[] {9, 9, 4}, 3 * 3 * 2 * 4 + 4,
        layer("Conv2D", "\"filters\": 4, \"kernel_size\": 3, \"padding\": \"same\""));
    assertLayer(new long[] {4, 4, 8}, new long[] {8, 8, 3}, 4 * 4 * 3 * 8 + 3,
        layer("Conv2DTranspose", "\"filters\": 3, \"kernel_size\": [4, 4], \"strides\": [2, 2], \"padding\": \"same\""));
    assertLayer(new long[] {4, 4, 8}, new long[] {9, 9, 3}, 3 * 3 * 3 * 8,
        layer("Conv2DTranspose", "\"filters\": 3, \"kernel_size\": 3, \"strides\": 2, \"use_bias\": false"));
    assertLayer(new long[] {4, 4, 8}, new long[] {4, 4, 8}, 4 * 8, layer("BatchNormalization", "\"axis\": [3]"));
    assertLayer(new long[] {12}, new long[] {12}, 4 * 12, layer("BatchNormalization", "\"axis\": -1, \"momentum\": 0.8"));
    assertLayer(new long[] {5}, new long[] {5}, 0, layer("LeakyReLU", "\"alpha\": 0.2"));
    assertLayer(new long[] {5}, new long[] {5}, 0, layer("ReLU", ""));
    assertLayer(new long[] {5}, new long[] {5}, 0, layer("Activation", "\"activation\": \"sigmoid\""));
    assertLayer(new long[] {5}, new long[] {5}, 0, layer("Dropout", "\"rate\": 0.4, \"seed\": 3"));
    assertLayer(new long[] {6}, new long[] {2, 3}, 0, layer("Reshape", "\"target_shape\": [2, 3]"));
    assertLayer(new long[] {2, 3, 4}, new long[] {24}, 0, layer("Flatten", "\"data_format\": \"channels_last\""));
    assertLayer(new long[] {4, 4, 8}, new long[] {8, 8, 8}, 0, layer("UpSampling2D", "\"size\": [2, 2]"));
    assertLayer(new long[] {4, 4, 8}, new long[] {8, 12, 8}, 0, layer("UpSampling2D", "\"size\": [2, 3], \"interpolation\": \"bilinear\""));
    assertLayer(new long[] {4, 4, 8}, new long[] {2, 2, 8}, 0, layer("MaxPooling2D", "\"pool_size\": [2, 2]"));
  }

  @Test
  void layersKeepTheNamesTheFileGivesThem() {
    try (Graph graph = new Graph()) {
      Sequential model = build(graph, new long[] {6}, layer("Dense", "\"name\": \"project\", \"units\": 4"),
          layer("LeakyReLU", "\"name\": \"act\""), layer("Dense", "\"units\": 1"));
      assertEquals(List.of("project", "act", "dense_1"), model.layers().stream().map(dcgan.model.Layer::name).toList(),
          "a nameless layer gets Keras's next default, counting the named ones");
      assertEquals("generator/project/kernel", model.weights().get(0).opName());
      assertTrue(model.summary().startsWith("Model: \"test_model\""), model.summary());
    }
  }

  /** The model's output for {@code x} in inference mode. */
  private static float[] run(long[] input, float[] x, String... layers) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      ModelBuilder builder = new ModelBuilder(tf, 1);
      Sequential model = KerasModel.parse(model(layers), "test.json").sequential("generator", Shape.of(input), null, false).build(builder);
      long[] dims = new long[input.length + 1];
      dims[0] = 1;
      System.arraycopy(input, 0, dims, 1, input.length);
      try (Session session = new Session(graph)) {
        builder.initializers().forEach(op -> session.runner().addTarget(op).run());
        return Tensors.fetch(session, model.call(tf, Tensors.constant(tf, Shape.of(dims), x), CallContext.inference()));
      }
    }
  }

  @Test
  void leakyReluReadsKeras2AlphaAndKeras3NegativeSlope() {
    assertArrayEquals(new float[] {-0.2f, 1f}, run(new long[] {2}, new float[] {-2f, 1f}, layer("LeakyReLU", "\"alpha\": 0.1")));
    assertArrayEquals(new float[] {-0.5f, 1f}, run(new long[] {2}, new float[] {-2f, 1f}, layer("LeakyReLU", "\"negative_slope\": 0.25")));
    assertArrayEquals(new float[] {-0.6f, 1f}, run(new long[] {2}, new float[] {-2f, 1f}, layer("LeakyReLU", "")), "Keras's default 0.3");
  }

  @Test
  void batchNormalizationUsesItsEpsilonAndInitializers() {
    // Inference: (x - moving_mean) / sqrt(moving_variance + epsilon) * gamma + beta
    float[] y = run(new long[] {2}, new float[] {3f, -1f}, layer("BatchNormalization", "\"epsilon\": 0.5, "
        + "\"gamma_initializer\": {\"class_name\": \"Constant\", \"config\": {\"value\": 2.0}}, \"beta_initializer\": \"ones\", "
        + "\"moving_variance_initializer\": {\"class_name\": \"Ones\", \"config\": {}}"));
    assertArrayEquals(new float[] {(float) (3 / Math.sqrt(1.5) * 2 + 1), (float) (-1 / Math.sqrt(1.5) * 2 + 1)}, y, 1e-6f);
  }

  @Test
  void activationsInsideDenseAndConvolutionsAreApplied() {
    float[] y = run(new long[] {2}, new float[] {1f, 2f}, layer("Dense", "\"units\": 2, \"activation\": \"relu\", "
        + "\"kernel_initializer\": {\"class_name\": \"Constant\", \"config\": {\"value\": -1.0}}, \"bias_initializer\": {\"class_name\": \"Constant\", \"config\": {\"value\": 4.0}}"));
    assertArrayEquals(new float[] {1f, 1f}, y, "relu(-1 - 2 + 4)");
    float[] z = run(new long[] {2, 2, 1}, new float[] {1f, 1f, 1f, 1f}, layer("Conv2D", "\"filters\": 1, \"kernel_size\": 2, "
        + "\"kernel_initializer\": \"ones\", \"activation\": \"tanh\""));
    assertArrayEquals(new float[] {(float) Math.tanh(4)}, z, 1e-6f, "one 'valid' tap of four ones");
  }

  /** Draws a model's initial weights: one Dense(64) on 200 inputs with {@code initializer}. */
  private static float[] kernel(String initializer) {
    try (Graph graph = new Graph()) {
      ModelBuilder builder = new ModelBuilder(Ops.create(graph), 7);
      Sequential model = KerasModel.parse(model(layer("Dense", "\"units\": 64, \"kernel_initializer\": " + initializer)), "t.json")
          .sequential("generator", Shape.of(200), null, false).build(builder);
      try (Session session = new Session(graph)) {
        builder.initializers().forEach(op -> session.runner().addTarget(op).run());
        Weight w = model.weights().get(0);
        return Tensors.fetch(session, w.variable());
      }
    }
  }

  private static double rms(float[] values) {
    return Math.sqrt(Arrays.stream(toDoubles(values)).map(v -> v * v).average().orElseThrow());
  }

  private static double maxAbs(float[] values) {
    return Arrays.stream(toDoubles(values)).map(Math::abs).max().orElseThrow();
  }

  private static double[] toDoubles(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = values[i];
    }
    return d;
  }

  @Test
  void initializersHaveTheirRanges() {
    double glorot = Math.sqrt(6.0 / (200 + 64));
    float[] g = kernel("{\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null}}");
    assertTrue(maxAbs(g) <= glorot && maxAbs(g) > 0.95 * glorot, "glorot_uniform fills [-" + glorot + ", " + glorot + ")");
    float[] he = kernel("\"he_normal\"");
    double heStd = Math.sqrt(2.0 / 200);
    assertEquals(heStd, rms(he), 0.05 * heStd, "he_normal: variance 2 / fan_in");
    assertTrue(maxAbs(he) <= 2 * heStd / 0.87962566103423978 + 1e-6, "he_normal: truncated at two standard deviations");
    float[] normal = kernel("{\"module\": \"keras.initializers\", \"class_name\": \"RandomNormal\", \"config\": {\"mean\": 0.0, "
        + "\"stddev\": 0.02, \"seed\": null}, \"registered_name\": null}");
    assertEquals(0.02, rms(normal), 0.001, "random_normal with its stddev");
    assertTrue(maxAbs(normal) > 2 * 0.02, "not truncated");
    assertEquals(0.0, maxAbs(kernel("\"zeros\"")));
  }

  /** Reading (and building, on {@code input}) the model must fail with a message holding every {@code part}. */
  private static void assertRefused(long[] input, String json, String... parts) {
    DataException e = assertThrows(DataException.class, () -> {
      try (Graph graph = new Graph()) {
        KerasModel.parse(json, "bad.json").sequential("generator", Shape.of(input), null, false)
            .build(new ModelBuilder(Ops.create(graph), 1));
      }
    });
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }
  }

  @Test
  void unsupportedLayersAndSettingsAreNamedWithTheirPosition() {
    long[] v = {6};
    long[] img = {8, 8, 2};
    assertRefused(img, model(layer("Conv2D", "\"name\": \"c\", \"filters\": 2, \"kernel_size\": 3"), layer("Conv3D", "\"name\": \"c3\"")),
        "bad.json: layer 2 of 2 (c3, Conv3D)", "Conv3D is not supported", "Conv2DTranspose");
    assertRefused(v, model(layer("Dense", "\"units\": 2, \"kernel_regularizer\": {\"class_name\": \"L2\", \"config\": {\"l2\": 0.01}}")),
        "layer 1 of 1 (Dense)", "kernel_regularizer", "not supported");
    assertRefused(img, model(layer("Conv2D", "\"filters\": 2, \"kernel_size\": 3, \"padding\": \"causal\"")), "padding 'causal'");
    assertRefused(img, model(layer("Conv2D", "\"filters\": 2, \"kernel_size\": 3, \"dilation_rate\": [2, 2]")), "dilation_rate");
    assertRefused(img, model(layer("Conv2D", "\"filters\": 2, \"kernel_size\": 3, \"data_format\": \"channels_first\"")), "data_format");
    assertRefused(img, model(layer("Conv2DTranspose", "\"filters\": 2, \"kernel_size\": 3, \"output_padding\": [1, 1]")), "output_padding");
    assertRefused(v, model(layer("Dense", "\"units\": 2, \"activation\": \"softmax\"")), "activation 'softmax'");
    assertRefused(v, model(layer("BatchNormalization", "\"center\": false")), "center");
    assertRefused(v, model(layer("ReLU", "\"max_value\": 6.0")), "max_value");
    assertRefused(v, model(layer("Dense", "\"units\": 2, \"trainable\": false")), "trainable");
    assertRefused(v, model(layer("Dense", "\"units\": 2, \"kernel_initializer\": \"orthogonal\"")), "initializer 'orthogonal'");
    assertRefused(v, model(layer("Dense", "\"units\": 2, \"dtype\": \"mixed_bfloat16\"")), "--precision mixed_bfloat16");
    assertRefused(v, model(layer("Dense", "\"name\": \"d\", \"units\": 2"), layer("Dense", "\"name\": \"d\", \"units\": 2")),
        "layer 2 of 2 (d, Dense)", "used by another layer");
    assertRefused(v, model(layer("Dense", "\"name\": \"a/b\", \"units\": 2")), "its name must be");
    assertRefused(v, model(layer("Dense", "\"units\": 2"), layer("InputLayer", "\"batch_shape\": [null, 2]")), "only be the first layer");
    assertRefused(v, model(layer("Dense", "\"use_bias\": true")), "it has no units");
    assertRefused(v, model(layer("Dropout", "\"rate\": 1.5")), "rate must be in [0, 1)");
  }

  @Test
  void shapesThatDoNotChainAreRefusedWithTheLayer() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      try (Graph graph = new Graph()) {
        build(graph, new long[] {8, 8, 2}, layer("Conv2D", "\"filters\": 2, \"kernel_size\": 3"),
            layer("Reshape", "\"name\": \"head\", \"target_shape\": [7, 7]"));
      }
    });
    assertTrue(e.getMessage().contains("generator's layer 2 of 2 (head (Reshape))") && e.getMessage().contains("cannot reshape"),
        e.getMessage());
  }

  @Test
  void modelsThatAreNotSequentialJsonAreRefused() throws java.io.IOException {
    assertEquals("bad.json is a Functional model; training takes Sequential models only (a stack of layers, one input, one output);"
        + " Generate, Evaluate and Compare also draw from Functional generators",
        assertThrows(DataException.class, () -> KerasModel.parse("{\"class_name\": \"Functional\", \"config\": {}}", "bad.json")).getMessage());
    assertTrue(assertThrows(DataException.class, () -> KerasModel.parse("{\"class_name\": ", "bad.json")).getMessage()
        .startsWith("bad.json is not valid JSON"));
    assertTrue(assertThrows(DataException.class, () -> KerasModel.parse("[1, 2]", "bad.json")).getMessage().contains("no class_name"));
    assertTrue(assertThrows(DataException.class, () -> KerasModel.parse(model(), "bad.json")).getMessage().contains("has no layers"));
    assertTrue(assertThrows(DataException.class, () -> KerasModel.read(tmp.resolve("missing.json"))).getMessage()
        .contains("no such model file"));
    java.nio.file.Path h5 = KerasModelTest.write(tmp, "model.h5", "\u0089HDF");
    assertTrue(assertThrows(DataException.class, () -> KerasModel.read(h5)).getMessage().contains("model.to_json()"));
    java.nio.file.Path zip = tmp.resolve("empty.keras");
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("metadata.json"));
      out.write('{');
    }
    assertTrue(assertThrows(DataException.class, () -> KerasModel.read(zip)).getMessage().contains("without config.json"));
  }

  @Test
  void aDeclaredInputOtherThanTheFedOneIsRefusedWithTheFix() {
    String json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [" + layer("InputLayer", "\"batch_input_shape\": [null, 100]")
        + ", " + layer("Dense", "\"units\": 4") + "]}}";
    DataException e = assertThrows(DataException.class,
        () -> KerasModel.parse(json, "g.json").sequential("generator", Shape.of(110), null, false));
    assertTrue(e.getMessage().contains("declares the input (None, 100), but the generator is fed (None, 110)")
        && e.getMessage().contains("--conditional"), e.getMessage());
  }

  @Test
  void anOutputOtherThanTheImagesIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      try (Graph graph = new Graph()) {
        KerasModel.parse(model(layer("Dense", "\"units\": 784"), layer("Reshape", "\"target_shape\": [28, 28, 1]")), "g.json")
            .sequential("generator", Shape.of(100), Shape.of(32, 32, 3), false).build(new ModelBuilder(Ops.create(graph), 1));
      }
    });
    assertEquals("the generator's output is (None, 28, 28, 1), but training needs (None, 32, 32, 3) (the images' shape)", e.getMessage());
  }

  @Test
  void spectralNormNormalizesDenseAndConv2DAndRefusesTransposedKernels() {
    try (Graph graph = new Graph()) {
      Sequential d = KerasModel.parse(model(layer("Conv2D", "\"filters\": 2, \"kernel_size\": 3"), layer("Flatten", ""),
          layer("Dense", "\"units\": 1")), "d.json").sequential("discriminator", Shape.of(8, 8, 1), Shape.of(1), true)
          .build(new ModelBuilder(Ops.create(graph), 1));
      assertEquals(List.of("kernel", "bias", "vector_u", "kernel", "bias", "vector_u"),
          d.weights().stream().map(Weight::name).toList());
    }
    DataException e = assertThrows(DataException.class, () -> KerasModel.parse(model(layer("Conv2DTranspose",
        "\"filters\": 2, \"kernel_size\": 3")), "d.json").sequential("discriminator", Shape.of(8, 8, 1), null, true));
    assertTrue(e.getMessage().contains("--spectral-norm normalizes Dense and Conv2D kernels only"), e.getMessage());
  }
}
