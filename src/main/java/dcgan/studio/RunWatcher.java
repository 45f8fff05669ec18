package dcgan.studio;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one watcher of the runs' folder: a single thread looks at every run's files once a second
 * (their sizes and modification times) and tells every open page what changed as a server-sent
 * event, {@code event: run} with {@code {"run": name, "changed": ["losses", "metrics", "status",
 * "images", "models"]}}. However many pages are open, the disk is read once per second; a page
 * then fetches what changed. A comment line every 15 seconds finds the pages that went away.
 */
final class RunWatcher implements AutoCloseable {

  /** At most this many pages listen at once (429 beyond). */
  static final int MAX_LISTENERS = 64;

  private static final List<String> WATCHED = List.of("losses.csv", "metrics.csv", "run.json", "images", "saved_models");
  private static final List<String> KINDS = List.of("losses", "metrics", "status", "images", "models");

  private final RunIndex runs;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "studio-watcher");
    t.setDaemon(true);
    return t;
  });
  private final List<HttpExchange> listeners = new CopyOnWriteArrayList<>();
  private Map<String, long[]> stamps = new HashMap<>();
  private long ticks;

  RunWatcher(RunIndex runs) {
    this.runs = runs;
    stamps = stamps();
    thread.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** Holds {@code exchange} open as an event stream. */
  void listen(HttpExchange exchange) throws IOException {
    if (listeners.size() >= MAX_LISTENERS) {
      throw new HttpError(429, null, "too many pages are listening (" + MAX_LISTENERS + "); close some");
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0);
    listeners.add(exchange);
    send(exchange, ": listening to " + runs.root().getFileName() + "\n\n");
  }

  int listenerCount() {
    return listeners.size();
  }

  private void tick() {
    try {
      Map<String, long[]> now = stamps();
      for (Map.Entry<String, long[]> run : now.entrySet()) {
        long[] before = stamps.get(run.getKey());
        JsonArray changed = new JsonArray();
        for (int i = 0; i < KINDS.size(); i++) {
          if (before == null || before[2 * i] != run.getValue()[2 * i] || before[2 * i + 1] != run.getValue()[2 * i + 1]) {
            changed.add(KINDS.get(i));
          }
        }
        if (!changed.isEmpty()) {
          JsonObject event = new JsonObject();
          event.addProperty("run", run.getKey());
          event.add("changed", changed);
          broadcast("event: run\ndata: " + event + "\n\n");
        }
      }
      stamps = now;
      if (++ticks % 15 == 0) {
        broadcast(": still here\n\n");
      }
    } catch (RuntimeException e) {
      // the next tick looks again; the watcher must not die
    }
  }

  /** Per run: size and modification time of each watched file or folder (0 where absent). */
  private Map<String, long[]> stamps() {
    Map<String, long[]> all = new HashMap<>();
    for (String name : runs.names()) {
      Path dir = name.equals(".") ? runs.root() : runs.root().resolve(name);
      long[] stamp = new long[2 * WATCHED.size()];
      for (int i = 0; i < WATCHED.size(); i++) {
        Path p = dir.resolve(WATCHED.get(i));
        try {
          stamp[2 * i] = Files.isDirectory(p) ? countEntries(p) : Files.size(p);
          stamp[2 * i + 1] = Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
          // absent: zeros
        }
      }
      all.put(name, stamp);
    }
    return all;
  }

  private static long countEntries(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.count();
    }
  }

  private void broadcast(String message) {
    for (HttpExchange listener : listeners) {
      send(listener, message);
    }
  }

  private void send(HttpExchange listener, String message) {
    try {
      synchronized (listener) {
        OutputStream out = listener.getResponseBody();
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      listeners.remove(listener);
      listener.close();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    listeners.forEach(HttpExchange::close);
    listeners.clear();
  }
}
