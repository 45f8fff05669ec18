package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up during a run: one line saying so, the last complete checkpoint kept as it
 * was, nothing half-written, and {@code --resume} continues once there is room. The disk is a
 * 70 MB tmpfs, room for the first checkpoint and its SavedModels but not the second checkpoint:
 * the test runs where {@code mount} works (root with the right to mount) and is skipped with that
 * reason elsewhere.
 */
class FullDiskTest {

  @TempDir
  static Path tmp;

  private static Path disk;

  @BeforeAll
  static void mountSmallDisk() throws IOException, InterruptedException {
    disk = Files.createDirectories(tmp.resolve("disk"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=70m", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    String said = new String(mount.getInputStream().readAllBytes());
    boolean mounted = mount.waitFor() == 0;
    if (!mounted) {
      disk = null;
    }
    assumeTrue(mounted, "cannot mount a small tmpfs here (" + said.strip() + "): the full-disk test needs root");
  }

  @AfterAll
  static void unmount() throws IOException, InterruptedException {
    if (disk != null) {
      new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void theLastCompleteCheckpointIsKeptAndResumingGoesOn() throws IOException {
    Path run = disk.resolve("run");
    String[] args = {"--dataset", "fake", "--limit", "64", "--batch-size", "32", "--epochs", "3", "--checkpoint-every", "1",
        "--eval-every", "0", "--no-tensorboard", "--output-dir", run.toString()};
    Runs.Run full = Runs.train(args);
    assertEquals(1, full.exitCode(), full.err());
    String err = full.err().strip();
    assertTrue(err.startsWith("error: the disk is full: ") && err.endsWith("(a training run keeps its last complete checkpoint: continue it with --resume)"),
        err);
    assertEquals(1, err.lines().count(), err);
    Path checkpoints = run.resolve("training_checkpoints");
    assertTrue(Files.isRegularFile(checkpoints.resolve("ckpt-1.index")), "the first checkpoint is kept");
    assertTrue(Files.readString(checkpoints.resolve("checkpoint")).contains("\"ckpt-1\""), "and named the latest");
    try (Stream<Path> left = Files.list(checkpoints)) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-") || p.getFileName().toString().startsWith("ckpt-2")),
          "nothing of the second checkpoint is left");
    }

    Path roomier = tmp.resolve("roomier");
    dcgan.Fixtures.copyTree(run, roomier);
    args[args.length - 1] = roomier.toString();
    String[] resume = Stream.concat(Stream.of(args), Stream.of("--resume")).toArray(String[]::new);
    Runs.Run resumed = Runs.train(resume);
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains("Resuming from " + roomier.resolve("training_checkpoints/ckpt-1") + ": epoch 1 done"),
        resumed.out());
  }
}
