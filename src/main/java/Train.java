/**
 * {@code mvn exec:java -Dexec.mainClass=Train}: trains the DCGAN (see {@link dcgan.cli.TrainCommand}).
 * In the default package so that the class name is all a user types.
 */
public final class Train {

  private Train() {}

  public static void main(String[] args) {
    dcgan.cli.Cli.exit(dcgan.cli.OneDnn.relaunchIfHelpful("Train", args).orElseGet(() -> run(args)));
  }

  /** Runs the command and returns its exit code, for callers that must not exit the JVM. */
  public static int run(String... args) {
    return dcgan.cli.TrainCommand.run(args, System.out, System.err);
  }
}
