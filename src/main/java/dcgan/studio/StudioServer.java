package dcgan.studio;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The studio: a local web application over the run folders below one root, on the JDK's own HTTP
 * server. Pages: {@code /} (the runs, their curves and grids, live) and {@code /explore} (draw from
 * any generator). The JSON API they use, documented in {@code docs/studio.md}:
 *
 * <pre>
 * GET  /api/runs                       every run: settings, progress, ETA, grids, generators
 * GET  /api/losses?run=NAME            losses.csv as columns
 * GET  /api/metrics?run=NAME           metrics.csv as columns
 * GET  /api/models                     every generator below the root
 * GET  /api/model?model=PATH           one generator: noise size, classes, image shape
 * GET  /api/generate?model=PATH&amp;...     a PNG grid, a .npy or JSON (POST: the same, with a JSON body)
 * GET  /api/events                     server-sent events: which run changed
 * GET  /files/PATH                     a run's grid images
 * </pre>
 *
 * Safe by default: it binds to 127.0.0.1; it serves files and loads models only from below the
 * root ({@link RunIndex}); every request is bounded (images, body, queue) and a bad one is a JSON
 * error with a 4xx status naming the parameter, never a stack trace.
 */
public final class StudioServer implements AutoCloseable {

  /** The first port tried when none is given; the next ones follow when it is taken. */
  public static final int DEFAULT_PORT = 6150;

  private static final Map<String, String> STATIC = Map.of(
      "studio.css", "text/css; charset=utf-8",
      "common.js", "text/javascript; charset=utf-8",
      "runs.js", "text/javascript; charset=utf-8",
      "explore.js", "text/javascript; charset=utf-8",
      "vendor/uplot/uPlot.iife.min.js", "text/javascript; charset=utf-8",
      "vendor/uplot/uPlot.min.css", "text/css; charset=utf-8",
      "vendor/uplot/LICENSE", "text/plain; charset=utf-8");

  /** Request threads: more than the generations that may wait ({@link GeneratorPool#QUEUE} + 1), so pages stay served. */
  static final int HANDLERS = GeneratorPool.QUEUE + 16;

  private final HttpServer server;
  private final ExecutorService handlers;
  private final RunIndex runs;
  private final RunWatcher watcher;
  private final GeneratorPool generators = new GeneratorPool();
  private final PrintStream log;
  private final String boundName;

