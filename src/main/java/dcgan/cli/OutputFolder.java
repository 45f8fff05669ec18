package dcgan.cli;

import dcgan.files.AtomicFiles;
import dcgan.files.UserError;
import dcgan.persistence.KerasExport;
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
 * with the new run's. The image cache stays: it holds the data, not a run; so does a {@code
 * --logdir} outside the folder.
 */
final class OutputFolder {

  private OutputFolder() {}

  /**
   * Before any work: refuses an output folder that holds an earlier run unless the run continues it
   * ({@code --resume}) or replaces it ({@code --overwrite}), never lets {@code --overwrite} remove
   * what the run starts from, and checks that the files it starts from are there.
   *
   * @return what {@link #clear} will remove (nothing unless {@code --overwrite})
   */
  static List<Path> check(RunConfig config) {
    RunConfig.Start start = config.start();
    List<Path> inputs = new ArrayList<>(start.initFrom());
    if (start.resumeFrom() != null) {
      inputs.add(start.resumeFrom());
    }
    for (Path input : inputs) {
      if (!Files.exists(input)) {
        throw new UserError(input + " does not exist: " + (input.equals(start.resumeFrom())
            ? "pass the Python run's training_checkpoints/ folder to --resume-from" : "pass a .keras or .h5 file to --init-from"));
      }
    }
    start.initFrom().forEach(dcgan.model.keras.KerasWeights::read); // a file that does not read: refused before any work
    if (start.resume()) {
      return List.of();
    }
    List<Path> earlier = earlierRun(config);
    if (earlier.isEmpty()) {
      return List.of();
    }
    String where = config.outputDir().toAbsolutePath().normalize().toString();
    for (Path input : inputs) {
      Path absolute = input.toAbsolutePath().normalize();
      if (earlier.stream().anyMatch(p -> absolute.startsWith(p.toAbsolutePath().normalize()))) {
        throw new UserError(input + " lies in the earlier run in " + where + ", which this run would replace: train into"
            + " another --output-dir");
      }
    }
    if (!start.overwrite()) {
      throw new UserError(where + " holds an earlier run (" + describe(config, earlier) + "): continue it with --resume, train into"
          + " another --output-dir, or replace it with --overwrite");
    }
    return earlier;
  }

  /** Removes {@code earlier} ({@link #check}'s answer), once the data and networks are known to be good. */
  static void clear(RunConfig config, List<Path> earlier, PrintStream out) {
    if (earlier.isEmpty()) {
      return;
    }
    earlier.forEach(AtomicFiles::deleteRecursively);
    out.println("Removed the earlier run in " + config.outputDir().toAbsolutePath().normalize() + " (--overwrite): "
        + describe(config, earlier));
  }

  private static String describe(RunConfig config, List<Path> earlier) {
    return String.join(", ", earlier.stream().limit(3).map(p -> config.outputDir().relativize(p).toString()).toList())
        + (earlier.size() > 3 ? " and " + (earlier.size() - 3) + " more" : "");
  }

  /** The outputs of an earlier run in the folder: checkpoints, SavedModels and Keras files, run.json, grids and GIF, losses, metrics, logs. */
  static List<Path> earlierRun(RunConfig config) {
    List<Path> found = new ArrayList<>();
    addIfExists(found, config.checkpointsDir());
    for (String role : List.of("generator", "discriminator", dcgan.persistence.SavedModelExporter.RAW_GENERATOR)) {
      addIfExists(found, config.savedModelsDir().resolve(role));
      addIfExists(found, KerasExport.path(config.savedModelsDir(), role));
      addIfExists(found, KerasExport.h5Path(config.savedModelsDir(), role));
    }

    addIfExists(found, config.lossesCsv());
    addIfExists(found, config.metricsCsv());
    addIfExists(found, config.gif());
    if (config.logdir() != null && config.logdir().equals(config.outputDir().resolve("logs"))) {
      addIfExists(found, config.logdir());
    }
    if (Files.isDirectory(config.imagesDir())) {
      try (Stream<Path> images = Files.list(config.imagesDir())) {
        images.filter(p -> p.getFileName().toString().matches("image_at_epoch_\\d+\\.png|losses\\.png"))
            .sorted().forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + config.imagesDir(), e);
      }
    }
    if (!found.isEmpty()) {
      addIfExists(found, config.runStatus()); // alone, it is a run stopped before it wrote anything: not one to keep
    }
    return found;
  }

  private static void addIfExists(List<Path> found, Path path) {
    if (Files.exists(path)) {
      found.add(path);
    }
  }
}
