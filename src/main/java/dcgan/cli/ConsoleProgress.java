package dcgan.cli;

import dcgan.data.ImageFolderReader;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for decoding an image folder: redrawn in place on a terminal, a line every 10%
 * otherwise (a log file gets ten lines, not thousands).
 */
final class ConsoleProgress implements ImageFolderReader.Progress {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String what;
  private final boolean terminal;
  private int lastTenth = -1;
  private boolean drawn;

  ConsoleProgress(PrintStream out, String what) {
    this.out = out;
    this.what = what;
    this.terminal = out == System.out && System.console() != null;
  }

  @Override
  public void update(int done, int total) {
    int tenth = done * 10 / total;
    if (terminal) {
      int filled = done * WIDTH / total;
      out.printf(Locale.ROOT, "\r%s [%s%s] %,d/%,d", what, "=".repeat(filled), " ".repeat(WIDTH - filled), done, total);
      drawn = true;
    } else if (tenth != lastTenth) {
      out.printf(Locale.ROOT, "%s: %d%% (%,d of %,d files)%n", what, tenth * 10, done, total);
    }
    lastTenth = tenth;
  }

  /** Ends the bar's line. */
  void finish() {
    if (drawn) {
      out.println();
    }
  }
}
