package dcgan.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Tensors;
import dcgan.model.Weight;
import dcgan.training.TrainConfig;
import dcgan.training.TrainStepFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;

/** saved_models/: parsed with TensorFlow's protos, and run against the training graph's inference path. */
class SavedModelExporterTest {

  @TempDir
  Path tmp;

  private static MetaGraphDef metaGraph(Path folder) throws IOException {
    try (InputStream in = Files.newInputStream(folder.resolve("saved_model.pb"))) {
      SavedModel model = SavedModel.parseFrom(in);
      assertEquals(1, model.getMetaGraphsCount());
      return model.getMetaGraphs(0);
    }
  }

  private static void assertTensor(TensorInfo info, long... dims) {
    assertEquals(DataType.DT_FLOAT, info.getDtype());
    assertArrayEquals(dims, info.getTensorShape().getDimList().stream().mapToLong(d -> d.getSize()).toArray());
  }

  private static Set<String> variables(MetaGraphDef meta) {
    return meta.getGraphDef().getNodeList().stream().filter(n -> n.getOp().equals("VariableV2")).map(NodeDef::getName)
        .collect(Collectors.toSet());
  }

  private static Set<String> opTypes(MetaGraphDef meta) {
    return meta.getGraphDef().getNodeList().stream().map(NodeDef::getOp).collect(Collectors.toSet());
  }

  @Test
  void generatorIsAnInferenceOnlyServingModel() throws IOException {
    SavedModelExporter exporter = new SavedModelExporter(tmp.resolve("saved_models"));
    float[] noise = Tensors.random(new Random(3), 5 * 100, 2f);
    float[] expected;
    try (TrainStepFixture f = new TrainStepFixture()) {
      f.train(0, 2); // moving statistics away from their initial values
      exporter.export(f.step.model(), f.session);
      expected = f.generatorInference(noise, 5);
      MetaGraphDef meta = metaGraph(exporter.generatorPath());
      assertTrue(meta.getMetaInfoDef().getTagsList().contains("serve"));
      SignatureDef signature = meta.getSignatureDefOrThrow("serving_default");
      assertEquals(Set.of("noise"), signature.getInputsMap().keySet());
      assertEquals(Set.of("images"), signature.getOutputsMap().keySet());
      assertTensor(signature.getInputsOrThrow("noise"), -1, 100);
      assertTensor(signature.getOutputsOrThrow("images"), -1, 28, 28, 1);
      assertTrue(meta.hasSaverDef() && !meta.getSaverDef().getRestoreOpName().isEmpty(), "a saver to restore the variables");
      assertEquals(f.step.generator().weights().stream().map(Weight::opName).collect(Collectors.toSet()), variables(meta));
      Set<String> types = opTypes(meta);
      // (Assign ops remain: the saver's restore op assigns the variables.)
      for (String training : List.of("ApplyAdam", "StatelessRandomUniform", "StatelessRandomNormal", "FusedBatchNormGradV3")) {
        assertFalse(types.contains(training), training + " in an inference graph");
      }
    }
    long dataBytes = Files.size(exporter.generatorPath().resolve("variables/variables.data-00000-of-00001"));
    assertEquals(2_330_944L * 4, dataBytes, 4096, "the generator's weights only, about 9.3 MB");

    try (SavedModelBundle bundle = SavedModelBundle.load(exporter.generatorPath().toString(), "serve");
        TFloat32 z = TFloat32.tensorOf(Shape.of(5, 100), DataBuffers.of(noise, true, false));
        Result result = bundle.function("serving_default").call(Map.<String, Tensor>of("noise", z))) {
      assertArrayEquals(expected, Tensors.values((TFloat32) result.get("images").orElseThrow()), "same numbers as the training graph");
    }
  }

  @Test
  void discriminatorMapsImagesToLogits() throws IOException {
    SavedModelExporter exporter = new SavedModelExporter(tmp.resolve("saved_models"));
    try (TrainStepFixture f = new TrainStepFixture()) {
      f.train(0, 1);
      exporter.export(f.step.model(), f.session);
      exporter.export(f.step.model(), f.session); // replaces the folders in place
      MetaGraphDef meta = metaGraph(exporter.discriminatorPath());
      SignatureDef signature = meta.getSignatureDefOrThrow("serving_default");
      assertTensor(signature.getInputsOrThrow("images"), -1, 28, 28, 1);
      assertTensor(signature.getOutputsOrThrow("logits"), -1, 1);
      assertEquals(f.step.discriminator().weights().stream().map(Weight::opName).collect(Collectors.toSet()), variables(meta));
      assertFalse(opTypes(meta).contains("StatelessRandomUniform"), "no dropout at inference");
    }
    try (Stream<Path> files = Files.list(tmp.resolve("saved_models"))) {
      assertEquals(Set.of("generator", "discriminator", "generator.keras", "discriminator.keras"),
          files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()), "no temporary folders or files left");
    }
  }

  @Test
  void eachSavedModelKeepsItsSpecAndOneWithoutItLoadsByItsSignature() throws IOException {
    SavedModelExporter exporter = new SavedModelExporter(tmp.resolve("saved_models"));
    TrainConfig config = TrainStepFixture.conditional(TrainStepFixture.CONFIG);
    try (TrainStepFixture f = new TrainStepFixture(config)) {
      exporter.export(f.step.model(), f.session);
    }
    for (Path model : List.of(exporter.generatorPath(), exporter.discriminatorPath())) {
      String asset = Files.readString(model.resolve(SavedModelExporter.SPEC_ASSET));
      assertTrue(asset.contains("\"role\": \"" + model.getFileName() + "\"") && asset.contains("\"classes\": 10"), asset);
    }
    try (SavedGenerator generator = SavedGenerator.load(exporter.generatorPath())) {
      assertEquals(config.networks(), generator.spec().orElseThrow());
      assertEquals(10, generator.classes());
    }
    // A SavedModel without it (Python's, or exported before the spec was kept) is read by its signature and graph.
    Files.delete(exporter.generatorPath().resolve(SavedModelExporter.SPEC_ASSET));
    try (SavedGenerator generator = SavedGenerator.load(exporter.generatorPath())) {
      assertTrue(generator.spec().isEmpty());
      assertEquals(10, generator.classes());
      assertTrue(generator.conditional());
    }
  }

  @Test
  void whatAKilledExportLeftBehindIsRemovedByTheNext() throws IOException {
    Path folder = tmp.resolve("saved_models");
    Files.createDirectories(folder.resolve(".snapshot-123/weights"));
    Files.createDirectories(folder.resolve(".tmp-generator-456/variables"));
    Files.writeString(folder.resolve(".tmp-generator.keras-789"), "half a file");
    try (TrainStepFixture f = new TrainStepFixture()) {
      new SavedModelExporter(folder).export(f.step.model(), f.session);
    }
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(Set.of("generator", "discriminator", "generator.keras", "discriminator.keras"),
          files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }
  }
}
