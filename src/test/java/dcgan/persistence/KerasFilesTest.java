package dcgan.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.data.DataException;
import dcgan.data.ImageShape;
import dcgan.data.Npy;
import dcgan.model.Architecture;
import dcgan.model.CallContext;
import dcgan.model.GanModel;
import dcgan.model.GanSpec;
import dcgan.model.Labels;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import dcgan.model.keras.KerasModel;
import dcgan.model.keras.KerasWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Keras files both ways: what Java writes ({@code .keras}, and legacy {@code .h5} with {@code
 * --keras-h5}) reads back into bitwise the SavedModel's images for every kind of network; real files
 * of older Keras versions (committed fixtures, see {@code keras-fixtures/README.md}) compute what
 * Keras computes from them.
 */
class KerasFilesTest {

  private static final Path FIXTURES = Path.of("src/test/resources/keras-fixtures");

  @TempDir
  Path tmp;

  static Stream<GanSpec> networks() {
    Path examples = Path.of("examples/keras");
    GanSpec rgb = GanSpec.tutorial().withImage(new ImageShape(32, 32, 3));
    return Stream.of(
        GanSpec.tutorial(),
        GanSpec.tutorial().withLabels(Labels.of(10)),
        rgb.withArchitecture(Architecture.DCGAN),
        GanSpec.tutorial().withImage(new ImageShape(16, 16, 1)).withArchitecture(Architecture.DCGAN).withLabels(Labels.of(3)),
        rgb.withGeneratorModel(Optional.of(KerasModel.read(examples.resolve("upsampling_generator_32x32x3.json"))))
            .withDiscriminatorModel(Optional.of(KerasModel.read(examples.resolve("small_discriminator_32x32x3.json")))),
        GanSpec.tutorial().withSpectralNorm(true).withLabels(Labels.of(10)));
  }

