/**
 * {@code mvn exec:java -Dexec.mainClass=Gif}: animates {@code images/image_at_epoch_*.png} into
 * {@code dcgan.gif} (see {@link dcgan.cli.GifCommand}).
 */
public final class Gif {

  private Gif() {}

  public static void main(String[] args) {
    dcgan.cli.Cli.exit(run(args));
  }

  /** Runs the command and returns its exit code, for callers that must not exit the JVM. */
  public static int run(String... args) {
    return dcgan.cli.GifCommand.run(args, System.out, System.err);
  }
}
