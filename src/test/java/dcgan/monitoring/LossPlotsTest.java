package dcgan.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.training.StepMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** losses.csv and the XChart plot. */
class LossPlotsTest {

  @TempDir
  Path tmp;

  /** Two epochs of 3 steps with losses that move. */
  private static LossHistory history() {
    LossHistory history = new LossHistory();
    for (int step = 1; step <= 6; step++) {
      history.add((step - 1) / 3 + 1, step, new StepMetrics(0.7 - 0.05 * step, 1.4 - 0.1 * step, 0.5 + 0.05 * step, 0.5 - 0.02 * step));
    }
    return history;
  }

  @Test
  void csvHasAHeaderAndOneRowPerStep() throws IOException {
    Path csv = tmp.resolve("losses.csv");
    history().writeCsv(csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals("epoch,step,gen_loss,disc_loss,d_x,d_g_z", lines.get(0));
    assertEquals(7, lines.size());
    assertEquals("1,1,0.650000,1.30000,0.550000,0.480000", lines.get(1));
    assertEquals("2,6,0.400000,0.800000,0.800000,0.380000", lines.get(6));
  }

  @Test
  void epochMeansAverageTheirSteps() {
    List<LossHistory.Row> means = history().epochMeans();
    assertEquals(2, means.size());
    assertEquals(0.6, means.get(0).metrics().genLoss(), 1e-12); // (0.65 + 0.6 + 0.55) / 3
    assertEquals(0.9, means.get(1).metrics().discLoss(), 1e-12); // (1.0 + 0.9 + 0.8) / 3
    assertEquals(6, means.get(1).step());
  }

  @Test
  void aResumedRunKeepsTheStepsUpToItsCheckpoint() throws IOException {
    Path csv = tmp.resolve("losses.csv");
    history().writeCsv(csv);
    LossHistory resumed = LossHistory.readCsv(csv, 3);
    assertEquals(3, resumed.rows().size());
    assertEquals(0.55, resumed.rows().get(2).metrics().genLoss(), 1e-6);
    assertEquals(0, LossHistory.readCsv(tmp.resolve("missing.csv"), 3).rows().size());
    Files.writeString(csv, LossHistory.HEADER + "\n1,1,oops\n");
    assertEquals(0, LossHistory.readCsv(csv, 3).rows().size(), "a damaged file is not half-read");
  }

  @Test
  void plotIsAReadableChartOfTheRightSize() throws IOException {
    LossChart chart = new LossChart(LossPlotWriter.WIDTH, LossPlotWriter.HEIGHT);
    chart.update(history(), 3);
    BufferedImage image = chart.render();
    assertEquals(1000, image.getWidth());
    assertEquals(760, image.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    assertTrue(colours.size() > 50, "not blank: " + colours.size() + " colours");
    assertTrue(colours.stream().anyMatch(c -> near(c, 0x1f77b4) || near(c, new java.awt.Color(0x1f77b4).darker().getRGB())),
        "the generator's blue is drawn");
    assertTrue(colours.stream().anyMatch(c -> near(c, 0xd62728) || near(c, new java.awt.Color(0xd62728).darker().getRGB())),
        "the discriminator's red is drawn");
    assertEquals(List.of("gen_loss (step)", "gen_loss (epoch mean)", "disc_loss (step)", "disc_loss (epoch mean)"),
        List.copyOf(chart.losses().getSeriesMap().keySet()));
    assertEquals("epoch", chart.losses().getXAxisTitle());
    assertEquals("loss", chart.losses().getYAxisTitle());
  }

  private static boolean near(int rgb, int target) {
    int dr = ((rgb >> 16) & 0xFF) - ((target >> 16) & 0xFF);
    int dg = ((rgb >> 8) & 0xFF) - ((target >> 8) & 0xFF);
    int db = (rgb & 0xFF) - (target & 0xFF);
    return Math.abs(dr) + Math.abs(dg) + Math.abs(db) < 20;
  }

  @Test
  void writerProducesBothFilesWithoutTemporaries() throws IOException {
    Path png = tmp.resolve("images/losses.png");
    LossHistory source = history();
    LossPlotWriter writer = new LossPlotWriter(tmp.resolve("losses.csv"), png, message -> { });
    feed(writer, source);
    writer.onEpochEnd(new dcgan.training.TrainingListener.EpochEnd(2, 0, 1, null, null, null));
    assertEquals(1000, ImageIO.read(png.toFile()).getWidth());
    assertEquals(source.toCsv(), Files.readString(tmp.resolve("losses.csv")));
    try (var files = Files.list(png.getParent())) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void aJavaThatCannotDrawWarnsOnceAndKeepsWritingTheCsv() throws IOException {
    Path png = tmp.resolve("images/losses.png");
    List<String> warnings = new java.util.ArrayList<>();
    int[] attempts = {0};
    LossPlotWriter writer = new LossPlotWriter(tmp.resolve("losses.csv"), png, warnings::add, (history, quality, stepsPerEpoch) -> {
      attempts[0]++;
      // What a JRE without its font libraries throws (seen on a server without libharfbuzz).
      throw new UnsatisfiedLinkError("libfontmanager.so: libharfbuzz.so.0: cannot open shared object file");
    });
    LossHistory source = history();
    feed(writer, source);
    writer.onEpochEnd(new dcgan.training.TrainingListener.EpochEnd(1, 0, 1, null, null, null));
    writer.onEpochEnd(new dcgan.training.TrainingListener.EpochEnd(2, 0, 1, null, null, null));
    assertEquals(1, attempts[0], "not tried again");
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("libharfbuzz.so.0") && warnings.get(0).contains("losses.csv is still written"), warnings.get(0));
    assertEquals(source.toCsv(), Files.readString(tmp.resolve("losses.csv")));
    assertFalse(Files.exists(png));
  }

  /** Starts {@code writer} on a 3-steps-per-epoch run and hands it every row of {@code source}. */
  private static void feed(LossPlotWriter writer, LossHistory source) {
    writer.onTrainBegin(new dcgan.training.TrainingListener.TrainBegin(null, null, 18, 3, 1, 0, null));
    for (LossHistory.Row row : source.rows()) {
      writer.onStepEnd(new dcgan.training.TrainingListener.StepEnd(row.epoch(), 1, 3, row.step(), 6, row.metrics(), 0.1));
    }
  }

  @Test
  void longRunsAreThinnedToWhatTheChartCanShow() {
    LossHistory history = new LossHistory();
    for (int step = 1; step <= 50 * 235; step++) {
      history.add((step - 1) / 235 + 1, step, new StepMetrics(1, 1, 0.5, 0.5));
    }
    LossChart chart = new LossChart(1000, 760);
    chart.update(history, 235);
    int drawn = chart.losses().getSeriesMap().get("gen_loss (step)").getXData().length;
    assertTrue(drawn <= LossChart.MAX_POINTS && drawn >= LossChart.MAX_POINTS / 2, drawn + " points");
    assertEquals(50, chart.losses().getSeriesMap().get("gen_loss (epoch mean)").getXData().length, "every epoch mean");
  }
}
