package dcgan.studio;

import dcgan.ModelFixtures;
import java.io.IOException;
import java.nio.file.Path;

/** The fixture runs of {@code src/test/resources/studio-runs}, copied, with untrained generators exported into them. */
final class StudioFixtures {

  static final Path RUNS = Path.of("src/test/resources/studio-runs");

  private StudioFixtures() {}

  /** Copies the fixture runs into {@code root} and exports a generator into each; returns {@code root}. */
  static Path runs(Path root) throws IOException {
    dcgan.Fixtures.copyTree(RUNS, root);
    ModelFixtures.untrainedGenerator(root.resolve("tutorial/saved_models"));
    ModelFixtures.untrainedConditionalGenerator(root.resolve("conditional/saved_models"));
    return root;
  }
}
