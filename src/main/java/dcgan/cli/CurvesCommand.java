package dcgan.cli;

import dcgan.monitoring.QualityCurves;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code Curves}: a quality metric of several training runs on one chart, from their {@code
 * metrics.csv}, against the epoch or, given each run's seconds per epoch ({@code Benchmark
 * --gan-options} measures them), against training time.
 */
@Command(name = "Curves", sortOptions = false, mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Plots a metric of several runs' metrics.csv against the epoch or the training time.")
public final class CurvesCommand implements Callable<Integer> {

  @Option(names = "--run", paramLabel = "LABEL=FILE[@SECONDS]", required = true,
      description = "A run: its legend label, its metrics.csv, and optionally its seconds per epoch (then the x axis is hours;"
          + " give them for every run or for none). Repeat for each.")
  List<String> runs = new ArrayList<>();

  @Option(names = "--metric", paramLabel = "NAME", description = "The metrics.csv column to plot.")
  String metric = "frechet_distance";

  @Option(names = "--linear", description = "A linear y axis (default: logarithmic).")
  boolean linear;

  @Option(names = "--out", paramLabel = "FILE", description = "The chart's PNG.")
  Path out = Path.of("curves.png");

  @Option(names = "--table", paramLabel = "EPOCHS", split = ",",
      description = "Also print a Markdown table of every run's Fréchet distance, classifier score, precision, recall and classes"
          + " at these epochs, e.g. 1,5,10.")
  List<Integer> tableEpochs = new ArrayList<>();

  @Option(names = "--target", paramLabel = "VALUE",
      description = "Also print when each run first reaches the metric at or below VALUE: the epoch and, given seconds per epoch, the hours.")
  Double target;

  private final PrintStream stdout;

  CurvesCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  /** Runs {@code Curves}; returns the exit code (0 done, 1 failed, 2 bad command line). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new CurvesCommand(out), args, out, err);
  }

  /** One {@code --run}: label, file and seconds per epoch (0 when not given). */
  record Run(String label, Path file, double secondsPerEpoch) {
    static Run parse(String spec) {
      int equals = spec.indexOf('=');
      if (equals < 1 || equals == spec.length() - 1) {
        throw new UsageError("--run " + spec + ": write LABEL=FILE or LABEL=FILE@SECONDS_PER_EPOCH");
      }
      String rest = spec.substring(equals + 1);
      int at = rest.lastIndexOf('@');
      double seconds = 0;
      if (at >= 0) {
        try {
          seconds = Double.parseDouble(rest.substring(at + 1));
        } catch (NumberFormatException e) {
          throw new UsageError("--run " + spec + ": the seconds per epoch after '@' must be a number");
        }
        if (!(seconds > 0)) {
          throw new UsageError("--run " + spec + ": the seconds per epoch must be positive");
        }
        rest = rest.substring(0, at);
      }
      return new Run(spec.substring(0, equals), Path.of(rest), seconds);
    }
  }

  @Override
  public Integer call() {
    List<Run> parsed = runs.stream().map(Run::parse).toList();
    long timed = parsed.stream().filter(r -> r.secondsPerEpoch() > 0).count();
    if (timed != 0 && timed != parsed.size()) {
      throw new UsageError("give the seconds per epoch (LABEL=FILE@SECONDS) for every --run or for none");
    }
    List<QualityCurves.Curve> curves = parsed.stream().map(r -> QualityCurves.read(r.label(), r.file(), metric)).toList();
    double[] seconds = parsed.stream().mapToDouble(Run::secondsPerEpoch).toArray();
    QualityCurves.write(curves, seconds, metric, !linear, out);
    for (int i = 0; i < curves.size(); i++) {
      QualityCurves.Curve c = curves.get(i);
      int last = c.epochs().length - 1;
      stdout.printf(Locale.ROOT, "%s: %s %.4g at epoch %.0f%s%n", c.label(), metric, c.values()[last], c.epochs()[last],
          seconds[i] > 0 ? String.format(Locale.ROOT, " (%.2f h)", c.epochs()[last] * seconds[i] / 3600) : "");
    }
    if (target != null) {
      for (int i = 0; i < curves.size(); i++) {
        stdout.println(reached(curves.get(i), seconds[i], target));
      }
    }
    if (!tableEpochs.isEmpty()) {
      stdout.print(table(parsed, tableEpochs));
    }
    stdout.println("Wrote " + out);
    return 0;
  }

  /** When {@code curve} first reaches {@code target} or below, in epochs (and hours). */
  private String reached(QualityCurves.Curve curve, double secondsPerEpoch, double target) {
    for (int i = 0; i < curve.epochs().length; i++) {
      if (curve.values()[i] <= target) {
        return String.format(Locale.ROOT, "%s: %s <= %.4g first at epoch %.0f%s", curve.label(), metric, target, curve.epochs()[i],
            secondsPerEpoch > 0 ? String.format(Locale.ROOT, " (%.2f h)", curve.epochs()[i] * secondsPerEpoch / 3600) : "");
      }
    }
    return String.format(Locale.ROOT, "%s: %s never <= %.4g in its %.0f epochs", curve.label(), metric, target,
        curve.epochs()[curve.epochs().length - 1]);
  }

  /** The columns of {@link #table}: metrics.csv names, their headings and formats. */
  private static final String[][] COLUMNS = {{"frechet_distance", "FD", "%.1f"}, {"kid", "KID", "%.2f"},
      {"classifier_score", "classifier score", "%.2f"}, {"precision", "precision", "%.3f"}, {"recall", "recall", "%.3f"},
      {"classes_drawn", "classes drawn", "%.0f"}};

  /**
   * A Markdown table: a row per run and epoch in {@code epochs} that the run evaluated; a column
   * that a run's metrics.csv lacks (KID, in runs of versions before it) shows a dash.
   */
  static String table(List<Run> runs, List<Integer> epochs) {
    StringBuilder text = new StringBuilder("| run | epoch | hours |");
    for (String[] column : COLUMNS) {
      text.append(' ').append(column[1]).append(" |");
    }
    text.append("\n|---|---|---|").append("---|".repeat(COLUMNS.length)).append('\n');
    for (Run run : runs) {
      QualityCurves.Curve fd = QualityCurves.read(run.label(), run.file(), COLUMNS[0][0]);
      List<java.util.Optional<QualityCurves.Curve>> columns = java.util.Arrays.stream(COLUMNS)
          .map(c -> QualityCurves.hasColumn(run.file(), c[0])
              ? java.util.Optional.of(QualityCurves.read(run.label(), run.file(), c[0])) : java.util.Optional.<QualityCurves.Curve>empty())
          .toList();
      for (int epoch : epochs) {
        int row = java.util.Arrays.binarySearch(fd.epochs(), epoch);
        if (row < 0) {
          continue;
        }
        text.append(String.format(Locale.ROOT, "| %s | %d | %s |", run.label(), epoch,
            run.secondsPerEpoch() > 0 ? String.format(Locale.ROOT, "%.2f", epoch * run.secondsPerEpoch() / 3600) : ""));
        for (int c = 0; c < COLUMNS.length; c++) {
          String format = COLUMNS[c][2];
          text.append(' ').append(columns.get(c).map(curve -> String.format(Locale.ROOT, format, curve.values()[row])).orElse("–"))
              .append(" |");
        }
        text.append('\n');
      }
    }
    return text.toString();
  }
}
