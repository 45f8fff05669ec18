/**
 * {@code mvn -q exec:java -Dexec.mainClass=Curves -Dexec.args="--run tutorial=metrics.csv"}: quality curves of runs (see {@link dcgan.cli.CurvesCommand}).
 */
public final class Curves {

  private Curves() {}

  public static void main(String[] args) {
    dcgan.cli.Cli.exit(run(args));
  }

  /** Runs the command and returns its exit code, for callers that must not exit the JVM. */
  public static int run(String... args) {
    return dcgan.cli.CurvesCommand.run(args, System.out, System.err);
  }
}
