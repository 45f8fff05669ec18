package dcgan.eval;

import dcgan.files.AtomicFiles;
import dcgan.monitoring.ImageGrid;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * {@code Compare}'s picture: side by side, each source's 4x4 grid of its first 16 images (drawn
 * from the same fixed noise for models) as the tutorial's figure draws it, labelled with its name
 * and its Fréchet distance and classifier score.
 */
public final class ComparisonFigure {

  static final int LABEL_HEIGHT = 52;
  static final int GRID_IMAGES = 16;

  private ComparisonFigure() {}

  /** The figure of {@code scored}, one column each. */
  public static BufferedImage render(List<Scoring.Scored> scored) {
    int tile = ImageGrid.FIGURE_PIXELS;
    BufferedImage figure = new BufferedImage(tile * scored.size(), tile + LABEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = figure.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, figure.getWidth(), figure.getHeight());
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      for (int i = 0; i < scored.size(); i++) {
        Scoring.Scored s = scored.get(i);
        float[] images = s.firstImages();
        if (images.length == GRID_IMAGES * s.shape().size()) {
          g.drawImage(ImageGrid.render(images, GRID_IMAGES, s.shape().rows(), s.shape().channels()), i * tile, LABEL_HEIGHT, null);
        }
        Quality q = s.row().quality();
        g.setColor(Color.BLACK);
        drawCentred(g, shorten(s.row().name(), g.getFontMetrics(), tile - 8), i * tile, tile, 20);
        drawCentred(g, String.format(Locale.ROOT, "FD %.2f   CS %.2f   P %.2f   R %.2f", q.frechetDistance(), q.classifierScore(),
            q.precision(), q.recall()), i * tile, tile, 40);
      }
    } finally {
      g.dispose();
    }
    return figure;
  }

  /** Writes the figure as a PNG, atomically. */
  public static void save(Path file, List<Scoring.Scored> scored) throws IOException {
    BufferedImage figure = render(scored);
    AtomicFiles.write(file, tmp -> {
      if (!ImageIO.write(figure, "png", tmp.toFile())) {
        throw new IOException("no PNG writer in this JDK");
      }
    });
  }

  private static void drawCentred(Graphics2D g, String text, int left, int width, int baseline) {
    g.drawString(text, left + (width - g.getFontMetrics().stringWidth(text)) / 2, baseline);
  }

  /** {@code text}, cut from the left with an ellipsis until it fits {@code width} pixels. */
  static String shorten(String text, FontMetrics metrics, int width) {
    String shown = text;
    while (metrics.stringWidth(shown) > width && shown.length() > 4) {
      shown = "..." + shown.substring(4);
    }
    return shown;
  }
}
