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
        throw new IllegalArgumentException("--run " + spec + ": write LABEL=FILE or LABEL=FILE@SECONDS_PER_EPOCH");
      }
      String rest = spec.substring(equals + 1);
      int at = rest.lastIndexOf('@');
      double seconds = 0;
      if (at >= 0) {
        try {
          seconds = Double.parseDouble(rest.substring(at + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--run " + spec + ": the seconds per epoch after '@' must be a number");
        }
        if (!(seconds > 0)) {
          throw new IllegalArgumentException("--run " + spec + ": the seconds per epoch must be positive");
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
      throw new IllegalArgumentException("give the seconds per epoch (LABEL=FILE@SECONDS) for every --run or for none");
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
    stdout.println("Wrote " + out);
    return 0;
  }
}
