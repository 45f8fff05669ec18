package dcgan.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import dcgan.training.EpochEvaluator;
import dcgan.training.QualityScores;
import dcgan.training.TrainConfig;
import dcgan.training.TrainStep;
import dcgan.training.Trainer;
import dcgan.training.TrainingState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * Where an evaluation's scores go: {@code metrics.csv}, TensorBoard's {@code quality/*} scalars and
 * the third panel of {@code losses.png}, at the epochs the evaluator chooses. The scores come from
 * an evaluator that reports the epoch it was called at, so every value can be checked.
 */
class QualityOutputsTest {

  @TempDir
  Path tmp;

  /** Evaluates after even epochs; the Fréchet distance is 10 times the epoch, the score the epoch. */
  private static final class EvenEpochs implements EpochEvaluator {
    int prepared;

    @Override
    public void prepare(TrainStep step) {
      prepared++;
    }

    @Override
    public boolean due(int epoch, int lastEpoch) {
      return epoch % 2 == 0;
    }

    @Override
    public QualityScores evaluate(TrainingState state) {
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("frechet_distance", 10.0 * state.epoch());
      values.put("classifier_score", (double) state.epoch());
      values.put("precision", 0.5);
      values.put("recall", 0.25);
      values.put("classes_drawn", 9.0);
      values.put("class_0", 0.125);
      return new QualityScores(values, 0.1);
    }
  }

  @Test
  void scoresReachTheCsvTensorBoardAndThePlotAtTheEvaluatedEpochsOnly() throws IOException {
    TrainConfig config = dcgan.training.TrainStepFixture.config(4, 16, 32, 4, 1, 2); // 2 steps per epoch
    EvenEpochs evaluator = new EvenEpochs();
    List<dcgan.training.TrainingListener> listeners = List.of(new MetricsCsvWriter(tmp.resolve("metrics.csv")),
        new TensorBoardWriter(tmp.resolve("logs")), new LossPlotWriter(tmp.resolve("losses.csv"), tmp.resolve("losses.png"), m -> { }));
    new Trainer(config, listeners, java.util.Optional.of(evaluator)).train(Fixtures.images(32));
    assertEquals(1, evaluator.prepared);

    assertEquals(List.of("epoch,step,frechet_distance,classifier_score,precision,recall,classes_drawn,class_0",
        "2,4,20.0000,2.00000,0.500000,0.250000,9.00000,0.125000", "4,8,40.0000,4.00000,0.500000,0.250000,9.00000,0.125000"),
        Files.readAllLines(tmp.resolve("metrics.csv")));

    TreeMap<Long, Float> frechet = new TreeMap<>();
    java.util.Set<String> tags = new java.util.TreeSet<>();
    Path events;
    try (var found = Files.list(tmp.resolve("logs"))) {
      events = found.findFirst().orElseThrow();
    }
    for (byte[] record : TensorBoardWriterTest.records(events)) {
      for (Summary.Value value : Event.parseFrom(record).getSummary().getValueList()) {
        if (value.getTag().startsWith(TensorBoardWriter.QUALITY_PREFIX)) {
          tags.add(value.getTag());
        }
        if (value.getTag().equals(TensorBoardWriter.QUALITY_PREFIX + "frechet_distance")) {
          frechet.put(Event.parseFrom(record).getStep(), value.getSimpleValue());
        }
      }
    }
    assertEquals(Map.of(4L, 20f, 8L, 40f), frechet, "one scalar per evaluated epoch, at its last step");
    assertEquals(java.util.Set.of("quality/frechet_distance", "quality/classifier_score", "quality/precision", "quality/recall",
        "quality/classes_drawn"), tags, "every score but the class shares");

    BufferedImage plot = ImageIO.read(tmp.resolve("losses.png").toFile());
    assertEquals(LossPlotWriter.HEIGHT + LossPlotWriter.HEIGHT / 2, plot.getHeight(), "a third panel for the scores");
  }

  @Test
  void withoutAnEvaluatorThereIsNoCsvAndNoPanel() throws IOException {
    TrainConfig config = dcgan.training.TrainStepFixture.config(1, 16, 32, 4, 1, 2);
    new Trainer(config, List.of(new MetricsCsvWriter(tmp.resolve("metrics.csv")),
        new LossPlotWriter(tmp.resolve("losses.csv"), tmp.resolve("losses.png"), m -> { }))).train(Fixtures.images(32));
    assertFalse(Files.exists(tmp.resolve("metrics.csv")));
    assertEquals(LossPlotWriter.HEIGHT, ImageIO.read(tmp.resolve("losses.png").toFile()).getHeight());
  }

  @Test
  void aResumedRunKeepsTheRowsUpToItsCheckpoint() throws IOException {
    Path csv = tmp.resolve("metrics.csv");
    Files.writeString(csv, "epoch,step,frechet_distance\n2,4,20.0\n4,8,40.0\n");
    QualityHistory kept = QualityHistory.readCsv(csv, 6);
    assertEquals(1, kept.rows().size());
    assertEquals(20.0, kept.rows().get(0).values().get("frechet_distance"));
    Files.writeString(csv, "epoch,step,frechet_distance\n2,4,twenty\n");
    assertTrue(QualityHistory.readCsv(csv, 6).rows().isEmpty(), "a damaged file starts afresh");
  }
}
