package dcgan.studio;

import dcgan.ModelFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The fixture runs of {@code src/test/resources/studio-runs}, copied, with untrained generators exported into them. */
final class StudioFixtures {

  static final Path RUNS = Path.of("src/test/resources/studio-runs");

  private StudioFixtures() {}

  /** Copies the fixture runs into {@code root} and exports a generator into each; returns {@code root}. */
  static Path runs(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(RUNS)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = root.resolve(RUNS.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    ModelFixtures.untrainedGenerator(root.resolve("tutorial/saved_models"));
    ModelFixtures.untrainedConditionalGenerator(root.resolve("conditional/saved_models"));
    return root;
  }
}
