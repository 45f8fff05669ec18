package dcgan.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.data.DataException;
import dcgan.model.Weight;
import dcgan.training.StartingPoint;
import dcgan.training.TrainStepFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .keras files written beside the SavedModels, and {@code --init-from} reading them back into a fresh train step. */
class KerasExportTest {

  @TempDir
  Path tmp;

  @Test
  void aTrainStepStartsFromTheWeightsItsKerasFilesHold() {
    List<float[]> trained = new ArrayList<>();
    try (TrainStepFixture f = new TrainStepFixture()) {
      f.train(0, 2); // moving statistics and weights away from their initial values
      assertEquals(List.of(), new KerasExport(true).write(f.step.model(), f.session, tmp));
      f.step.modelWeights().forEach(w -> trained.add(f.value(w)));
    }
    for (String format : List.of(".keras", ".h5")) {
      List<String> log = new ArrayList<>();
      try (TrainStepFixture other = new TrainStepFixture(TrainStepFixture.config(1, 8, 64, 4, 99, 2))) {
        List<Weight> weights = other.step.modelWeights();
        assertFalse(java.util.Arrays.equals(trained.get(0), other.value(weights.get(0))), "another seed starts elsewhere");
        StartingPoint start = new KerasInitialization(List.of(tmp.resolve("generator" + format), tmp.resolve("discriminator" + format)),
            log::add);
        assertEquals(new StartingPoint.Progress(0, 0), start.initialize(other.step, other.session));
        for (int i = 0; i < weights.size(); i++) {
          assertArrayEquals(trained.get(i), other.value(weights.get(i)), format + ": " + weights.get(i).opName());
        }
        assertEquals(0, other.iterations(other.step.generatorOptimizer()), "the optimizers start fresh");
        assertTrue(log.get(0).startsWith("Initialized the generator from "), log.toString());

        DataException swapped = assertThrows(DataException.class, () -> new KerasInitialization(
            List.of(tmp.resolve("discriminator" + format)), log::add).initialize(other.step, other.session));
        assertTrue(swapped.getMessage().contains(format.equals(".keras")
            ? "discriminator.keras: layer 1 (dense (Dense)) has 1 weights, but the file holds 2 at layers/dense/vars"
            : "discriminator.h5 holds weights for 3 layers (conv2d, conv2d_1, dense_1), but the model has 7"), swapped.getMessage());
      }
    }
  }

  @Test
  void aSpectrallyNormalizedDiscriminatorIsWrittenWithItsNormalizedKernelsAndNoVectors() {
    try (TrainStepFixture f = new TrainStepFixture(TrainStepFixture.spectralNorm(TrainStepFixture.CONFIG))) {
      f.train(0, 1);
      assertEquals(List.of(), new KerasExport().write(f.step.model(), f.session, tmp));
      var read = dcgan.model.keras.KerasWeights.read(KerasExport.path(tmp, "discriminator")).byStatePath();
      Weight raw = f.step.discriminator().layers().get(0).weights().get(0);
      assertEquals(2, read.get("conv2d").size(), "kernel and bias; no vector_u");
      float[] written = read.get("conv2d").get(0).values();
      float[] kernel = f.value(raw);
      double ratio = kernel[0] / written[0];
      for (int i = 0; i < kernel.length; i += 97) {
        assertEquals(ratio, kernel[i] / written[i], 1e-3 * ratio, "the kernel divided by one sigma, element " + i);
      }
      assertTrue(ratio > 0 && Math.abs(ratio - 1) > 1e-3, "sigma " + ratio);
    }
  }

  @Test
  void aConditionalGansNetworksAreFunctionalModelsOfTwoInputs() {
    try (TrainStepFixture f = new TrainStepFixture(TrainStepFixture.conditional(TrainStepFixture.CONFIG))) {
      assertEquals(List.of(), new KerasExport().write(f.step.model(), f.session, tmp));
      for (String role : List.of("generator", "discriminator")) {
        String config = new String(dcgan.model.keras.KerasArchive.entry(KerasExport.path(tmp, role), "config.json"),
            java.nio.charset.StandardCharsets.UTF_8);
        var json = com.google.gson.JsonParser.parseString(config).getAsJsonObject();
        assertEquals("Functional", json.get("class_name").getAsString());
        String inputs = json.getAsJsonObject("config").get("input_layers").toString();
        assertEquals(role.equals("generator") ? "[[\"noise\",0,0],[\"labels\",0,0]]" : "[[\"images\",0,0],[\"labels\",0,0]]", inputs);
        assertTrue(config.contains("\"CategoryEncoding\"") && config.contains("\"num_tokens\": 10"), config);
      }
      var read = dcgan.model.keras.KerasWeights.read(KerasExport.path(tmp, "generator")).byStatePath();
      assertEquals(List.of(110L, 12544L), java.util.Arrays.stream(read.get("dense").get(0).shape()).boxed().toList(),
          "the Dense kernel takes the noise and the one-hot label");
    }
  }
}
