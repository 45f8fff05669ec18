package dcgan.studio;

import dcgan.persistence.SavedGenerator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Generators loaded once and shared, and one worker that runs every generation in turn, behind a
 * bounded queue: fifty browser tabs cannot start fifty TensorFlow sessions, and a request that finds
 * the queue full is answered 429 at once. The last few generators used stay loaded; an older one is
 * closed when a new one needs its place (on the worker, so never while it draws).
 */
final class GeneratorPool implements AutoCloseable {

  /** Requests waiting beyond the one being served (429 beyond). */
  static final int QUEUE = 16;
  /** Generators kept loaded. */
  static final int LOADED = 4;

  private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
    Thread t = new Thread(r, "studio-generator");
    t.setDaemon(true);
    return t;
  });
  private final Map<Path, SavedGenerator> loaded = new LinkedHashMap<>(8, 0.75f, true); // touched only by the worker

  /**
   * Runs {@code work} with the generator at {@code model} (loaded if needed) on the worker, and
   * waits for it at most {@code seconds}.
   *
   * @throws HttpError 429 when the queue is full, 503 when it takes too long, 400 when the model
   *     does not load or the work refuses its input
   */
  <T> T with(Path model, Function<SavedGenerator, T> work, int seconds) {
    Callable<T> task = () -> work.apply(generator(model));
    Future<T> future;
    try {
      future = worker.submit(task);
    } catch (RejectedExecutionException e) {
      throw new HttpError(429, null, "the generator is busy (" + QUEUE + " requests waiting); try again shortly");
    }
    try {
      return future.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new HttpError(503, null, "the generator took longer than " + seconds + " s; try fewer images");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpError(503, null, "interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpError h) {
        throw h;
      }
      if (cause instanceof dcgan.files.UserError || cause instanceof IllegalArgumentException) {
        throw new HttpError(400, "model", cause.getMessage());
      }
      throw new IllegalStateException("generation failed", cause);
    }
  }

  private SavedGenerator generator(Path model) {
    SavedGenerator generator = loaded.get(model);
    if (generator == null) {
      generator = SavedGenerator.load(model);
      loaded.put(model, generator);
      if (loaded.size() > LOADED) {
        Map.Entry<Path, SavedGenerator> eldest = loaded.entrySet().iterator().next();
        eldest.getValue().close();
        loaded.remove(eldest.getKey());
      }
    }
    return generator;
  }

  /** Requests waiting now, beyond the one being served. */
  int waiting() {
    return worker.getQueue().size();
  }

  /** How many generators are loaded now. */
  int loadedCount() {
    try {
      return worker.submit(loaded::size).get();
    } catch (InterruptedException | ExecutionException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    try {
      worker.submit(() -> {
        loaded.values().forEach(SavedGenerator::close);
        loaded.clear();
      }).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
    worker.shutdownNow();
  }
}
