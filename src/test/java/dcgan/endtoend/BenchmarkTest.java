package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's report (its format and arithmetic; the numbers themselves are what it measures). */
class BenchmarkTest {

  @Test
  void lastLineIsTheMachineReadableSummary() {
    Runs.Run run = Runs.benchmark("--steps", "3", "--warmup", "1", "--batch-size", "16", "--matmul-size", "256");
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.matches("step_ms=[0-9.]+ images_per_s=[0-9.]+ matmul_gflops=[0-9.]+ step_gflop=[0-9.]+ floor_ms=[0-9.]+"
        + " ratio=[0-9.]+ rss_mb=([0-9]+|unknown)"), last);
    Map<String, Double> values = new HashMap<>();
    for (String pair : last.split(" ")) {
      values.put(pair.split("=")[0], Double.parseDouble(pair.split("=")[1]));
    }
    assertEquals(87.76 / 16, values.get("step_gflop"), 0.01, "FLOPs scale with the batch: 87.76 at 256");
    // The printed values are rounded (step_gflop to 0.01): compare within 0.5%.
    double floor = values.get("step_gflop") / values.get("matmul_gflops") * 1e3;
    assertEquals(floor, values.get("floor_ms"), 0.005 * floor);
    double ratio = values.get("step_ms") / values.get("floor_ms");
    assertEquals(ratio, values.get("ratio"), 0.005 * ratio);
    assertEquals(16 / values.get("step_ms") * 1e3, values.get("images_per_s"), 0.5);
    assertTrue(run.out().contains("matmul 256x256"), run.out());
  }

  @Test
  void ganOptionsAreTimedWithTheirScheduleAgainstTheTutorial() {
    Runs.Run run = Runs.benchmark("--steps", "2", "--warmup", "1", "--batch-size", "8", "--matmul-size", "128",
        "--gan-options");
    assertEquals(0, run.exitCode(), run.err());
    java.util.regex.Matcher line = java.util.regex.Pattern.compile(
        "--preset wgan-gp +both networks +([0-9.]+) ms, discriminator alone +([0-9.]+) ms: +([0-9.]+) s per 7500-step epoch")
        .matcher(run.out());
    assertTrue(line.find(), run.out());
    double both = Double.parseDouble(line.group(1)), alone = Double.parseDouble(line.group(2));
    assertEquals((both + 4 * alone) / 5 * 7500 / 1e3, Double.parseDouble(line.group(3)), 0.1 + 0.002 * Double.parseDouble(line.group(3)),
        "one step of both networks in five, four of the discriminator alone");
    assertTrue(run.out().matches("(?s).*  tutorial +both networks.*"), run.out());
    assertTrue(run.out().contains("(1.00x the tutorial's)"), run.out());
  }
}
