package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import dcgan.persistence.Checkpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL at various moments, then run again with {@code --resume},
 * ends bitwise equal to a run that was never interrupted: the same losses for the epochs it
 * repeats, the same last grid, the same final checkpoint and SavedModel bytes.
 *
 * <p>5 epochs of 4 steps, checkpoints after epochs 2 and 4 and at the end (ckpt-1, -2, -3).
 */
class KillAndResumeTest {

  @TempDir
  static Path root;

  private static Path reference;

  private static List<String> args(Path output, String... extra) {
    List<String> args = new ArrayList<>(List.of("--data", Fixtures.mnistNpz().toString(), "--limit", "64",
        "--batch-size", "16", "--epochs", "5", "--checkpoint-every", "2", "--threads", "2", "--seed", "3",
        "--eval-every", "2", "--eval-samples", "200", "--output-dir", output.toString()));
    args.addAll(List.of(extra));
    return args;
  }

  @BeforeAll
  static void uninterruptedRun() {
    reference = root.resolve("reference");
    Runs.Run run = Runs.train(args(reference).toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    try {
      Files.writeString(reference.resolve("out.txt"), run.out());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "killed at \"{0}\"")
  @CsvSource({
      "Training on,              0",  // before the first checkpoint: starts over
      "Saved checkpoint,         0",  // right after ckpt-1 (epoch 2), maybe while exporting SavedModels
      "Time for epoch 3,         0",  // in the middle of epoch 4
      "Writing ckpt-2,           4000" // inside the write of ckpt-2: its data file renamed, its index not yet
  })
  void resumedRunEndsBitwiseEqual(String trigger, long pauseMillis) throws Exception {
    Path output = root.resolve("killed-" + trigger.replace(' ', '-'));
    killWhenPrinted(output, trigger.trim(), pauseMillis);

    Runs.Run resumed = Runs.train(args(output, "--resume").toArray(String[]::new));
    assertEquals(0, resumed.exitCode(), resumed.err());
    List<String> lossLines = resumed.out().lines().filter(l -> l.contains("gen_loss")).toList();
    assertTrue(!lossLines.isEmpty());
    String referenceOut = Files.readString(reference.resolve("out.txt"));
    for (String line : lossLines) {
      assertTrue(referenceOut.contains(line), "epoch line differs from the uninterrupted run: " + line);
    }
    assertSameBytes(output, "images/image_at_epoch_0005.png");
    assertSameBytes(output, "training_checkpoints/ckpt-3.data-00000-of-00001");
    assertSameBytes(output, "saved_models/generator/variables/variables.data-00000-of-00001");
    assertSameBytes(output, "metrics.csv"); // epochs 2, 4 and 5, the earlier rows kept from before the kill
    assertEquals(Files.readString(reference.resolve("training_checkpoints/checkpoint")),
        Files.readString(output.resolve("training_checkpoints/checkpoint")));
  }

  @Test
  void aConditionalRunResumesBitwiseEqualToo() throws Exception {
    Path conditionalReference = root.resolve("conditional-reference");
    Runs.Run uninterrupted = Runs.train(args(conditionalReference, "--conditional").toArray(String[]::new));
    assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());
    Path output = root.resolve("conditional-killed");
    killWhenPrinted(output, "Time for epoch 3", 0, "--conditional");
    Runs.Run resumed = Runs.train(args(output, "--conditional", "--resume").toArray(String[]::new));
    assertEquals(0, resumed.exitCode(), resumed.err());
    for (String file : List.of("images/image_at_epoch_0005.png", "training_checkpoints/ckpt-3.data-00000-of-00001",
        "saved_models/generator/variables/variables.data-00000-of-00001", "metrics.csv")) {
      assertArrayEquals(Files.readAllBytes(conditionalReference.resolve(file)), Files.readAllBytes(output.resolve(file)), file);
    }
  }

  private static void assertSameBytes(Path output, String file) throws IOException {
    assertArrayEquals(Files.readAllBytes(reference.resolve(file)), Files.readAllBytes(output.resolve(file)), file);
  }

  /** Starts {@code Train} in a child JVM and SIGKILLs it as soon as it prints a line starting with {@code trigger}. */
  private static void killWhenPrinted(Path output, String trigger, long pauseMillis, String... extra) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-D" + Checkpoints.PAUSE_PROPERTY + "=" + pauseMillis, "Train"));
    command.addAll(args(output, extra));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    boolean killed = false;
    StringBuilder seen = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        seen.append(line).append('\n');
        if (line.startsWith(trigger)) {
          child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
          killed = true;
          break;
        }
      }
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertTrue(killed, "the child never printed '" + trigger + "':\n" + seen);
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
  }
}
