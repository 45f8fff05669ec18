package dcgan.monitoring;

import dcgan.training.StepMetrics;
import dcgan.training.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What training prints. Every epoch, the tutorial's {@code Time for epoch N is X sec} (register this
 * listener last: the time then includes the grid, plots and checkpoint, as the tutorial's does) and
 * the mean losses, D(x) and D(G(z)). On a terminal, also a progress bar that is redrawn in place every step
 * (steps, images/s, ETA, current losses); in a log file or CI, only the epoch lines.
 */
public final class ConsoleReporter implements TrainingListener {

  private final PrintStream out;
  private final boolean progressBar;
  private final LongSupplier nanoTime;
  private long imagesThisEpoch;
  private double secondsThisEpoch;

  /**
   * @param out where to print
   * @param progressBar whether to draw the in-place progress bar (only when {@code out} is a terminal)
   */
  public ConsoleReporter(PrintStream out, boolean progressBar) {
    this(out, progressBar, System::nanoTime);
  }

  ConsoleReporter(PrintStream out, boolean progressBar, LongSupplier nanoTime) {
    this.out = out;
    this.progressBar = progressBar;
    this.nanoTime = nanoTime;
  }

  /** A reporter for {@code System.out}, with the progress bar when it is a terminal. */
  public static ConsoleReporter forStdout() {
    return new ConsoleReporter(System.out, System.console() != null);
  }

  @Override
  public void onTrainBegin(TrainBegin event) {
    out.printf(Locale.ROOT, "Training on %,d images: %d steps per epoch, epochs %d to %d%n",
        event.imageCount(), event.stepsPerEpoch(), event.firstEpoch(), event.config().epochs());
    out.flush();
  }

  @Override
  public void onStepEnd(StepEnd event) {
    if (event.stepInEpoch() == 1) {
      imagesThisEpoch = 0;
      secondsThisEpoch = 0;
    }
    imagesThisEpoch += event.batchImages();
    secondsThisEpoch += event.seconds();
    if (progressBar) {
      out.print("\r" + progressLine(event, imagesThisEpoch / secondsThisEpoch, secondsThisEpoch));
      if (event.stepInEpoch() == event.stepsPerEpoch()) {
        out.print("\r\033[K"); // cleared before the epoch's other output (grids, checkpoints) prints
      }
      out.flush();
    }
  }

  @Override
  public void onEpochEnd(EpochEnd event) {
    StepMetrics m = event.metrics();
    double seconds = (nanoTime.getAsLong() - event.startNanos()) / 1e9;
    out.printf(Locale.ROOT, "Time for epoch %d is %.3f sec%n", event.epoch(), seconds);
    out.printf(Locale.ROOT, "  epoch %d: gen_loss %.4f  disc_loss %.4f  D(x) %.4f  D(G(z)) %.4f%n",
        event.epoch(), m.genLoss(), m.discLoss(), m.dReal(), m.dFake());
    event.quality().ifPresent(q -> out.printf(Locale.ROOT,
        "  quality: frechet_distance %.3f%s  classifier_score %.3f  precision %.3f  recall %.3f  classes_drawn %.0f%s (%.1f s)%n",
        q.get("frechet_distance"), q.values().containsKey("kid") ? String.format(Locale.ROOT, "  kid %.4f", q.get("kid")) : "",
        q.get("classifier_score"), q.get("precision"), q.get("recall"), q.get("classes_drawn"),
        q.values().containsKey("label_agreement") ? String.format(Locale.ROOT, "  label_agreement %.3f", q.get("label_agreement")) : "",
        q.seconds()));
    out.flush();
  }

  /** {@code epoch 3 [=====>     ] 120/235  812 img/s  ETA 0:36  gen 0.912 disc 1.203 D(x) 0.55 D(G(z)) 0.41}. */
  static String progressLine(StepEnd event, double imagesPerSecond, double elapsed) {
    int width = 24;
    int done = event.stepInEpoch() * width / event.stepsPerEpoch();
    String bar = "=".repeat(done) + (done < width ? ">" + " ".repeat(width - done - 1) : "");
    double eta = elapsed / event.stepInEpoch() * (event.stepsPerEpoch() - event.stepInEpoch());
    StepMetrics m = event.metrics();
    return String.format(Locale.ROOT, "epoch %d [%s] %d/%d  %.0f img/s  ETA %d:%02d  gen %.3f disc %.3f D(x) %.2f D(G(z)) %.2f",
        event.epoch(), bar, event.stepInEpoch(), event.stepsPerEpoch(), imagesPerSecond,
        (long) eta / 60, (long) eta % 60, m.genLoss(), m.discLoss(), m.dReal(), m.dFake());
  }
}
