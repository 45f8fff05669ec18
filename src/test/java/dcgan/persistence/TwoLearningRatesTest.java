package dcgan.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dcgan.training.TrainConfig;
import dcgan.training.TrainStepFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * The two time-scale update rule: each network's Adam holds its own learning rate, the settings
 * keep the discriminator's only where it differs (so that runs of one rate read as before), and a
 * resume with another one is named.
 */
class TwoLearningRatesTest {

  private static final TrainConfig TTUR = TrainStepFixture.CONFIG.toBuilder().generatorLearningRate(1e-4f)
      .discriminatorLearningRate(4e-4f).build();

  @Test
  void eachAdamHoldsItsNetworksRate() {
    try (TrainStepFixture f = new TrainStepFixture(TTUR)) {
      assertEquals(1e-4f, rate(f, f.step.generatorOptimizer()));
      assertEquals(4e-4f, rate(f, f.step.discriminatorOptimizer()));
    }
  }

  private static float rate(TrainStepFixture f, dcgan.training.Adam adam) {
    try (Result r = f.session.runner().fetch(adam.hyperVariables().get("learning_rate")).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  @Test
  void theSettingsKeepTheDiscriminatorsRateOnlyWhereItDiffers() {
    JsonObject one = SpecJson.run(TrainStepFixture.CONFIG, "data");
    assertFalse(one.getAsJsonObject("training").has("discriminator_learning_rate"), one.toString());
    JsonObject two = SpecJson.run(TTUR, "data");
    assertEquals("4.0E-4", two.getAsJsonObject("training").get("discriminator_learning_rate").getAsBigDecimal().floatValue() + "");
    TrainConfig read = SpecJson.trainConfig(SpecJson.parse(SpecJson.text(two), "test"), TTUR.networks(), "test");
    assertEquals(TTUR, read);
    assertEquals(TrainStepFixture.CONFIG, SpecJson.trainConfig(SpecJson.parse(SpecJson.text(one), "test"), TTUR.networks(), "test"));
    List<SpecJson.Difference> differences = SpecJson.differences(two, one);
    assertEquals(1, differences.size(), differences.toString());
    assertEquals("training.discriminator_learning_rate is 0.0004 there, 0.0001 here", differences.get(0).toString(),
        "the rate in effect on both sides, also where one side keeps none");
    assertEquals("--discriminator-learning-rate", SpecJson.option(differences.get(0).field()));
    assertTrue(SpecJson.differences(one, SpecJson.run(TrainStepFixture.CONFIG, "data")).isEmpty());
  }
}
