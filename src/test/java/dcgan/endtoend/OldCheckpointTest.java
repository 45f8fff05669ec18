package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import dcgan.eval.FixedNoise;
import dcgan.persistence.CheckpointExport;
import dcgan.persistence.SavedGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written before checkpoints kept their networks as JSON (the committed fixture in
 * {@code legacy-checkpoint/}, see its README) still resumes, continuing as the code that wrote it
 * continued; it is refused, naming the field, by a run of other settings; and it still exports its
 * SavedModels from the old settings string and the model texts beside it.
 */
class OldCheckpointTest {

  @TempDir
  Path tmp;

  private List<String> args(Path output, String... extra) {
    Path fixture = Fixtures.resource("legacy-checkpoint");
    List<String> args = new ArrayList<>(List.of("--data", Fixtures.mnistNpz().toString(), "--limit", "32", "--batch-size", "16",
        "--epochs", "2", "--threads", "2", "--eval-every", "0", "--no-tensorboard", "--conditional", "--noise-dim", "4",
        "--loss", "hinge", "--adam-beta1", "0.5", "--generator-model", fixture.resolve("tiny_generator.json").toString(),
        "--discriminator-model", fixture.resolve("tiny_discriminator.json").toString(), "--output-dir", output.toString(),
        "--resume"));
    args.addAll(List.of(extra));
    return args;
  }

  @Test
  void anOldCheckpointResumesAsItsOwnCodeContinued() throws IOException {
    Path run = Fixtures.copyOf("legacy-checkpoint", tmp.resolve("run"));
    Runs.Run resumed = Runs.train(args(run).toArray(String[]::new));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains("Resuming from") && resumed.out().contains("epoch 1 done, 2 steps"), resumed.out());
    List<String> losses = Files.readAllLines(run.resolve("losses.csv"));
    double[][] recorded = {{-0.0157241, 2.01801, -0.00229084, 0.0157241}, {-0.0343563, 2.01906, 0.0152999, 0.0343563}};
    for (int i = 0; i < 2; i++) {
      String[] fields = losses.get(i + 1).split(",");
      assertEquals("2", fields[0]);
      for (int k = 0; k < 4; k++) {
        assertEquals(recorded[i][k], Double.parseDouble(fields[2 + k]), 1e-4, "step " + (3 + i) + " metric " + k);
      }
    }
    String newSettings = new String(Files.readAllBytes(run.resolve("training_checkpoints/ckpt-2.data-00000-of-00001")),
        StandardCharsets.ISO_8859_1);
    assertTrue(newSettings.contains("\"noise_dim\": 4") && newSettings.contains("\"classes\": 10"), "the new checkpoint's JSON");
  }

  @Test
  void theNoiseSizeComesFromTheGeneratorFileWhenNotGiven() {
    Path fixture = Fixtures.resource("legacy-checkpoint");
    Runs.Run run = Runs.train("--data", Fixtures.mnistNpz().toString(), "--limit", "32", "--batch-size", "16", "--epochs", "1",
        "--threads", "2", "--eval-every", "0", "--no-tensorboard", "--no-plots", "--conditional",
        "--generator-model", fixture.resolve("tiny_generator.json").toString(),
        "--discriminator-model", fixture.resolve("tiny_discriminator.json").toString(), "--output-dir", tmp.resolve("noise").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("noise_dim=4 "), "(None, 14) less the ten one-hot classes: " + run.out());
  }

  @Test
  void anOldCheckpointOfOtherSettingsIsRefusedNamingTheField() {
    Path run = Fixtures.copyOf("legacy-checkpoint", tmp.resolve("run"));
    Runs.Run refused = Runs.train(args(run, "--learning-rate", "2e-4").toArray(String[]::new));
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("training.learning_rate is 0.0001 there, 0.0002 here (--learning-rate or --generator-learning-rate)"), refused.err());
  }

  @Test
  void anOldCheckpointExportsItsNetworks() {
    Path exported = tmp.resolve("exported");
    assertEquals(1, CheckpointExport.export(Fixtures.resource("legacy-checkpoint").resolve("training_checkpoints/ckpt-1"), exported));
    try (SavedGenerator generator = SavedGenerator.load(exported.resolve("generator"))) {
      assertTrue(generator.conditional());
      assertEquals(10, generator.classes());
      assertEquals(4, generator.noiseDim());
      assertTrue(generator.spec().orElseThrow().generatorModel().isPresent(), "the exported SavedModel keeps its spec");
      float[] pixels = generator.generate(FixedNoise.standardNormal(3, 4, 1), new int[] {0, 5, 9});
      assertEquals(3 * 28 * 28, pixels.length);
    }
  }
}