  private StudioServer(HttpServer server, RunIndex runs, PrintStream log, String boundName) {
    this.server = server;
    this.boundName = boundName.toLowerCase(java.util.Locale.ROOT);
    this.runs = runs;
    this.log = log;
    this.watcher = new RunWatcher(runs);
    this.handlers = Executors.newFixedThreadPool(HANDLERS, r -> {
      Thread t = new Thread(r, "studio-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a studio over {@code root} on {@code host}; {@code port} 0 takes a free one, a negative
   * port the first free one from {@link #DEFAULT_PORT} on.
   *
   * @param log where failures are told (their stack traces stay here, not in answers)
   */
  public static StudioServer start(Path root, String host, int port, PrintStream log) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new dcgan.files.UserError(root + " is not a folder: pass --runs the folder that holds your runs");
    }
    RunIndex runs = new RunIndex(root);
    InetAddress address = InetAddress.getByName(host);
    int first = port < 0 ? DEFAULT_PORT : port;
    int last = port < 0 ? DEFAULT_PORT + 49 : port;
    for (int p = first; ; p++) {
      try {
        return new StudioServer(HttpServer.create(new InetSocketAddress(address, p), 64), runs, log, host);
      } catch (BindException e) {
        if (p >= last) {
          throw new dcgan.files.UserError("cannot listen on " + host + ":" + (port < 0 ? first + "-" + last : p) + " (" + e.getMessage()
              + "): pass another --port");
        }
      }
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port/}. */
  public String url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1"
        : a.getAddress().isLoopbackAddress() && a.getAddress() instanceof java.net.Inet6Address ? "::1" : a.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
  }

  /** Whether it listens on the loopback interface only. */
  public boolean loopbackOnly() {
    return server.getAddress().getAddress().isLoopbackAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (HttpError e) {
      Http.error(exchange, e);
    } catch (RuntimeException | IOException e) {
      log.println("studio: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " failed:");
      e.printStackTrace(log);
      try {
        Http.error(exchange, new HttpError(500, null, "the studio failed on this request; its console says why"));
      } catch (IOException | RuntimeException ignored) {
        exchange.close();
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    boolean post = method.equals("POST");
    if (!method.equals("GET") && !method.equals("HEAD") && !(post && path.equals("/api/generate"))) {
      throw new HttpError(405, null, method + " is not served at " + path);
    }
    checkHost(exchange);
    if (post && !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")) {
      // another site's form or script can send text/plain without asking first; application/json it cannot
      throw new HttpError(415, null, "POST /api/generate takes a JSON body: send Content-Type: application/json");
    }
    Map<String, String> query = Http.query(exchange);
    switch (path) {
      case "/" -> page(exchange, "runs.html");
      case "/explore" -> page(exchange, "explore.html");
      case "/api/runs" -> Http.json(exchange, 200, runsJson());
      case "/api/losses" -> Http.json(exchange, 200, runs.csv(required(query, "run"), "losses.csv"));
      case "/api/metrics" -> Http.json(exchange, 200, runs.csv(required(query, "run"), "metrics.csv"));
      case "/api/models" -> Http.json(exchange, 200, modelsJson());
      case "/api/model" -> Http.json(exchange, 200, modelJson(runs.model(required(query, "model"))));
      case "/api/generate" -> generate(exchange, query, post ? body(exchange) : null);
      case "/api/events" -> watcher.listen(exchange);
      default -> {
        if (path.startsWith("/static/")) {
          staticFile(exchange, path.substring("/static/".length()));
        } else if (path.startsWith("/files/")) {
          Path file = runs.file(path.substring("/files/".length()));
          Http.bytes(exchange, 200, file.toString().endsWith(".gif") ? "image/gif" : "image/png", Files.readAllBytes(file));
        } else {
          throw HttpError.notFound(path);
        }
      }
    }
  }

  /**
   * A request must name the studio by an IP address, {@code localhost} or the {@code --host} given:
   * a page of another site whose name was pointed at this machine (DNS rebinding) names its own
   * name, never an address, and is refused.
   */
  private void checkHost(HttpExchange exchange) {
    String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host")).toLowerCase(java.util.Locale.ROOT);
    String name = host.startsWith("[") && host.contains("]") ? host.substring(1, host.indexOf(']')) : host.replaceFirst(":\\d+$", "");
    boolean address = name.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || (host.startsWith("[") && name.matches("[0-9a-f:.]+"));
    if (!address && !name.equals("localhost") && !name.equals(boundName)) {
      throw new HttpError(403, null, "the studio answers requests that name it by address or as localhost, not as " + host);
    }
  }

  private static String required(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      throw HttpError.badParameter(name, "missing");
    }
    return value;
  }

  private JsonObject runsJson() {
    JsonObject out = new JsonObject();
    out.addProperty("root", runs.root().getFileName() == null ? "/" : runs.root().getFileName().toString());
    JsonArray list = new JsonArray();
    for (String name : runs.names()) {
      try {
        list.add(runs.summary(name));
      } catch (RuntimeException e) {
        // vanished since it was listed, or its files are of another version: the other runs are listed
      }
    }
    out.add("runs", list);
    return out;
  }

  private JsonObject modelsJson() {
    JsonObject out = new JsonObject();
    JsonArray list = new JsonArray();
    runs.allModels().forEach(list::add);
    out.add("models", list);
    return out;
  }

  /** What the explorer needs to know of a generator: its noise size, classes and image shape. */
  private JsonObject modelJson(Path model) {
    return generators.with(model, generator -> {
      JsonObject out = new JsonObject();
      out.addProperty("model", runs.relative(model));
      out.addProperty("noise_dim", generator.noiseDim());
      out.addProperty("conditional", generator.conditional());
      out.addProperty("classes", generator.classes());
      out.addProperty("image", generator.imageShape().toString());
      return out;
    }, 120);
  }

  private static JsonObject body(HttpExchange exchange) throws IOException {
    byte[] bytes = Http.body(exchange);
    if (bytes.length == 0) {
      return new JsonObject();
    }
    try {
      return JsonParser.parseString(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new HttpError(400, null, "the body is not a JSON object, such as {\"model\": \"saved_models/generator\", \"count\": 16}");
    }
  }

  private static String modelName(JsonObject body) {
    if (!body.get("model").isJsonPrimitive()) {
      throw HttpError.badParameter("model", "a path below the studio's folder, such as \"saved_models/generator\"");
    }
    return body.get("model").getAsString();
  }

  private void generate(HttpExchange exchange, Map<String, String> query, JsonObject body) throws IOException {
    String name = body != null && body.has("model") ? modelName(body) : required(query, "model");
    Path model = runs.model(name);
    Generation request = Generation.parse(query, body);
    Generation.Answer answer = generators.with(model, generator -> request.answer(request.draw(generator)), 120);
    Http.bytes(exchange, 200, answer.type(), answer.bytes());
  }

  private static void page(HttpExchange exchange, String name) throws IOException {
    Http.bytes(exchange, 200, "text/html; charset=utf-8", resource(name));
  }

  private static void staticFile(HttpExchange exchange, String name) throws IOException {
    String type = STATIC.get(name);
    if (type == null) {
      throw HttpError.notFound("/static/" + name);
    }
    Http.bytes(exchange, 200, type, resource(name));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = StudioServer.class.getResourceAsStream("/studio/" + name)) {
      if (in == null) {
        throw new IOException("the studio's resource " + name + " is missing from the build");
      }
      return in.readAllBytes();
    }
  }

  /** Pages listening for changes now. */
  public int listeners() {
    return watcher.listenerCount();
  }

  @Override
  public void close() {
    server.stop(0);
    watcher.close();
    generators.close();
    handlers.shutdownNow();
  }
}
