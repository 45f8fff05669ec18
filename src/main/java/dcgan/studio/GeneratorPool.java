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
  private final java.util.concurrent.Semaphore admitted = new java.util.concurrent.Semaphore(QUEUE + 1);
  private final Map<Path, Loaded> loaded = new LinkedHashMap<>(8, 0.75f, true); // touched only by the worker

  /** A loaded generator and the modification time of the file it was loaded from: a newer file is loaded again. */
  private record Loaded(SavedGenerator generator, long stamp) {}

  /**
   * Runs {@code work} with the generator at {@code model} (loaded if needed) on the worker, and
   * waits for it at most {@code seconds}.
   *
   * @throws HttpError 429 when the queue is full, 503 when it takes too long, 400 when the model
   *     does not load or the work refuses its input
   */
  <T> T with(Path model, Function<SavedGenerator, T> work, int seconds) {
    if (!admitted.tryAcquire()) { // fewer request threads wait than the server has: the pages stay served
      throw new HttpError(429, null, "the generator is busy (" + QUEUE + " requests waiting); try again shortly");
    }
    try {
      return run(model, work, seconds);
    } finally {
      admitted.release();
    }
  }

  private <T> T run(Path model, Function<SavedGenerator, T> work, int seconds) {
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
      if (cause instanceof dcgan.files.UserError) {
        throw new HttpError(400, "model", cause.getMessage());
      }
      if (cause instanceof IllegalArgumentException) {
        throw new HttpError(400, null, cause.getMessage());
      }
      throw new IllegalStateException("generation failed", cause);
    }
  }

  private SavedGenerator generator(Path model) {
    long stamp = stamp(model);
    Loaded held = loaded.get(model);
    if (held != null && held.stamp() != stamp) { // a checkpoint replaced it: load the new one
      loaded.remove(model).generator().close();
      held = null;
    }
    if (held == null) {
      held = new Loaded(SavedGenerator.load(model), stamp);
      loaded.put(model, held);
      if (loaded.size() > LOADED) {
        Map.Entry<Path, Loaded> eldest = loaded.entrySet().iterator().next();
        eldest.getValue().generator().close();
        loaded.remove(eldest.getKey());
      }
    }
    return held.generator();
  }

  /** When the model last changed: a SavedModel's {@code saved_model.pb}, or the Keras file. */
  private static long stamp(Path model) {
    try {
      Path file = java.nio.file.Files.isDirectory(model) ? model.resolve("saved_model.pb") : model;
      return java.nio.file.Files.getLastModifiedTime(file).toMillis();
    } catch (java.io.IOException e) {
      return 0;
    }
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
    worker.shutdown();
    boolean stopped = false;
    try {
      stopped = worker.awaitTermination(30, TimeUnit.SECONDS);
      if (!stopped) {
        worker.shutdownNow();
        stopped = worker.awaitTermination(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopped) { // the worker has stopped: this thread may touch them now; otherwise they go with the process
      loaded.values().forEach(l -> l.generator().close());
      loaded.clear();
    }
  }
}
