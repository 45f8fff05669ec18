package dcgan.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dcgan.data.DataException;
import dcgan.data.ImageShape;
import dcgan.losses.GanLoss;
import dcgan.model.Architecture;
import dcgan.model.GanSpec;
import dcgan.model.Labels;
import dcgan.model.Precision;
import dcgan.model.keras.KerasModel;
import dcgan.training.Objective;
import dcgan.training.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The networks and training settings as JSON: every kind reads back into the same typed values, and runs differ by named fields. */
class SpecJsonTest {

  static Stream<TrainConfig> configs() {
    TrainConfig tutorial = TrainConfig.tutorial();
    List<TrainConfig> all = new ArrayList<>(List.of(tutorial,
        tutorial.withNetworks(GanSpec.tutorial().withLabels(Labels.of(10))),
        tutorial.withNetworks(GanSpec.tutorial().withImage(new ImageShape(32, 32, 3)).withArchitecture(Architecture.DCGAN)
            .withLabels(Labels.of(3)).withSpectralNorm(true)),
        tutorial.withNetworks(GanSpec.tutorial().withPrecision(Precision.MIXED_BFLOAT16).withNoiseDim(64)),
        tutorial.withNetworks(GanSpec.tutorial().withImage(new ImageShape(32, 32, 3))
            .withGeneratorModel(Optional.of(KerasModel.read(Path.of("examples/keras/upsampling_generator_32x32x3.json"))))
            .withDiscriminatorModel(Optional.of(KerasModel.read(Path.of("examples/keras/small_discriminator_32x32x3.json"))))),
        tutorial.toBuilder().epochs(7).batchSize(32).bufferSize(1000).numExamples(25).learningRate(2e-4f).adamBeta1(0f)
            .adamBeta2(0.9f).seed(-3).threads(1).build()));
    for (GanLoss loss : GanLoss.values()) {
      all.add(tutorial.toBuilder().objective(new Objective(loss, 10f, 5)).build());
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("configs")
  void readsBackIntoTheSameTypes(TrainConfig config) {
    JsonObject json = SpecJson.parse(SpecJson.text(SpecJson.run(config, "64x28x28:crc32=1")), "test");
    GanSpec networks = SpecJson.ganSpec(json.getAsJsonObject("networks"), "test");
    assertEquals(config.networks(), networks);
    assertEquals(config, SpecJson.trainConfig(json, networks, "test"));
    assertEquals(List.of(), SpecJson.differences(json, SpecJson.run(config, "64x28x28:crc32=1")));
  }

  @Test
  void floatsAreWrittenAsTheirShortestDecimal() {
    String text = SpecJson.text(SpecJson.run(TrainConfig.tutorial(), "d"));
    assertTrue(text.contains("\"learning_rate\": 0.0001,") && text.contains("\"adam_beta2\": 0.999,")
        && text.contains("\"gradient_penalty\": 0,"), text);
  }

  @Test
  void runsDifferByNamedFieldsButNotByEpochsOrThreads() {
    TrainConfig a = TrainConfig.tutorial();
    TrainConfig b = a.toBuilder().epochs(3).threads(1).batchSize(64).networks(GanSpec.tutorial().withNoiseDim(64)).build();
    List<SpecJson.Difference> differences = SpecJson.differences(SpecJson.run(a, "x"), SpecJson.run(b, "y"));
    assertEquals(List.of("networks.noise_dim is 100 there, 64 here", "training.batch_size is 256 there, 64 here",
        "data is x there, y here"), differences.stream().map(Object::toString).toList());
  }

  @Test
  void settingsThatAreNotThisProjectsJsonAreOneClearError() {
    DataException notJson = assertThrows(DataException.class, () -> SpecJson.parse("{oops", "ckpt-1"));
    assertTrue(notJson.getMessage().startsWith("ckpt-1 holds settings that are not this project's JSON"), notJson.getMessage());
    DataException newer = assertThrows(DataException.class, () -> SpecJson.parse("{\"format\": 99}", "ckpt-1"));
    assertTrue(newer.getMessage().contains("newer or unknown format"), newer.getMessage());
    JsonObject broken = SpecJson.networks(GanSpec.tutorial());
    broken.addProperty("architecture", "biggan");
    DataException unknown = assertThrows(DataException.class, () -> SpecJson.ganSpec(broken, "ckpt-1"));
    assertTrue(unknown.getMessage().startsWith("ckpt-1 holds networks this project cannot rebuild"), unknown.getMessage());
  }
}
