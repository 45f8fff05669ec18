/**
 * {@code mvn -q exec:java -Dexec.mainClass=Benchmark}: times the train step against the matmul peak
 * (see {@link dcgan.cli.BenchmarkCommand}).
 */
public final class Benchmark {

  private Benchmark() {}

  public static void main(String[] args) {
    dcgan.cli.Cli.exit(dcgan.cli.OneDnn.relaunchIfHelpful("Benchmark", args).orElseGet(() -> run(args)));
  }

  /** Runs the command and returns its exit code, for callers that must not exit the JVM. */
  public static int run(String... args) {
    return dcgan.cli.BenchmarkCommand.run(args, System.out, System.err);
  }
}
