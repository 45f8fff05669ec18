package dcgan.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dcgan.ModelFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generations run one at a time behind a bounded queue; a generator is loaded once and shared. */
class GeneratorPoolTest {

  @TempDir
  Path tmp;

  @Test
  void aFullQueueIsRefusedAtOnceAndEveryoneElseIsServed() throws Exception {
    Path model = ModelFixtures.untrainedGenerator(tmp.resolve("saved_models"));
    ExecutorService callers = Executors.newFixedThreadPool(GeneratorPool.QUEUE + 1);
    try (GeneratorPool pool = new GeneratorPool()) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch serving = new CountDownLatch(1);
      List<Future<Integer>> served = new ArrayList<>();
      for (int i = 0; i < GeneratorPool.QUEUE + 1; i++) {
        served.add(callers.submit(() -> pool.with(model, generator -> {
          serving.countDown();
          await(release);
          return generator.noiseDim();
        }, 60)));
        if (i == 0) {
          serving.await(); // the first is being served
        }
        while (pool.waiting() < i) {
          Thread.sleep(5); // the others wait in turn
        }
      }
      HttpError refused = assertThrows(HttpError.class, () -> pool.with(model, generator -> 0, 60));
      assertEquals(429, refused.status());
      release.countDown();
      for (Future<Integer> f : served) {
        assertEquals(100, f.get(60, TimeUnit.SECONDS));
      }
      assertEquals(1, pool.loadedCount(), "loaded once, shared by all");
    } finally {
      callers.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
