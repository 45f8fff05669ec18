package dcgan.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.training.StepMetrics;
import dcgan.training.TrainingListener.EpochEnd;
import dcgan.training.TrainingListener.StepEnd;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Console output: plain epoch lines for logs and CI, an in-place progress bar on a terminal. */
class ConsoleReporterTest {

  private static final StepMetrics STEP = new StepMetrics(0.9123, 1.2034, 0.5512, 0.4101);

  private static String run(boolean terminal) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReporter reporter = new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, () -> 5_250_000_000L);
    for (int i = 1; i <= 4; i++) {
      reporter.onStepEnd(new StepEnd(3, i, 4, 8 + i, 256, STEP, 0.5));
    }
    reporter.onEpochEnd(new EpochEnd(3, 3_000_000_000L, 2.0, STEP, null, null)); // began 2.25 s before 'now'
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void logsGetOneLineOfTimeAndOneOfMeansPerEpochAndNothingElse() {
    String out = run(false);
    assertEquals("Time for epoch 3 is 2.250 sec\n  epoch 3: gen_loss 0.9123  disc_loss 1.2034  D(x) 0.5512  D(G(z)) 0.4101\n",
        out.replace(System.lineSeparator(), "\n"));
    assertFalse(out.contains("\r"));
  }

  @Test
  void anEvaluatedEpochAddsItsQualityLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReporter reporter = new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> 5_250_000_000L);
    java.util.Map<String, Double> scores = new java.util.LinkedHashMap<>();
    scores.put("frechet_distance", 21.5);
    scores.put("classifier_score", 8.25);
    scores.put("precision", 0.5);
    scores.put("recall", 0.25);
    scores.put("classes_drawn", 10.0);
    scores.put("label_agreement", 0.975);
    reporter.onEpochEnd(new EpochEnd(5, 3_000_000_000L, 2.0, STEP, null, null,
        java.util.Optional.of(new dcgan.training.QualityScores(scores, 11.6))));
    assertTrue(bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n").endsWith(
        "  quality: frechet_distance 21.500  classifier_score 8.250  precision 0.500  recall 0.250  classes_drawn 10"
            + "  label_agreement 0.975 (11.6 s)\n"), bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void terminalsGetAProgressBarRedrawnInPlace() {
    String out = run(true);
    assertTrue(out.startsWith("\repoch 3 ["), out);
    assertTrue(out.contains("2/4"), out);
    assertTrue(out.contains("512 img/s"), "256 images per 0.5 s step: " + out);
    assertTrue(out.contains("ETA 0:01"), "two steps of 0.5 s left after step 2: " + out);
    assertTrue(out.contains("gen 0.912 disc 1.203 D(x) 0.55 D(G(z)) 0.41"), out);
    assertTrue(out.contains("[========================] 4/4"), out);
    assertTrue(out.contains("4/4") && out.indexOf("\r\033[K") > out.indexOf("4/4"), "the bar is cleared after the last step");
    assertTrue(out.endsWith("\r\033[KTime for epoch 3 is 2.250 sec\n  epoch 3: gen_loss 0.9123  disc_loss 1.2034  D(x) 0.5512  D(G(z)) 0.4101\n"),
        out);
  }
}
