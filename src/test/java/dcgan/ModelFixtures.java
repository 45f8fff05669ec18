package dcgan;

import dcgan.persistence.SavedModelExporter;
import dcgan.training.TrainStepFixture;
import java.nio.file.Path;

/** SavedModels made on the spot for tests that need one. */
public final class ModelFixtures {

  private ModelFixtures() {}

  /**
   * Exports the untrained networks of {@link TrainStepFixture} into {@code folder} ({@code
   * generator/} and {@code discriminator/}) and returns the generator's folder.
   */
  public static Path untrainedGenerator(Path folder) {
    SavedModelExporter exporter = new SavedModelExporter(folder, true);
    try (TrainStepFixture fixture = new TrainStepFixture()) {
      exporter.export(fixture.step.model(), fixture.session);
    }
    return exporter.generatorPath();
  }

  /** The same for a conditional GAN of ten classes. */
  public static Path untrainedConditionalGenerator(Path folder) {
    SavedModelExporter exporter = new SavedModelExporter(folder, true);
    try (TrainStepFixture fixture = new TrainStepFixture(TrainStepFixture.conditional(TrainStepFixture.CONFIG))) {
      exporter.export(fixture.step.model(), fixture.session);
    }
    return exporter.generatorPath();
  }
}
