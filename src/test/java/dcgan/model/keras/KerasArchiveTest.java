package dcgan.model.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dcgan.data.DataException;
import dcgan.data.ImageShape;
import dcgan.model.Architecture;
import dcgan.model.GanModel;
import dcgan.model.GanSpec;
import dcgan.model.Layer;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * {@code .keras} files as Keras 3 lays them out: the config reads back as the same layers, and the
 * weights sit at Keras's paths, bit for bit. (That Keras itself opens them is checked against the
 * real Python Keras in {@code dcgan.interop.PythonChecksTest}.)
 */
class KerasArchiveTest {

  @TempDir
  Path tmp;

  static Stream<GanSpec> specs() {
    return Stream.of(GanSpec.tutorial(), GanSpec.tutorial().withImage(new ImageShape(32, 32, 3)).withArchitecture(Architecture.DCGAN),
        GanSpec.tutorial().withImage(new ImageShape(32, 32, 3))
            .withGeneratorModel(java.util.Optional.of(KerasModel.read(Path.of("examples/keras/upsampling_generator_32x32x3.json")))));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void weightsAndLayersReadBackAsWritten(GanSpec spec) throws IOException {
    try (Graph graph = new Graph()) {
      GanModel model = GanModel.build(spec, ModelBuilder.withoutInitializers(Ops.create(graph)));
      for (Sequential network : List.of(model.generator(), model.discriminator())) {
        Map<Weight, float[]> values = new HashMap<>();
        Random random = new Random(network.scope().length());
        Path file = tmp.resolve(network.scope() + ".keras");
        Files.write(file, KerasArchive.write(network, layer -> layer.weights().stream()
            .map(w -> new KerasWeights.Values(w.shape().asArray(), values.computeIfAbsent(w, k -> randomValues(random, k)))).toList()));

        Map<String, List<KerasWeights.Values>> read = KerasWeights.read(file).byStatePath();
        List<String> paths = KerasArchive.statePaths(network);
        List<String> weighted = new java.util.ArrayList<>();
        for (int l = 0; l < paths.size(); l++) {
          if (!network.layers().get(l).weights().isEmpty()) {
            weighted.add(paths.get(l));
          }
        }
        assertEquals(java.util.Set.copyOf(weighted), read.keySet(), "every layer with weights has its group, and only those");
        for (int l = 0; l < network.layers().size(); l++) {
          Layer layer = network.layers().get(l);
          List<KerasWeights.Values> vars = read.getOrDefault(paths.get(l), List.of());
          assertEquals(layer.weights().size(), vars.size(), paths.get(l));
          for (int i = 0; i < vars.size(); i++) {
            Weight w = layer.weights().get(i);
            assertArrayEquals(w.shape().asArray(), vars.get(i).shape(), w.opName());
            assertArrayEquals(values.get(w), vars.get(i).values(), w.opName());
          }
        }
        // The config is a Keras model file this project reads: the same layers, in order.
        String config = new String(KerasArchive.entry(file, "config.json"), StandardCharsets.UTF_8);
        KerasModel reread = KerasModel.parse(config, file.toString());
        try (Graph other = new Graph()) {
          Sequential rebuilt = reread.sequential(network.scope(), dims(network.inputShape()), null, false)
              .build(ModelBuilder.withoutInitializers(Ops.create(other)));
          assertEquals(network.layers().stream().map(Layer::type).toList(), rebuilt.layers().stream().map(Layer::type).toList());
          assertEquals(network.parameterCount(), rebuilt.parameterCount());
          assertArrayEquals(network.outputShape().asArray(), rebuilt.outputShape().asArray());
        }
        JsonObject metadata = JsonParser.parseString(new String(KerasArchive.entry(file, "metadata.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
        assertTrue(metadata.get("keras_version").getAsString().startsWith("3."), metadata.toString());
      }
    }
  }

  @Test
  void layersAreKeptUnderKerassPathsNotTheirNames() {
    try (Graph graph = new Graph()) {
      GanModel model = GanModel.build(GanSpec.tutorial(), ModelBuilder.withoutInitializers(Ops.create(graph)));
      assertEquals("dense_1", model.discriminator().layers().get(7).name(), "named after the generator's dense");
      assertEquals(List.of("conv2d", "leaky_re_lu", "dropout", "conv2d_1", "leaky_re_lu_1", "dropout_1", "flatten", "dense"),
          KerasArchive.statePaths(model.discriminator()));
    }
  }

  @Test
  void aFileThatIsNotAKerasArchiveIsOneClearError() throws IOException {
    Path text = Files.writeString(tmp.resolve("model.keras"), "not a zip");
    DataException e = assertThrows(DataException.class, () -> KerasWeights.read(text).byStatePath());
    assertTrue(e.getMessage().contains("model.keras is neither a .keras file (a zip) nor an HDF5 file (.h5)"), e.getMessage());
  }

  private static org.tensorflow.ndarray.Shape dims(org.tensorflow.ndarray.Shape withBatch) {
    long[] all = withBatch.asArray();
    return org.tensorflow.ndarray.Shape.of(java.util.Arrays.copyOfRange(all, 1, all.length));
  }

  private static float[] randomValues(Random random, Weight w) {
    float[] values = new float[(int) w.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
