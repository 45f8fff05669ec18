/**
 * {@code mvn -q exec:java -Dexec.mainClass=Evaluate -Dexec.args="--model saved_models/generator"}: scores a generator (see {@link dcgan.cli.EvaluateCommand}).
 */
public final class Evaluate {

  private Evaluate() {}

  public static void main(String[] args) {
    dcgan.cli.Cli.exit(dcgan.cli.OneDnn.relaunchIfHelpful("Evaluate", args).orElseGet(() -> run(args)));
  }

  /** Runs the command and returns its exit code, for callers that must not exit the JVM. */
  public static int run(String... args) {
    return dcgan.cli.EvaluateCommand.run(args, System.out, System.err);
  }
}
