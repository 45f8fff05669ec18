package dcgan.model.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import dcgan.Tensors;
import dcgan.model.Discriminator;
import dcgan.model.Generator;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import dcgan.model.Weight;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * The tutorial's two networks written as Keras model files (Keras 3 JSON as committed in
 * examples/keras/, Keras 2 JSON, a .keras archive) build exactly the built-in networks: the same
 * summary, variables and initial weights.
 */
class KerasModelTest {

  @TempDir
  Path tmp;

  static final Path GENERATOR = Path.of("examples", "keras", "tutorial_generator.json");
  static final Path DISCRIMINATOR = Path.of("examples", "keras", "tutorial_discriminator.json");

  /** Both networks, built in one graph in the tutorial's order, with their weights' initial values. */
  private record Built(String generatorSummary, String discriminatorSummary, List<String> names, List<float[]> values) {}

  private static Built build(Sequential generator, Sequential discriminator) {
    try (Graph graph = new Graph()) {
      ModelBuilder builder = new ModelBuilder(Ops.create(graph), 42);
      generator.build(builder);
      discriminator.build(builder);
      List<String> names = new ArrayList<>();
      List<float[]> values = new ArrayList<>();
      try (Session session = new Session(graph)) {
        builder.initializers().forEach(op -> session.runner().addTarget(op).run());
        for (Sequential model : List.of(generator, discriminator)) {
          for (Weight w : model.weights()) {
            names.add(w.opName() + " " + w.shape() + (w.trainable() ? "" : " non-trainable"));
            values.add(Tensors.fetch(session, w.variable()));
          }
        }
      }
      return new Built(generator.summary(), discriminator.summary(), names, values);
    }
  }

  private static Built builtIn() {
    return build(Generator.makeGeneratorModel(100), Discriminator.makeDiscriminatorModel());
  }

  private static Built fromFiles(KerasModel generator, KerasModel discriminator) {
    return build(generator.sequential("generator", Shape.of(100), Shape.of(28, 28, 1), false),
        discriminator.sequential("discriminator", Shape.of(28, 28, 1), Shape.of(1), false));
  }

  private static void assertSameModels(Built expected, Built actual) {
    assertEquals(expected.generatorSummary(), actual.generatorSummary());
    assertEquals(expected.discriminatorSummary(), actual.discriminatorSummary());
    assertEquals(expected.names(), actual.names());
    for (int i = 0; i < expected.values().size(); i++) {
      assertArrayEquals(expected.values().get(i), actual.values().get(i), "initial value of " + expected.names().get(i));
    }
  }

  @Test
  void theCommittedKeras3JsonIsTheTutorialsNetworks() {
    Built files = fromFiles(KerasModel.read(GENERATOR), KerasModel.read(DISCRIMINATOR));
    assertSameModels(builtIn(), files);
    assertTrue(files.generatorSummary().contains("Total params: 2,330,944"), files.generatorSummary());
    assertTrue(files.discriminatorSummary().contains("Total params: 212,865"), files.discriminatorSummary());
    assertTrue(files.discriminatorSummary().contains("Model: \"sequential_1\""));
  }

  @Test
  void keras2JsonReadsTheSame() {
    Built files = fromFiles(KerasModel.read(Fixtures.resource("keras/keras2_tutorial_generator.json")),
        KerasModel.read(Fixtures.resource("keras/keras2_tutorial_discriminator.json")));
    assertSameModels(builtIn(), files);
  }

  @Test
  void aKerasArchiveIsReadThroughItsConfigJson() throws IOException {
    Path archive = tmp.resolve("generator.keras");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
      zip.putNextEntry(new ZipEntry("metadata.json"));
      zip.write("{\"keras_version\": \"3.6.0\"}".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("config.json"));
      zip.write(Files.readAllBytes(GENERATOR));
      zip.putNextEntry(new ZipEntry("model.weights.h5"));
      zip.write(new byte[] {(byte) 0x89, 'H', 'D', 'F'});
    }
    KerasModel fromArchive = KerasModel.read(archive);
    KerasModel fromJson = KerasModel.read(GENERATOR);
    assertEquals(fromJson, fromArchive, "the same architecture");
    assertEquals(fromJson.fingerprint(), fromArchive.fingerprint());
    assertTrue(fromArchive.hasWeights());
    assertFalse(fromJson.hasWeights());
    assertSameModels(builtIn(), fromFiles(fromArchive, KerasModel.read(DISCRIMINATOR)));
  }

  @Test
  void theTextReadsBackAsTheSameModelAndTheFingerprintFollowsIt() throws IOException {
    KerasModel model = KerasModel.read(GENERATOR);
    KerasModel again = KerasModel.parse(model.text(), "checkpoint");
    assertEquals(model, again);
    assertEquals(model.fingerprint(), again.fingerprint());
    assertEquals(16, model.fingerprint().length());
    String reformatted = Files.readString(GENERATOR).replace("\n", " ").replace("  ", " ");
    assertEquals(model.fingerprint(), KerasModel.parse(reformatted, "one line").fingerprint(), "whitespace does not count");
    String other = Files.readString(GENERATOR).replace("\"momentum\": 0.99", "\"momentum\": 0.9");
    assertNotEquals(model.fingerprint(), KerasModel.parse(other, "changed").fingerprint());
  }

  @Test
  void theDeclaredInputIsKept() {
    assertArrayEquals(new long[] {100}, KerasModel.read(GENERATOR).declaredInput());
    assertArrayEquals(new long[] {28, 28, 1}, KerasModel.read(DISCRIMINATOR).declaredInput());
    assertArrayEquals(new long[] {100}, KerasModel.read(Fixtures.resource("keras/keras2_tutorial_generator.json")).declaredInput());
  }

  /** A file to read: for tests that need one on disk. */
  static Path write(Path folder, String name, String text) throws IOException {
    Path file = folder.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
