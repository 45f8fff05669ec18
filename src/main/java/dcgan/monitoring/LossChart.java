package dcgan.monitoring;

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
 * per-epoch means, bold; below, D(x) and D(G(z)) the same way; and once the run has evaluated an
 * epoch, a third chart of the sample quality: the Fréchet distance (left axis) and the classifier
 * score (right axis) at each evaluated epoch. The x axis is in epochs.
 */
public final class LossChart {

  private static final Color GEN = new Color(0x1f77b4);
  private static final Color DISC = new Color(0xd62728);
  private static final Color REAL = new Color(0x2ca02c);
  private static final Color FAKE = new Color(0xff7f0e);
  private static final Color FRECHET = new Color(0x9467bd);
  private static final Color SCORE = new Color(0x8c564b);
  private static final Color KID = new Color(0xe377c2);

  private final XYChart losses;
  private final XYChart outputs;
  private final XYChart quality;
  private boolean hasQuality;

  /** Empty charts of the given size (the loss and output charts are half the height each; the quality chart as tall). */
  public LossChart(int width, int height) {
    losses = chart("Generator and discriminator loss", "loss", width, height / 2);
    outputs = chart("Discriminator output: D(x) on real, D(G(z)) on generated", "mean probability", width, height - height / 2);
    outputs.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    quality = chart("Sample quality (reference classifier, fixed noise)", "Fréchet distance, KID (lower is better)", width, height / 2);
    quality.setYAxisGroupTitle(1, "classifier score (higher is better)");
    quality.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    quality.getStyler().setYAxisMin(0, 0.0);
    quality.getStyler().setYAxisMin(1, 1.0);
    quality.getStyler().setYAxisDecimalPattern("#,##0.##");
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

  /** Redraws the quality chart from {@code history}, one point per evaluated epoch. */
  public void updateQuality(QualityHistory history) {
    List<QualityHistory.Row> rows = history.rows();
    hasQuality = !rows.isEmpty();
    double[] epochs = rows.isEmpty() ? new double[] {0} : rows.stream().mapToDouble(QualityHistory.Row::epoch).toArray();
    double[] frechet = values(rows, "frechet_distance");
    double[] score = values(rows, "classifier_score");
    set(quality, "Fréchet distance", new double[][] {epochs, frechet}, FRECHET, 2.4f).setMarker(SeriesMarkers.CIRCLE);
    // On the Fréchet distance's axis: the same features, a distance of the same kind (an older metrics.csv has none: NaN).
    set(quality, "KID", new double[][] {epochs, values(rows, "kid")}, KID, 2.4f).setMarker(SeriesMarkers.SQUARE);
    set(quality, "classifier score", new double[][] {epochs, score}, SCORE, 2.4f).setMarker(SeriesMarkers.DIAMOND).setYAxisGroup(1);
  }

  private static double[] values(List<QualityHistory.Row> rows, String name) {
    return rows.isEmpty() ? new double[] {Double.NaN} : rows.stream().mapToDouble(r -> r.values().getOrDefault(name, Double.NaN)).toArray();
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

  private static XYSeries set(XYChart chart, String name, double[][] xy, Color color, float width) {
    XYSeries series = chart.getSeriesMap().containsKey(name)
        ? chart.updateXYSeries(name, xy[0], xy[1], null)
        : chart.addSeries(name, xy[0], xy[1]);
    series.setMarker(SeriesMarkers.NONE).setLineColor(color).setLineWidth(width);
    series.setMarkerColor(color);
    series.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    return series;
  }

  /** The loss chart, for a live panel. */
  public XYChart losses() {
    return losses;
  }

  /** The D(x) / D(G(z)) chart, for a live panel. */
  public XYChart outputs() {
    return outputs;
  }

  /** The sample-quality chart, for a live panel. */
  public XYChart quality() {
    return quality;
  }

  /** The charts one above the other: the quality chart only once an epoch was evaluated. */
  public BufferedImage render() {
    List<BufferedImage> parts = new java.util.ArrayList<>(List.of(BitmapEncoder.getBufferedImage(losses),
        BitmapEncoder.getBufferedImage(outputs)));
    if (hasQuality) {
      parts.add(BitmapEncoder.getBufferedImage(quality));
    }
    int height = parts.stream().mapToInt(BufferedImage::getHeight).sum();
    BufferedImage image = new BufferedImage(parts.get(0).getWidth(), height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      int y = 0;
      for (BufferedImage part : parts) {
        g.drawImage(part, 0, y, null);
        y += part.getHeight();
      }
    } finally {
      g.dispose();
    }
    return image;
  }
}
