package dcgan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dcgan.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tutorial stays the default, bit for bit: a short run with the tutorial's settings (seed 42,
 * Adam 1e-4, noise 100, 16 examples; only the batch and the data are smaller) gives the losses
 * and the grid images recorded from the code before any opt-in option existed. Any change to the
 * default path (a layer, a loss, an initializer, the RNG, the data order) moves them far beyond
 * the tolerance, which only allows for other CPUs' float rounding.
 */
class TutorialDefaultTest {

  /** gen_loss, disc_loss, D(x), D(G(z)) of the 6 steps, as losses.csv printed them at commit b1673e7. */
  private static final double[][] RECORDED_STEPS = {
      {0.705170, 1.39134, 0.493034, 0.494203},
      {0.689511, 1.33053, 0.531778, 0.501938},
      {0.670326, 1.31468, 0.551362, 0.511813},
      {0.662843, 1.26696, 0.582482, 0.515537},
      {0.648486, 1.23316, 0.611718, 0.522962},
      {0.642730, 1.19058, 0.642222, 0.526017}};

  /** The final fixed-seed grid images: sum, sum of squares, pixels 0, 1000 and 12000, at the same commit. */
  private static final double[] RECORDED_GRID = {-12.627869, 6.355750, -0.0032618, 0.0013527, -0.0335042};

  private static final TrainConfig DEFAULT = TrainConfig.tutorial().toBuilder().epochs(2).batchSize(32).threads(2).build();

  @Test
  void theDefaultTrainsWhatItTrainedBefore() {
    List<StepMetrics> steps = new ArrayList<>();
    TrainingResult result = train(DEFAULT, steps);
    assertEquals(RECORDED_STEPS.length, steps.size());
    for (int i = 0; i < steps.size(); i++) {
      StepMetrics m = steps.get(i);
      double[] actual = {m.genLoss(), m.discLoss(), m.dReal(), m.dFake()};
      for (int k = 0; k < 4; k++) {
        assertEquals(RECORDED_STEPS[i][k], actual[k], 2e-5, "step " + (i + 1) + " metric " + k);
      }
    }
    float[] pixels = result.finalImages().pixels();
    double sum = 0, sumSquares = 0;
    for (float p : pixels) {
      sum += p;
      sumSquares += p * p;
    }
    // Recorded on an AVX2 CPU; an AVX-512 one rounds the six steps differently and ends up to 4.2e-5 away per pixel
    // (0.058 in the sum, 0.001 in the sum of squares), while a pixel's magnitude is about 2e-2.
    assertEquals(RECORDED_GRID[0], sum, 0.5, "sum of the final grid's 16 x 784 pixels");
    assertEquals(RECORDED_GRID[1], sumSquares, 0.01, "their sum of squares");
    assertEquals(RECORDED_GRID[2], pixels[0], 2e-4, "pixel 0");
    assertEquals(RECORDED_GRID[3], pixels[1000], 2e-4, "pixel 1000");
    assertEquals(RECORDED_GRID[4], pixels[12000], 2e-4, "pixel 12000");
  }

  private static TrainingResult train(TrainConfig config, List<StepMetrics> steps) {
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onStepEnd(StepEnd event) {
        steps.add(event.metrics());
      }
    };
    return new Trainer(config, List.of(recorder)).train(Fixtures.images(96));
  }
}
