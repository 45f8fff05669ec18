package dcgan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A step with a NaN or infinite loss stops the loop there, as Keras's {@code TerminateOnNaN}: no epoch end, no train end. */
class DivergenceTest {

  @Test
  void aNonFiniteLossStopsTheRunBeforeTheEpochEnds() {
    TrainConfig absurd = TrainStepFixture.config(3, 8, 64, 4, 5, 2).toBuilder().learningRate(1e30f).build();
    List<String> events = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onStepEnd(StepEnd event) {
        events.add("step " + event.globalStep());
      }

      @Override
      public void onEpochEnd(EpochEnd event) {
        events.add("epoch " + event.epoch());
      }

      @Override
      public void onTrainEnd(TrainingResult result) {
        events.add("end");
      }
    };
    TrainingDiverged e = assertThrows(TrainingDiverged.class,
        () -> new Trainer(absurd, List.of(recorder)).train(Fixtures.images(64)));
    assertEquals(1, e.epoch(), e.getMessage());
    assertEquals(events.size() + 1, e.globalStep(), "every step before it reached the listeners, not the diverged one: " + events);
    assertTrue(events.stream().allMatch(s -> s.startsWith("step ")), "no epoch end, no train end: " + events);
    assertTrue(e.getMessage().startsWith("training diverged at epoch 1, step " + e.globalStep() + " (global step " + e.globalStep()
        + "): gen_loss "), e.getMessage());
  }

  @Test
  void finiteLossesAreFine() {
    assertTrue(new StepMetrics(0.7, 1.3, 0.5, 0.5).lossesFinite());
    assertTrue(!new StepMetrics(Double.NaN, 1.3, 0.5, 0.5).lossesFinite());
    assertTrue(!new StepMetrics(0.7, Double.POSITIVE_INFINITY, 0.5, 0.5).lossesFinite());
  }
}
