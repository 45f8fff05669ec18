/**
 * {@code mvn -q exec:java -Dexec.mainClass=Benchmark}: times the train step against the matmul peak
 * (see {@link dcgan.cli.BenchmarkCommand}).
 */
public final class Benchmark {

  private Benchmark() {}

  public static void main(String[] args) {
    java.util.OptionalInt relaunched = dcgan.cli.OneDnn.relaunchIfHelpful("Benchmark", args);
    int code = relaunched.isPresent() ? relaunched.getAsInt() : run(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the command and returns its exit code, for callers that must not exit the JVM. */
  public static int run(String... args) {
    return dcgan.cli.BenchmarkCommand.run(args, System.out, System.err);
  }
}
