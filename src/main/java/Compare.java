/**
 * {@code mvn -q exec:java -Dexec.mainClass=Compare -Dexec.args="--model A --model B"}: grids and scores side by side (see {@link dcgan.cli.CompareCommand}).
 */
public final class Compare {

  private Compare() {}

  public static void main(String[] args) {
    dcgan.cli.Cli.exit(dcgan.cli.OneDnn.relaunchIfHelpful("Compare", args).orElseGet(() -> run(args)));
  }

  /** Runs the command and returns its exit code, for callers that must not exit the JVM. */
  public static int run(String... args) {
    return dcgan.cli.CompareCommand.run(args, System.out, System.err);
  }
}
