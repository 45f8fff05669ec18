package dcgan.monitoring;

import dcgan.data.DataException;
import dcgan.files.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One quality metric of several runs on one chart, read from their {@code metrics.csv}: against
 * the epoch, or against training time where each run's seconds per epoch are given (how issue
 * "Better digits in less time" compares the GAN options with the tutorial's curve).
 */
public final class QualityCurves {

  private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

  private QualityCurves() {}

  /**
   * One run's curve.
   *
   * @param label its legend entry
   * @param epochs the evaluated epochs, ascending
   * @param values the metric at each
   */
  public record Curve(String label, double[] epochs, double[] values) {
    /** The x values: epochs, or hours when {@code secondsPerEpoch} is positive. */
    public double[] x(double secondsPerEpoch) {
      double[] x = epochs.clone();
      if (secondsPerEpoch > 0) {
        for (int i = 0; i < x.length; i++) {
          x[i] = x[i] * secondsPerEpoch / 3600;
        }
      }
      return x;
    }
  }

  /** Whether {@code csv}'s header names {@code metric} (false for an unreadable or empty file: {@link #read} says why). */
  public static boolean hasColumn(Path csv, String metric) {
    try (java.io.BufferedReader reader = Files.newBufferedReader(csv)) {
      String header = reader.readLine();
      return header != null && List.of(header.split(",")).contains(metric);
    } catch (IOException e) {
      return false;
    }
  }

  /** The {@code metric} column of a {@code metrics.csv} against its {@code epoch} column. */
  public static Curve read(String label, Path csv, String metric) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw new DataException("cannot read " + csv + " (" + e.getMessage() + "); pass a metrics.csv that Train --eval-every wrote", e);
    }
    if (lines.isEmpty()) {
      throw new DataException(csv + " is empty; pass a metrics.csv that Train --eval-every wrote");
    }
    List<String> header = List.of(lines.get(0).split(","));
    int epochColumn = header.indexOf("epoch"), metricColumn = header.indexOf(metric);
    if (epochColumn < 0 || metricColumn < 0) {
      throw new DataException(csv + " has no " + (epochColumn < 0 ? "epoch" : metric) + " column (it has " + String.join(", ", header)
          + ")");
    }
    List<double[]> points = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] cells = lines.get(i).split(",");
      try {
        points.add(new double[] {Double.parseDouble(cells[epochColumn]), Double.parseDouble(cells[metricColumn])});
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new DataException("line " + (i + 1) + " of " + csv + " is not a row of numbers: " + lines.get(i), e);
      }
    }
    if (points.isEmpty()) {
      throw new DataException(csv + " has a header but no evaluated epoch");
    }
    points.sort((a, b) -> Double.compare(a[0], b[0]));
    return new Curve(label, points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray());
  }

  /**
   * Draws the curves into {@code png} (atomically).
   *
   * @param secondsPerEpoch per curve: its epoch time, or all 0 for an x axis in epochs
   * @param logY a logarithmic y axis (Fréchet distances span three decades)
   */
  public static void write(List<Curve> curves, double[] secondsPerEpoch, String metric, boolean logY, Path png) {
    if (logY) {
      for (Curve c : curves) {
        for (double v : c.values()) {
          if (!(v > 0)) {
            throw new dcgan.files.UserError(c.label() + "'s " + metric + " has the value " + v + ", which a logarithmic axis cannot"
                + " show; draw it with --linear");
          }
        }
      }
    }
    boolean hours = secondsPerEpoch.length > 0 && secondsPerEpoch[0] > 0;
    XYChart chart = new XYChartBuilder().width(900).height(560).title(metric + (hours ? " against training time" : " by epoch"))
        .xAxisTitle(hours ? "hours of training" : "epoch").yAxisTitle(metric).build();
    var styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setLegendPosition(Styler.LegendPosition.InsideNE);
    styler.setPlotGridLinesVisible(true);
    styler.setAntiAlias(true);
    styler.setYAxisLogarithmic(logY);
    styler.setXAxisDecimalPattern("0.##");
    for (int i = 0; i < curves.size(); i++) {
      Curve c = curves.get(i);
      XYSeries series = chart.addSeries(c.label(), c.x(secondsPerEpoch[i]), c.values());
      Color colour = COLOURS[i % COLOURS.length];
      series.setLineColor(colour);
      series.setMarkerColor(colour);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setLineStyle(new BasicStroke(2f));
    }
    try {
      AtomicFiles.write(png, tmp -> {
        if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", tmp.toFile())) {
          throw new IOException("no PNG writer");
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }
}
