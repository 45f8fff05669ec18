package dcgan.output;

import dcgan.training.StepMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training charts (XChart): the generator and discriminator losses per step, thin, with their
 * per-epoch means, bold; below, D(x) and D(G(z)) the same way. The x axis is in epochs.
 */
public final class LossChart {

  private static final Color GEN = new Color(0x1f77b4);
  private static final Color DISC = new Color(0xd62728);
  private static final Color REAL = new Color(0x2ca02c);
  private static final Color FAKE = new Color(0xff7f0e);

  private final XYChart losses;
  private final XYChart outputs;

  /** Empty charts of the given size (each chart is half the height). */
  public LossChart(int width, int height) {
    losses = chart("Generator and discriminator loss", "loss", width, height / 2);
    outputs = chart("Discriminator output: D(x) on real, D(G(z)) on generated", "mean probability", width, height - height / 2);
    outputs.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
  }

  private static XYChart chart(String title, String yTitle, int width, int height) {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
    XYStyler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setXAxisDecimalPattern("0.#");
    styler.setXAxisTickMarkSpacingHint(90);
    styler.setPlotGridLinesVisible(true);
    styler.setAntiAlias(true);
    return chart;
  }

  /** Redraws both charts from {@code history}; {@code stepsPerEpoch} places steps on the epoch axis. */
  public void update(LossHistory history, int stepsPerEpoch) {
    List<LossHistory.Row> steps = history.rows();
    List<LossHistory.Row> means = history.epochMeans();
    series(losses, "gen_loss", GEN, steps, means, stepsPerEpoch, StepMetrics::genLoss);
    series(losses, "disc_loss", DISC, steps, means, stepsPerEpoch, StepMetrics::discLoss);
    series(outputs, "D(x)", REAL, steps, means, stepsPerEpoch, StepMetrics::dReal);
    series(outputs, "D(G(z))", FAKE, steps, means, stepsPerEpoch, StepMetrics::dFake);
  }

  private static void series(XYChart chart, String name, Color color, List<LossHistory.Row> steps, List<LossHistory.Row> means,
      int stepsPerEpoch, ToDoubleFunction<StepMetrics> value) {
    double[][] perStep = points(steps, row -> row.step() / (double) stepsPerEpoch, value);
    double[][] perEpoch = points(means, row -> row.epoch() - 0.5, value); // a mean sits in the middle of its epoch
    set(chart, name + " (step)", perStep, color, 0.7f);
    set(chart, name + " (epoch mean)", perEpoch, color.darker(), 2.8f);
  }

  /**
   * The series' points; beyond {@link #MAX_POINTS}, every k-th step only: a 1000-pixel-wide chart
   * cannot show more, and drawing all of the tutorial's 11,750 steps took a second and a half.
   */
  private static double[][] points(List<LossHistory.Row> rows, ToDoubleFunction<LossHistory.Row> x, ToDoubleFunction<StepMetrics> y) {
    if (rows.isEmpty()) {
      return new double[][] {{0}, {Double.NaN}}; // XChart needs a point
    }
    int every = (rows.size() + MAX_POINTS - 1) / MAX_POINTS;
    int n = (rows.size() + every - 1) / every;
    double[][] xy = new double[2][n];
    for (int i = 0; i < n; i++) {
      LossHistory.Row row = rows.get(i * every);
      xy[0][i] = x.applyAsDouble(row);
      xy[1][i] = y.applyAsDouble(row.metrics());
    }
    return xy;
  }

  /** Most points drawn per series. */
  static final int MAX_POINTS = 1500;

  private static void set(XYChart chart, String name, double[][] xy, Color color, float width) {
    XYSeries series = chart.getSeriesMap().containsKey(name)
        ? chart.updateXYSeries(name, xy[0], xy[1], null)
        : chart.addSeries(name, xy[0], xy[1]);
    series.setMarker(SeriesMarkers.NONE).setLineColor(color).setLineWidth(width);
    series.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
  }

  /** The loss chart, for a live panel. */
  public XYChart losses() {
    return losses;
  }

  /** The D(x) / D(G(z)) chart, for a live panel. */
  public XYChart outputs() {
    return outputs;
  }

  /** Both charts, one above the other. */
  public BufferedImage render() {
    BufferedImage top = BitmapEncoder.getBufferedImage(losses);
    BufferedImage bottom = BitmapEncoder.getBufferedImage(outputs);
    BufferedImage image = new BufferedImage(top.getWidth(), top.getHeight() + bottom.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(top, 0, 0, null);
      g.drawImage(bottom, 0, top.getHeight(), null);
    } finally {
      g.dispose();
    }
    return image;
  }
}
