package dcgan.cli;

import dcgan.benchmark.StudioLoad;
import dcgan.studio.StudioServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code Studio}: the browser studio over a folder of runs (see {@link StudioServer}). */
@Command(name = "Studio", sortOptions = false, mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Serves the studio: watch runs train, compare their curves and grids, and draw from their generators, in the"
        + " browser. Loading a SavedModel runs its graph: serve only folders you trust.")
public final class StudioCommand implements Callable<Integer> {

  @Option(names = "--runs", paramLabel = "DIR",
      description = "The folder of runs: every folder below it with losses.csv, metrics.csv, run.json, images/ or saved_models/.")
  Path runs = Path.of(".");

  @Option(names = "--host", description = "The address to listen on. 127.0.0.1: this machine only; 0.0.0.0 exposes the studio to"
      + " the network (with a warning).")
  String host = "127.0.0.1";

  @Option(names = "--port", description = "The port; -1: the first free one from " + StudioServer.DEFAULT_PORT + " on.")
  int port = -1;

  @Option(names = "--load-test", paramLabel = "SECONDS",
      description = "Do not wait for a browser: load the studio with --clients clients for SECONDS and print the figures.")
  int loadTest;

  @Option(names = "--clients", description = "Concurrent clients of --load-test.")
  int clients = 16;

  @Option(names = "--model", paramLabel = "PATH", description = "The generator --load-test draws from, below --runs (default: the first found).")
  String model;

  private final PrintStream stdout;

  StudioCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  /** Runs {@code Studio}; returns the exit code. It serves until the process is stopped (Ctrl-C). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new StudioCommand(out), args, out, err);
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (loadTest < 0 || clients < 1) {
      throw new UsageError("--load-test must not be negative and --clients must be at least 1");
    }
    if (port < -1 || port > 65535) {
      throw new UsageError("--port must be from 0 to 65535, or -1 for the first free one from " + StudioServer.DEFAULT_PORT);
    }
    try (StudioServer studio = StudioServer.start(runs, host, port, System.err)) {
      announce(studio, runs, stdout);
      if (loadTest > 0) {
        String chosen = model != null ? model : firstModel(studio);
        StudioLoad.run(studio.url(), chosen, clients, loadTest, stdout);
        return 0;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
      return 0;
    }
  }

  /** Prints where the studio is, and a warning when it listens beyond this machine. */
  static void announce(StudioServer studio, Path runs, PrintStream out) {
    out.println("Studio: " + studio.url() + " (runs below " + runs.toAbsolutePath().normalize() + "; Ctrl-C stops it)");
    if (!studio.loopbackOnly()) {
      out.println("warning: the studio listens beyond this machine: anyone who reaches this port can see your runs and draw from"
          + " your generators; it has no login");
    }
  }

  private static String firstModel(StudioServer studio) throws IOException, InterruptedException {
    var client = java.net.http.HttpClient.newHttpClient();
    String body = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(studio.url() + "api/models")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    var models = com.google.gson.JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("models");
    if (models.isEmpty()) {
      throw new dcgan.files.UserError("no generator below the runs' folder to load-test: train one first, or pass --model");
    }
    return models.get(0).getAsString();
  }
}
