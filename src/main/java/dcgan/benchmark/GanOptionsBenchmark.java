package dcgan.benchmark;

import dcgan.data.Batches;
import dcgan.training.Preset;
import dcgan.data.DatasetLoader;
import dcgan.data.Images;
import dcgan.losses.DiffAugment;
import dcgan.losses.GanLoss;
import dcgan.training.Objective;
import dcgan.training.TrainConfig;
import dcgan.training.TrainStep;
import dcgan.training.Trainer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * {@code Benchmark --gan-options}: what each GAN option and {@code --preset} costs per step and per
 * 60,000-image epoch, beside the tutorial's step; a preset with its own batch size is timed at it.
 * A step that updates both networks and one that updates the discriminator alone ({@code
 * --critic-steps}) are timed apart; an epoch's time is their mix under the option's schedule.
 */
public final class GanOptionsBenchmark {

  private GanOptionsBenchmark() {}

  /** A named setting to time. */
  private record Variant(String name, TrainConfig config) {}

  public static void run(int batchSize, int threads, int steps, int warmup, PrintStream out) {
    TrainConfig base = TrainConfig.tutorial().toBuilder().epochs(1).batchSize(batchSize).threads(threads).build();
    List<Variant> variants = new ArrayList<>(List.of(
        new Variant("tutorial", base),
        new Variant("--loss hinge", base.toBuilder().objective(new Objective(GanLoss.HINGE, 0, 1)).build()),
        new Variant("--spectral-norm", base.withNetworks(base.networks().withSpectralNorm(true))),
        new Variant("--gradient-penalty 10", base.toBuilder().objective(new Objective(GanLoss.WASSERSTEIN, 10, 1)).build()),
        new Variant("--ema 0.999", base.toBuilder().emaDecay(0.999f).build()),
        new Variant("--augment translation,cutout", base.toBuilder().objective(
            Objective.TUTORIAL.withAugment(DiffAugment.parse("translation,cutout"))).build()),
        new Variant("--augment color,translation,cutout", base.toBuilder().objective(
            Objective.TUTORIAL.withAugment(DiffAugment.parse("color,translation,cutout"))).build())));
    for (Preset p : Preset.ALL) {
      variants.add(new Variant("--preset " + p.id(), p.applyTo(base, option -> false)));
    }
    Images images = DatasetLoader.fake(Math.max(batchSize, 1024), 0);
    double tutorialEpoch = 0;
    out.printf(Locale.ROOT, "GAN options, batch %d, %d threads: median ms of %d steps after %d warm-up%n", batchSize, threads, steps,
        warmup);
    for (Variant v : variants) {
      double[] ms = time(v.config(), images, steps, warmup);
      int stepsPerEpoch = Batches.perEpoch(TrainConfig.BUFFER_SIZE, v.config().batchSize());
      int n = v.config().objective().criticSteps();
      double mean = (ms[0] + (n - 1) * ms[1]) / n;
      double epoch = mean * stepsPerEpoch / 1e3;
      if (tutorialEpoch == 0) {
        tutorialEpoch = epoch;
      }
      out.printf(Locale.ROOT, "  %-36s both networks %6.1f ms, discriminator alone %s: %5.1f s per %d-step epoch (%.2fx the tutorial's)%n",
          v.name(), ms[0], n > 1 ? String.format(Locale.ROOT, "%6.1f ms", ms[1]) : "     - ", epoch, stepsPerEpoch,
          epoch / tutorialEpoch);
    }
  }

  /** Median milliseconds of a step of both networks, and of a discriminator-only step (0 when the schedule has none). */
  private static double[] time(TrainConfig config, Images images, int steps, int warmup) {
    try (Graph graph = new Graph()) {
      TrainStep step = new TrainStep(graph, images.count(), config);
      try (Session session = new Session(graph, dcgan.model.Sessions.config(config.threads()))) {
        Trainer.loadImages(session, step, images);
        session.run(step.initializer());
        double both = median(session, step, step.trainOp(), steps, warmup);
        Op critic = step.trainOp(0);
        double alone = config.objective().criticSteps() > 1 ? median(session, step, critic, steps, warmup) : 0;
        return new double[] {both, alone};
      }
    }
  }

  private static double median(Session session, TrainStep step, Op trainOp, int steps, int warmup) {
    int[] batch = new int[step.config().batchSize()];
    Arrays.setAll(batch, i -> i);
    double[] ms = new double[steps];
    for (int i = 0; i < warmup + steps; i++) {
      long start = System.nanoTime();
      try (TInt32 indices = TInt32.vectorOf(batch); TInt64 number = TInt64.scalarOf(i);
          Result r = session.runner().feed(step.indices(), indices).feed(step.step(), number).fetch(step.metrics())
              .addTarget(trainOp).run()) {
        if (i >= warmup) {
          ms[i - warmup] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    return Percentiles.of(ms, 50); // the median, as the benchmark's own step times are reported
  }
}
