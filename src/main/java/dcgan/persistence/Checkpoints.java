package dcgan.persistence;

import com.google.gson.JsonObject;
import dcgan.files.AtomicFiles;
import dcgan.files.UserError;
import dcgan.training.StartingPoint;
import dcgan.training.TrainConfig;
import dcgan.training.TrainStep;
import dcgan.training.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The tutorial's {@code training_checkpoints/}: every {@code every} epochs and after the last one,
 * {@code ckpt-N.index} + {@code ckpt-N.data-00000-of-00001} in TensorFlow's checkpoint format, with
 * the Python tutorial's keys (see {@link CheckpointLayout}), and the {@code checkpoint} state file.
 * The last {@code keep} checkpoints are kept. After each checkpoint the SavedModels are exported.
 *
 * <p>A checkpoint holds the whole training state: both networks with their BatchNormalization
 * statistics, both optimizers' slots and step counters, and under {@code java_training_state/} the
 * epoch, the step, and as {@link SpecJson} the networks and settings that fix the shuffling, noise
 * and dropout to come; a resumed run
 * therefore continues bitwise as the uninterrupted one would have.
 *
 * <p>Writing is crash-safe: files are written in a temporary folder and renamed into place, data
 * file first, index second, and only then is the checkpoint listed in the state file, which is
 * itself replaced atomically. {@link #initialize} (as a {@link StartingPoint}) restores the newest
 * listed checkpoint that reads back whole and skips others with a warning.
 */
public final class Checkpoints implements TrainingListener, StartingPoint {

  /** The tutorial's folder name. */
  public static final String FOLDER = "training_checkpoints";
  /** The tutorial's cadence: {@code if (epoch + 1) % 15 == 0: checkpoint.save(...)}. */
  public static final int EVERY = 15;
  /** How many checkpoints are kept by default. */
  public static final int KEEP = 5;
  /** Pauses inside a checkpoint write, for tests that kill the process there (milliseconds). */
  public static final String PAUSE_PROPERTY = "dcgan.checkpoint.pauseMillis";

  static final String STATE = "java_training_state/";
  static final String EPOCH_KEY = STATE + "epoch";
  static final String STEP_KEY = STATE + "global_step";
  static final String SETTINGS_KEY = STATE + "settings";
  static final String THREADS_KEY = STATE + "threads";

  private final Path folder;
  private final int every;
  private final int keep;
  private final boolean resume;
  private final JsonObject settings;
  private final int threads;
  private final SavedModelExporter exporter;
  private final Consumer<String> log;
  private CheckpointOps ops;
  private long saveCounter;
  private boolean notedKerasFiles;
  private CheckpointState state = new CheckpointState(List.of());

  /**
   * @param folder {@code training_checkpoints/}
   * @param every save every this many epochs (and after the last)
   * @param keep how many checkpoints to keep
   * @param resume whether {@link #initialize} restores the latest checkpoint
   * @param config the run's settings, stored to check a resumed run against
   * @param dataFingerprint identifies the training images (count and checksum)
   * @param exporter exports the SavedModels after each checkpoint, or null
   * @param log where progress and warnings go
   */
  public Checkpoints(Path folder, int every, int keep, boolean resume, TrainConfig config, String dataFingerprint,
      SavedModelExporter exporter, Consumer<String> log) {
    if (every < 1 || keep < 1) {
      throw new IllegalArgumentException("checkpoint cadence and count must be at least 1");
    }
    this.folder = folder;
    this.every = every;
    this.keep = keep;
    this.resume = resume;
    this.settings = SpecJson.run(config, dataFingerprint);
    this.threads = config.threads();
    this.exporter = exporter;
    this.log = log;
  }

  /** The key under which a checkpoint of the old format keeps the generator's model file text (only when it came from one). */
  static final String GENERATOR_MODEL_KEY = STATE + "generator_model";
  /** The key under which a checkpoint of the old format keeps the discriminator's model file text. */
  static final String DISCRIMINATOR_MODEL_KEY = STATE + "discriminator_model";

  /**
   * Why a checkpoint saved with {@code saved} cannot continue in a run of {@code wanted} (both
   * {@link SpecJson#run} objects), naming every field that differs and the option that sets it; null
   * when it can.
   */
  static String mismatch(JsonObject saved, JsonObject wanted) {
    List<SpecJson.Difference> differences = SpecJson.differences(saved, wanted);
    if (differences.isEmpty()) {
      return null;
    }
    SpecJson.Difference first = differences.get(0);
    if (first.field().equals("networks.labels")) {
      return first.wanted().equals("none")
          ? "it is a conditional GAN's checkpoint; resume it with --conditional, or train this run in another --output-dir"
          : "it is the unconditional tutorial GAN's checkpoint; resume it without --conditional, or train this run in another --output-dir";
    }
    List<String> lines = differences.stream().map(d -> d + " (" + SpecJson.option(d.field()) + ")").toList();
    return "it was trained with other settings: " + String.join("; ", lines) + ". Resume with the options it was trained with"
        + " (only --epochs and --threads may change; a model file must be unchanged), or train this run in another --output-dir";
  }

  /** The prefix of checkpoint {@code name}, e.g. {@code training_checkpoints/ckpt-3}. */
  public Path prefix(String name) {
    return folder.resolve(name);
  }

  // ---- restoring

  @Override
  public Progress initialize(TrainStep step, Session session) {
    ops(step);
    if (!resume) {
      return StartingPoint.FRESH.initialize(step, session);
    }
    List<String> listed = listedOrOnDisk();
    for (int i = listed.size() - 1; i >= 0; i--) {
      String name = listed.get(i);
      try {
        Progress progress = restore(step, session, name);
        state = new CheckpointState(listed.subList(0, i + 1));
        log.accept(String.format("Resuming from %s: epoch %d done, %d steps", prefix(name), progress.epoch(), progress.globalStep()));
        return progress;
      } catch (IncompleteCheckpoint e) {
        log.accept("warning: skipping checkpoint " + prefix(name) + ": " + e.getMessage());
      }
    }
    List<String> newestFirst = new ArrayList<>(onDisk());
    java.util.Collections.reverse(newestFirst);
    for (String name : newestFirst) {
      if (listed.contains(name)) {
        continue;
      }
      try {
        Progress progress = restore(step, session, name);
        state = new CheckpointState(List.of(name));
        log.accept(String.format("Resuming from %s (not listed in the state file): epoch %d done, %d steps", prefix(name),
            progress.epoch(), progress.globalStep()));
        return progress;
      } catch (IncompleteCheckpoint e) {
        log.accept("warning: skipping checkpoint " + prefix(name) + ": " + e.getMessage());
      }
    }
    log.accept("No complete checkpoint in " + folder + " to resume from; starting from the beginning");
    saveCounter = onDisk().stream().mapToLong(n -> Long.parseLong(n.substring("ckpt-".length()))).max().orElse(0); // keep them
    return StartingPoint.FRESH.initialize(step, session);
  }

  /**
   * The checkpoints the state file lists, or where it lists none (garbled, emptied, lost) while
   * checkpoints lie on disk, those, oldest first, with a warning: a damaged state file must not
   * restart a run from its first epoch.
   */
  private List<String> listedOrOnDisk() {
    List<String> listed = readState().paths();
    List<String> onDisk = onDisk();
    if (listed.isEmpty() && !onDisk.isEmpty()) {
      log.accept("warning: " + folder.resolve(CheckpointState.FILE) + " lists no checkpoint, but " + String.join(", ", onDisk)
          + " lie beside it: resuming from the newest complete one");
      return onDisk;
    }
    return listed;
  }

  /** The {@code ckpt-N} whose index file lies in the folder, by N. */
  private List<String> onDisk() {
    java.util.regex.Pattern name = java.util.regex.Pattern.compile("ckpt-(\\d+)\\.index");
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      return files.map(p -> name.matcher(p.getFileName().toString())).filter(java.util.regex.Matcher::matches)
          .sorted(java.util.Comparator.comparingLong(m -> Long.parseLong(m.group(1)))).map(m -> "ckpt-" + m.group(1)).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private CheckpointState readState() {
    try {
      return CheckpointState.read(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder.resolve(CheckpointState.FILE), e);
    }
  }



  /** A listed checkpoint that is missing, truncated or corrupt. */
  private static final class IncompleteCheckpoint extends Exception {
    IncompleteCheckpoint(String message) {
      super(message);
    }
  }

  private Progress restore(TrainStep step, Session session, String name) throws IncompleteCheckpoint {
    Path prefix = prefix(name);
    if (!Files.isRegularFile(indexFile(prefix)) || !Files.isRegularFile(dataFile(prefix))) {
      throw new IncompleteCheckpoint("its .index or .data file is missing");
    }
    long epoch;
    long globalStep;
    String savedSettings;
    long savedThreads;
    try (TString p = TString.scalarOf(prefix.toString());
        Result r = session.runner().feed(ops.prefix, p).fetch(ops.restoreState.tensors().get(0))
            .fetch(ops.restoreState.tensors().get(1)).fetch(ops.restoreState.tensors().get(2))
            .fetch(ops.restoreState.tensors().get(3)).fetch(ops.restoreState.tensors().get(4)).run()) {
      saveCounter = ((TInt64) r.get(0)).getLong();
      epoch = ((TInt64) r.get(1)).getLong();
      globalStep = ((TInt64) r.get(2)).getLong();
      savedSettings = ((TString) r.get(3)).getObject();
      savedThreads = ((TInt64) r.get(4)).getLong();
    } catch (TensorFlowException | IllegalArgumentException e) { // TF Java reports INVALID_ARGUMENT as the latter
      if (String.valueOf(e.getMessage()).contains(STATE) && String.valueOf(e.getMessage()).contains("not found")) {
        throw new UserError(prefix + " holds no " + STATE + " settings: it was not written by this project's Train (the Python"
            + " tutorial's checkpoints have none); continue a Python run with --resume-from " + folder + " and another --output-dir");
      }
      throw new IncompleteCheckpoint("it does not read back (" + firstLine(e) + ")");
    }
    JsonObject saved = LegacySettings.isLegacy(savedSettings) ? LegacySettings.toJson(savedSettings, settings, prefix.toString())
        : SpecJson.parse(savedSettings, prefix.toString());
    String mismatch = mismatch(saved, settings);
    if (mismatch != null) {
      throw new UserError("cannot resume from " + prefix + ": " + mismatch);
    }
    if (savedThreads != threads) {
      log.accept("warning: " + prefix + " was trained with --threads " + savedThreads + ", this run uses " + threads
          + ": results will not be bitwise equal to an uninterrupted run");
    }
    try (TString p = TString.scalarOf(prefix.toString())) {
      session.runner().feed(ops.prefix, p).addTarget(ops.restore).run();
    } catch (TensorFlowException | IllegalArgumentException e) { // TF Java reports INVALID_ARGUMENT as the latter
      throw new IncompleteCheckpoint("its variables do not read back (" + firstLine(e) + ")");
    }
    return new Progress((int) epoch, globalStep);
  }

  /** The first line of an exception's message: TensorFlow's go on for pages. */
  static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    return m.lines().findFirst().orElse(m);
  }

  // ---- saving

  @Override
  public void onEpochEnd(EpochEnd event) {
    if (event.epoch() % every == 0 || event.epoch() == event.state().step().config().epochs()) {
      save(event.state().step(), event.state().session(), event.epoch(), event.state().globalStep());
    }
  }

  /** Writes {@code ckpt-N} (N counting saves) and lists it, then exports the SavedModels. */
  public Path save(TrainStep step, Session session, int epoch, long globalStep) {
    ops(step);
    String name = "ckpt-" + (saveCounter + 1);
    try {
      Files.createDirectories(folder);
      removeTemporaries();
      Path work = Files.createTempDirectory(folder, ".tmp-" + name + "-");
      try {
        Path staged = work.resolve(name);
        try (TString p = TString.scalarOf(staged.toString());
            TString graph = TString.tensorOfBytes(NdArrays.scalarOfObject(ops.objectGraph));
            TInt64 counter = TInt64.scalarOf(saveCounter + 1);
            TInt64 e = TInt64.scalarOf(epoch);
            TInt64 s = TInt64.scalarOf(globalStep);
            TString conf = TString.scalarOf(SpecJson.text(settings));
            TInt64 t = TInt64.scalarOf(threads)) {
          session.runner().feed(ops.prefix, p).feed(ops.objectGraphFeed, graph).feed(ops.saveCounterFeed, counter)
              .feed(ops.epochFeed, e).feed(ops.stepFeed, s).feed(ops.settingsFeed, conf).feed(ops.threadsFeed, t)
              .addTarget(ops.save).run();
        }
        Path prefix = prefix(name);
        AtomicFiles.replace(dataFile(staged), dataFile(prefix));
        pauseForTests(name);
        AtomicFiles.replace(indexFile(staged), indexFile(prefix));
      } finally {
        AtomicFiles.deleteRecursively(work);
      }
      saveCounter++;
      List<String> kept = new ArrayList<>(state.paths());
      kept.remove(name);
      kept.add(name);
      List<String> dropped = new ArrayList<>(kept.subList(0, Math.max(0, kept.size() - keep)));
      kept.removeAll(dropped);
      state = new CheckpointState(kept);
      state.write(folder); // the commit point: from here on the checkpoint counts as complete
      for (String old : dropped) {
        Files.deleteIfExists(dataFile(prefix(old)));
        Files.deleteIfExists(indexFile(prefix(old)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + prefix(name), e);
    }
    log.accept(String.format("Saved checkpoint %s (epoch %d)", prefix(name), epoch));
    export(step, session);
    return prefix(name);
  }

  /** The SavedModels and Keras files of the networks as they are now; a note on skipped Keras files the first time only. */
  private void export(TrainStep step, Session session) {
    if (exporter == null) {
      return;
    }
    List<String> notes = exporter.export(step.model(), session);
    log.accept("Exported " + exporter.generatorPath() + (step.model().averagedGenerator().isPresent() ? " (averaged), "
        + exporter.rawGeneratorPath() : "") + " and " + exporter.discriminatorPath()
        + (notes.isEmpty() ? " (and as " + exporter.kerasFormats() + " files)" : ""));
    if (!notedKerasFiles) {
      notes.forEach(log);
      notedKerasFiles = true;
    }
  }

  private void removeTemporaries() throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, ".tmp-*")) {
      leftovers.forEach(AtomicFiles::deleteRecursively);
    }
  }

  private static void pauseForTests(String name) {
    long millis = Long.getLong(PAUSE_PROPERTY, 0);
    if (millis > 0) {
      System.out.println("Writing " + name + " (paused " + millis + " ms)");
      System.out.flush();
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@code prefix.index}. */
  public static Path indexFile(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".index");
  }

  /** {@code prefix.data-00000-of-00001}: one shard, as TensorFlow writes on one machine. */
  public static Path dataFile(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".data-00000-of-00001");
  }

  // ---- the graph ops

  private void ops(TrainStep step) {
    if (ops == null || ops.step != step) {
      ops = new CheckpointOps(step);
    }
  }
}
