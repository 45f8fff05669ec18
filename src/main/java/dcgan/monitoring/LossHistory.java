package dcgan.monitoring;

import dcgan.files.AtomicFiles;
import dcgan.training.StepMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Every step's losses and discriminator outputs, kept for the plots and saved as {@code losses.csv}:
 *
 * <pre>
 * epoch,step,gen_loss,disc_loss,d_x,d_g_z
 * 1,1,0.69312,1.38711,0.50102,0.49871
 * </pre>
 *
 * <p>{@code step} counts from the start of training (a resumed run continues the count).
 */
public final class LossHistory {

  /** One step's numbers. */
  public record Row(int epoch, long step, StepMetrics metrics) {}

  /** The CSV header. */
  public static final String HEADER = "epoch,step,gen_loss,disc_loss,d_x,d_g_z";

  private final List<Row> rows = new ArrayList<>();

  /** Appends a step. */
  public void add(int epoch, long step, StepMetrics metrics) {
    rows.add(new Row(epoch, step, metrics));
  }

  /** The steps so far, in order. */
  public List<Row> rows() {
    return Collections.unmodifiableList(rows);
  }

  /** The mean of each epoch, in epoch order. */
  public List<Row> epochMeans() {
    List<Row> means = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= rows.size(); i++) {
      if (i == rows.size() || rows.get(i).epoch() != rows.get(start).epoch()) {
        List<StepMetrics> epoch = rows.subList(start, i).stream().map(Row::metrics).toList();
        means.add(new Row(rows.get(start).epoch(), rows.get(i - 1).step(), StepMetrics.mean(epoch)));
        start = i;
      }
    }
    return means;
  }

  /** The CSV text. */
  public String toCsv() {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (Row r : rows) {
      StepMetrics m = r.metrics();
      csv.append(String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%.6g,%.6g%n", r.epoch(), r.step(), m.genLoss(), m.discLoss(), m.dReal(), m.dFake()));
    }
    return csv.toString();
  }

  /** Writes {@code losses.csv} atomically. */
  public void writeCsv(Path file) throws IOException {
    AtomicFiles.writeBytes(file, toCsv().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The steps {@code 1..upToStep} of an existing {@code losses.csv}, for a resumed run; an absent or
   * unreadable file gives an empty history (the plots then start at the resumed step).
   */
  public static LossHistory readCsv(Path file, long upToStep) throws IOException {
    LossHistory history = new LossHistory();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return history;
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      return history;
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      try {
        long step = Long.parseLong(f[1]);
        if (step <= upToStep) {
          history.add(Integer.parseInt(f[0]), step, new StepMetrics(Double.parseDouble(f[2]), Double.parseDouble(f[3]),
              Double.parseDouble(f[4]), Double.parseDouble(f[5])));
        }
      } catch (RuntimeException e) {
        return new LossHistory(); // a damaged file: start the plots afresh rather than guess
      }
    }
    return history;
  }
}
