/**
 * {@code mvn exec:java -Dexec.mainClass=Studio -Dexec.args="--runs DIR"}: the browser studio over
 * a folder of runs (see {@link dcgan.cli.StudioCommand}).
 */
public final class Studio {

  private Studio() {}

  public static void main(String[] args) {
    dcgan.cli.Cli.exit(run(args));
  }

  /** Runs the command and returns its exit code, for callers that must not exit the JVM. */
  public static int run(String... args) {
    return dcgan.cli.StudioCommand.run(args, System.out, System.err);
  }
}
