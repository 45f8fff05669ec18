package dcgan.cli;

import dcgan.monitoring.AnimatedGif;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code Gif}: animates an existing folder of {@code image_at_epoch_*.png} into a GIF, as the tutorial's last cell. */
@Command(name = "Gif", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Animates images/image_at_epoch_*.png into dcgan.gif (epoch order, last frame held, looping).")
public final class GifCommand implements Callable<Integer> {

  @Option(names = "--images", paramLabel = "DIR", description = "Folder of image_at_epoch_*.png.")
  Path images = Path.of("images");

  @Option(names = "--out", paramLabel = "FILE", description = "The GIF to write.")
  Path out = Path.of("dcgan.gif");

  private final PrintStream stdout;

  GifCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  /** Runs {@code Gif}; returns the exit code (0 done, 1 failed, 2 bad command line). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new GifCommand(out), args, out, err);
  }

  @Override
  public Integer call() throws IOException {
    if (!java.nio.file.Files.isDirectory(images)) {
      throw new IOException(images + " is not a folder; pass --images the folder of image_at_epoch_*.png");
    }
    int frames = AnimatedGif.write(AnimatedGif.epochImages(images), out);
    stdout.println("Wrote " + out + ": " + frames + " frames from " + images);
    return 0;
  }
}
