/**
 * {@code mvn exec:java -Dexec.mainClass=Generate -Dexec.args="--model saved_models/generator --count 16 --seed 7 --out digits.png"}:
 * draws digits from a generator SavedModel (see {@link dcgan.cli.GenerateCommand}).
 */
public final class Generate {

  private Generate() {}

  public static void main(String[] args) {
    dcgan.cli.Cli.exit(run(args));
  }

  /** Runs the command and returns its exit code, for callers that must not exit the JVM. */
  public static int run(String... args) {
    return dcgan.cli.GenerateCommand.run(args, System.out, System.err);
  }
}
