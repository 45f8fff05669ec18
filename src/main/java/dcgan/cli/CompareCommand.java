package dcgan.cli;

import dcgan.eval.ComparisonFigure;
import dcgan.eval.Scoring;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code Compare}: several generators (and saved image sets) side by side: one PNG with each one's
 * grid drawn from the same noise, labelled, and the metric table for all of them. This is how a
 * Java run and a Python run are put next to each other.
 */
@Command(name = "Compare", sortOptions = false, mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Draws each generator's grid from the same noise into one PNG and scores them all.%n"
        + "Loading a SavedModel runs its graph: load only models you trust.")
public final class CompareCommand implements Callable<Integer> {

  @Option(names = "--model", paramLabel = "DIR", description = "A generator SavedModel folder or Keras file (.keras, .h5); repeat for each.")
  List<Path> models = new ArrayList<>();

  @Option(names = "--samples", paramLabel = "FILE", description = "A .npy of images (as Evaluate --samples); repeat for each.")
  List<Path> samples = new ArrayList<>();

  @Option(names = "--checkpoint", paramLabel = "PREFIX", description = "A checkpoint of Train's (its generator); repeat for each.")
  List<Path> checkpoints = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE", description = "The comparison PNG.")
  Path out = Path.of("compare.png");

  @Mixin
  ScoringOptions scoring;

  private final PrintStream stdout;

  CompareCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  /** Runs {@code Compare}; returns the exit code (0 done, 1 failed, 2 bad command line). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new CompareCommand(out), args, out, err);
  }

  @Override
  public Integer call() {
    List<Scoring.Source> sources = new ArrayList<>();
    models.forEach(m -> sources.add(Scoring.Source.model(m)));
    checkpoints.forEach(c -> sources.add(Scoring.Source.checkpoint(c)));
    samples.forEach(s -> sources.add(Scoring.Source.samples(s)));
    if (sources.isEmpty()) {
      throw new UsageError("nothing to compare: pass --model DIR, --checkpoint PREFIX or --samples FILE once for each");
    }
    ScoringOptions.Outcome outcome = scoring.score(sources, stdout);
    try {
      ComparisonFigure.save(out, outcome.scored());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    scoring.writeJson(outcome.report());
    stdout.println("Wrote " + out);
    return 0;
  }
}
