package dcgan.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The studio under load: {@code clients} concurrent clients on loopback, each asking in turn for a
 * generated grid ({@code /api/generate}, 16 images) and a run's metrics ({@code /api/runs}), for
 * {@code seconds}. Prints requests per second, p50 and p99 latency per endpoint, refusals (429,
 * the bounded queue at work), errors, and the server process's resident set before and after.
 * A benchmark that prints numbers, not a timed test.
 */
public final class StudioLoad {

  private StudioLoad() {}

  /** One answered request: which endpoint, its status, its latency. */
  private record Sample(int endpoint, int status, long nanos) {}

  /** Runs the load against the studio at {@code base} ({@code http://127.0.0.1:PORT/}) drawing from {@code model}. */
  public static void run(String base, String model, int clients, int seconds, PrintStream out) throws InterruptedException {
    String[] urls = {base + "api/generate?count=16&format=png&model=" + URLEncoder.encode(model, StandardCharsets.UTF_8) + "&seed=",
        base + "api/runs"};
    String[] names = {"generate (16 images, PNG)", "runs (JSON)"};
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    warmUp(client, urls[0] + "0");
    OptionalLong before = Memory.rssMb();
    ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    AtomicLong failures = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int id = c;
      Thread t = new Thread(() -> {
        for (long i = 0; System.nanoTime() < end; i++) {
          int endpoint = (int) ((i + id) % 2);
          String url = endpoint == 0 ? urls[0] + (id * 100_000 + i) : urls[1];
          long start = System.nanoTime();
          try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            samples.add(new Sample(endpoint, r.statusCode(), System.nanoTime() - start));
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
      }, "load-client-" + c);
      threads.add(t);
      t.start();
    }
    List<String> rss = new ArrayList<>();
    for (int second = 0; second < seconds; second++) {
      Thread.sleep(1000);
      if ((second + 1) % Math.max(1, seconds / 4) == 0) {
        rss.add((second + 1) + " s: " + Memory.format(Memory.rssMb()));
      }
    }
    for (Thread t : threads) {
      t.join();
    }
    OptionalLong after = Memory.rssMb();
    out.printf("Studio under load: %d clients for %d s on loopback, model %s%n", clients, seconds, model);
    out.printf("%-28s %9s %10s %10s %10s %8s%n", "endpoint", "answered", "per second", "p50 ms", "p99 ms", "429");
    for (int e = 0; e < 2; e++) {
      int endpoint = e;
      double[] ok = samples.stream().filter(s -> s.endpoint() == endpoint && s.status() == 200).mapToDouble(s -> s.nanos() / 1e6).toArray();
      long refused = samples.stream().filter(s -> s.endpoint() == endpoint && s.status() == 429).count();
      out.printf("%-28s %9d %10.1f %10s %10s %8d%n", names[e], ok.length, ok.length / (double) seconds,
          ok.length == 0 ? "-" : String.format("%.1f", Percentiles.of(ok, 50)), ok.length == 0 ? "-" : String.format("%.1f", Percentiles.of(ok, 99)),
          refused);
    }
    long errors = samples.stream().filter(s -> s.status() != 200 && s.status() != 429).count() + failures.get();
    out.printf("errors (other statuses, failed connections): %d%n", errors);
    out.printf("resident set of this process (server and clients): %s before; %s; %s after%n", Memory.format(before),
        String.join(", ", rss), Memory.format(after));
  }

  private static void warmUp(HttpClient client, String url) throws InterruptedException {
    try {
      client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      // the load will say so
    }
  }
}
