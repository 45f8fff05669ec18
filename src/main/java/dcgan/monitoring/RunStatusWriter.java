package dcgan.monitoring;

import com.google.gson.JsonObject;
import dcgan.files.AtomicFiles;
import dcgan.training.TrainingListener;
import dcgan.training.TrainingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Writes {@code run.json}: the run's settings and where it stands (epoch and step of how many,
 * seconds per step, finished or not), at the start, every few seconds while it trains and after
 * each epoch, atomically, so that the studio can show progress and an ETA without asking the
 * training. A write that fails is skipped: this file must never stop the training.
 *
 * <pre>{@code
 * {"format": 1, "settings": {...}, "epochs": 50, "steps_per_epoch": 235, "epoch": 3, "step_in_epoch": 17,
 *  "global_step": 487, "seconds_per_step": 0.36, "started": 1796316000000, "updated": 1796316180000, "finished": false}
 * }</pre>
 */
public final class RunStatusWriter implements TrainingListener {

  /** The file's name in the output folder. */
  public static final String FILE = "run.json";

  private static final long INTERVAL_MILLIS = 2_000;

  private final Path file;
  private final JsonObject settings;
  private final LongSupplier clock;
  private final JsonObject status = new JsonObject();
  private long lastWrite;
  private double stepSeconds;
  private long steps;

  /**
   * @param file {@code run.json}
   * @param settings the run's settings, as checkpoints keep them
   */
  public RunStatusWriter(Path file, JsonObject settings) {
    this(file, settings, System::currentTimeMillis);
  }

  RunStatusWriter(Path file, JsonObject settings, LongSupplier clock) {
    this.file = file;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void onTrainBegin(TrainBegin event) {
    status.addProperty("format", 1);
    status.add("settings", settings);
    status.addProperty("epochs", event.config().epochs());
    status.addProperty("steps_per_epoch", event.stepsPerEpoch());
    status.addProperty("epoch", event.firstEpoch() - 1);
    status.addProperty("step_in_epoch", 0);
    status.addProperty("global_step", event.stepsDone());
    status.addProperty("started", clock.getAsLong());
    status.addProperty("finished", false);
    write();
  }

  @Override
  public void onStepEnd(StepEnd event) {
    stepSeconds += event.seconds();
    steps++;
    status.addProperty("epoch", event.epoch() - 1);
    status.addProperty("step_in_epoch", event.stepInEpoch());
    status.addProperty("global_step", event.globalStep());
    if (clock.getAsLong() - lastWrite >= INTERVAL_MILLIS) {
      write();
    }
  }

  @Override
  public void onEpochEnd(EpochEnd event) {
    status.addProperty("epoch", event.epoch());
    status.addProperty("step_in_epoch", 0);
    write();
  }

  @Override
  public void onTrainEnd(TrainingResult result) {
    status.addProperty("finished", true);
    write();
  }

  private void write() {
    long now = clock.getAsLong();
    lastWrite = now;
    status.addProperty("updated", now);
    if (steps > 0) {
      status.addProperty("seconds_per_step", stepSeconds / steps);
    }
    try {
      AtomicFiles.writeBytes(file, status.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      // a progress file: the next write tries again, and the training goes on
    }
  }
}