  @ParameterizedTest
  @MethodSource("networks")
  void whatJavaWritesReadsBackIntoTheSameImagesBitForBit(GanSpec spec) throws IOException {
    Path folder = tmp.resolve("saved_models");
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      ModelBuilder builder = new ModelBuilder(Ops.create(graph), 7);
      GanModel model = GanModel.build(spec, builder);
      builder.initializers().forEach(session::run);
      assertEquals(List.of(), new SavedModelExporter(folder, true).export(model, session));
    }
    int count = 6;
    float[] noise = new float[count * spec.noiseDim()];
    Random random = new Random(3);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    int[] labels = {0, 1, 2, 0, 1, 2};
    float[] expected = draw(folder.resolve("generator"), noise, spec.labels().conditional() ? labels : null);
    for (String file : List.of("generator.keras", "generator.h5")) {
      assertArrayEquals(expected, draw(folder.resolve(file), noise, spec.labels().conditional() ? labels : null),
          file + " of " + spec.describeNetworks());
    }
  }

  private static float[] draw(Path model, float[] noise, int[] labels) {
    try (SavedGenerator generator = SavedGenerator.load(model)) {
      return labels == null ? generator.generate(noise, noise.length / generator.noiseDim()) : generator.generate(noise, labels);
    }
  }

  @Test
  void aTrainedGeneratorOfKeras224SavedAsWeightsAloneDrawsKerassDigits() throws IOException {
    Path folder = FIXTURES.resolve("keras-gan-mnist-generator");
    float[] noise = floats(folder.resolve("noise.npy"));
    float[] keras = floats(folder.resolve("keras-images.npy"));
    try (SavedGenerator generator = SavedGenerator.load(folder.resolve("mnist_generator.h5"),
        Optional.of(folder.resolve("generator.json")))) {
      assertEquals(100, generator.noiseDim());
      assertEquals(ImageShape.MNIST, generator.imageShape());
      assertClose(keras, generator.generate(noise, 16), 1e-4);
    }
    DataException alone = assertThrows(DataException.class, () -> SavedGenerator.load(folder.resolve("mnist_generator.h5")));
    assertTrue(alone.getMessage().contains("holds weights only (model.save_weights); pass the model's architecture too:"
        + " --generator-model"), alone.getMessage());
  }

  @Test
  void aWholeModelOfKeras213ComputesWhatKerasComputes() throws IOException {
    Path folder = FIXTURES.resolve("dl4j-cnn-batch-norm");
    Path file = folder.resolve("cnn_batch_norm.h5");
    float[] input = floats(folder.resolve("input.npy"));
    float[] keras = floats(folder.resolve("keras-output.npy"));
    KerasModel architecture = KerasModel.read(file); // the oldest config: a bare list of layers, the input on the first
    assertTrue(architecture.hasWeights());
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Sequential model = architecture.sequential("discriminator", Shape.of(10, 10, 3), null, false)
          .build(ModelBuilder.withoutInitializers(tf));
      session.run(KerasWeights.read(file).assign(tf, KerasWeights.slots(model)));
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 10, 10, 3)));
      var y = model.call(tf, x, CallContext.inference());
      try (TFloat32 in = TFloat32.tensorOf(Shape.of(8, 10, 10, 3), org.tensorflow.ndarray.buffer.DataBuffers.of(input));
          Result r = session.runner().feed(x, in).fetch(y).run()) {
        float[] out = new float[8];
        ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out);
        assertClose(keras, out, 1e-5);
      }
    }
  }

  @Test
  void legacyFilesSayWhichVersionTheyFollowAndHoldTheModelInKeras2sForm() throws IOException {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      ModelBuilder builder = new ModelBuilder(Ops.create(graph), 7);
      GanModel model = GanModel.build(GanSpec.tutorial().withLabels(Labels.of(10)), builder);
      builder.initializers().forEach(session::run);
      new SavedModelExporter(tmp, true).export(model, session);
    }
    var attributes = dcgan.model.keras.KerasH5.modelConfig(KerasExport.h5Path(tmp, "generator")).orElseThrow();
    var config = com.google.gson.JsonParser.parseString(attributes).getAsJsonObject();
    assertEquals("Functional", config.get("class_name").getAsString());
    String text = config.toString();
    assertTrue(text.contains("\"batch_input_shape\":[null,100]") && text.contains("\"inbound_nodes\":[[[\"noise\",0,0,{}],"
        + "[\"one_hot\",0,0,{}]]]") && text.contains("\"alpha\":0.3") && text.contains("\"dtype\":\"float32\""), text);
    assertTrue(!text.contains("module") && !text.contains("DTypePolicy") && !text.contains("build_config"), text);
  }

  @Test
  void badFilesAreOneErrorNamingTheFile() throws IOException {
    Path folder = tmp.resolve("saved_models");
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      ModelBuilder builder = new ModelBuilder(Ops.create(graph), 7);
      GanModel model = GanModel.build(GanSpec.tutorial(), builder);
      builder.initializers().forEach(session::run);
      new SavedModelExporter(folder, true).export(model, session);
    }
    byte[] whole = Files.readAllBytes(KerasExport.h5Path(folder, "generator"));
    Path truncated = Files.write(tmp.resolve("truncated.h5"), java.util.Arrays.copyOf(whole, whole.length / 3));
    DataException e = assertThrows(DataException.class, () -> SavedGenerator.load(truncated));
    assertTrue(e.getMessage().startsWith(truncated + " does not read as HDF5") && e.getMessage().contains("save it again"),
        e.getMessage());

    Path discriminator = KerasExport.h5Path(folder, "discriminator");
    e = assertThrows(DataException.class, () -> SavedGenerator.load(KerasExport.h5Path(folder, "generator"),
        Optional.of(discriminator)));
    assertTrue(e.getMessage().contains("declares the input [28, 28, 1]; a generator takes one noise vector per image"), e.getMessage());

    Path json = Path.of("examples/keras/upsampling_generator_32x32x3.json");
    e = assertThrows(DataException.class, () -> SavedGenerator.load(KerasExport.h5Path(folder, "generator"), Optional.of(json)));
    assertTrue(e.getMessage().startsWith(KerasExport.h5Path(folder, "generator") + " holds weights for 7 layers (dense, "),
        e.getMessage());

    Path notKeras = Files.writeString(tmp.resolve("notes.h5"), "not HDF5 at all");
    e = assertThrows(DataException.class, () -> SavedGenerator.load(notKeras));
    assertTrue(e.getMessage().startsWith(notKeras + " is neither a .keras file (a zip) nor an HDF5 file (.h5)"), e.getMessage());
  }

  private static float[] floats(Path npy) throws IOException {
    try (var in = Files.newInputStream(npy)) {
      return Npy.read(in, npy.toString()).floats();
    }
  }

  private static void assertClose(float[] expected, float[] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(worst <= tolerance, "max abs difference " + worst);
  }
}
