package dcgan.cli;

import dcgan.files.AtomicFiles;
import dcgan.files.UserError;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run's {@code --output-dir} and what an earlier run left in it. A user's run is never replaced
 * silently: {@code Train} into a folder that holds one stops before any work, unless it continues
 * it ({@code --resume}) or is told to replace it ({@code --overwrite}), which removes the earlier
 * run's outputs first, so that none of them (a later checkpoint, an epoch's grid in the GIF) mixes
 * with the new run's. The image cache stays: it holds the data, not a run.
 */
final class OutputFolder {

  private OutputFolder() {}

  /** Refuses, or with {@code --overwrite} clears, an earlier run in the output folder; nothing when continuing one. */
  static void prepare(RunConfig config, PrintStream out) {
    if (config.start().resume()) {
      return;
    }
    List<Path> earlier = earlierRun(config);
    if (earlier.isEmpty()) {
      return;
    }
    String what = String.join(", ", earlier.stream().limit(3).map(p -> config.outputDir().relativize(p).toString()).toList())
        + (earlier.size() > 3 ? " and " + (earlier.size() - 3) + " more" : "");
    if (!config.start().overwrite()) {
      throw new UserError(config.outputDir().toAbsolutePath().normalize() + " holds an earlier run (" + what + "): continue it with"
          + " --resume, train into another --output-dir, or replace it with --overwrite");
    }
    earlier.forEach(AtomicFiles::deleteRecursively);
    out.println("Removed the earlier run in " + config.outputDir().toAbsolutePath().normalize() + " (--overwrite): " + what);
  }

  /** The outputs of an earlier run in the folder: checkpoints, SavedModels and Keras files, grids and GIF, losses, metrics, logs. */
  static List<Path> earlierRun(RunConfig config) {
    List<Path> found = new ArrayList<>();
    addIfExists(found, config.checkpointsDir());
    addIfExists(found, config.savedModelsDir().resolve("generator"));
    addIfExists(found, config.savedModelsDir().resolve("discriminator"));
    addIfExists(found, config.savedModelsDir().resolve("generator.keras"));
    addIfExists(found, config.savedModelsDir().resolve("discriminator.keras"));
    addIfExists(found, config.lossesCsv());
    addIfExists(found, config.metricsCsv());
    addIfExists(found, config.gif());
    if (config.logdir() != null && config.logdir().equals(config.outputDir().resolve("logs"))) {
      addIfExists(found, config.logdir());
    }
    if (Files.isDirectory(config.imagesDir())) {
      try (Stream<Path> images = Files.list(config.imagesDir())) {
        images.filter(p -> p.getFileName().toString().matches("image_at_epoch_\\d+\\.png|losses\\.png|quality\\.png"))
            .sorted().forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + config.imagesDir(), e);
      }
    }
    return found;
  }

  private static void addIfExists(List<Path> found, Path path) {
    if (Files.exists(path)) {
      found.add(path);
    }
  }
}
