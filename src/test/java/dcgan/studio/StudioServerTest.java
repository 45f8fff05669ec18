package dcgan.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dcgan.ModelFixtures;
import dcgan.eval.FixedNoise;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The studio's HTTP API, talked to with the JDK's HttpClient on a free loopback port, over the
 * fixture runs in {@code src/test/resources/studio-runs} (their generators exported here): every
 * endpoint, and every bad request answered with a JSON error and a 4xx status, path traversal
 * included.
 */
class StudioServerTest {

  @TempDir
  static Path tmp;

  static Path root;
  static StudioServer studio;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws IOException {
    root = StudioFixtures.runs(tmp.resolve("runs"));
    Files.writeString(tmp.resolve("secret.png"), "outside the runs");
    Files.createSymbolicLink(root.resolve("tutorial/images/escape.png"), tmp.resolve("secret.png"));
    Files.createSymbolicLink(root.resolve("tutorial/outside"), tmp);
    studio = StudioServer.start(root, "127.0.0.1", 0, new PrintStream(PrintStream.nullOutputStream()));
  }

  @AfterAll
  static void stop() {
    if (studio != null) {
      studio.close();
    }
  }

  static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(studio.url() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> send(String method, String path, String body) throws IOException, InterruptedException {
    return send(method, path, body, "application/json");
  }

  static HttpResponse<byte[]> send(String method, String path, String body, String type) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(studio.url() + path)).method(method, HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", type).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonObject json(HttpResponse<byte[]> response) {
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.headers().toString());
    return JsonParser.parseString(new String(response.body(), StandardCharsets.UTF_8)).getAsJsonObject();
  }

  @Test
  void listensOnTheLoopbackInterfaceOnly() {
    assertTrue(studio.loopbackOnly());
    assertTrue(studio.url().startsWith("http://127.0.0.1:"), studio.url());
  }

  @Test
  void aRequestForAnotherHostIsRefused() throws Exception {
    // a page of evil.example whose name was pointed at 127.0.0.1 (DNS rebinding) sends its own name
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", studio.port())) {
      socket.getOutputStream().write(("GET /api/runs HTTP/1.1\r\nHost: evil.example:" + studio.port()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 403") && answer.contains("by address or as localhost"), answer);
    }
    for (String host : new String[] {"localhost", "127.0.0.1", "127.0.1.1"}) { // names and addresses of this machine
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", studio.port())) {
        socket.getOutputStream().write(("GET /api/models HTTP/1.1\r\nHost: " + host + ":" + studio.port()
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("HTTP/1.1 200"), host + ": " + answer);
      }
    }
  }

  @Test
  void aRegeneratedModelIsLoadedAgain() throws Exception {
    Path model = tmp.resolve("runs/tutorial/saved_models/generator.keras");
    JsonObject before = json(get("api/generate?model=tutorial/saved_models/generator.keras&count=2&format=json"));
    byte[] original = Files.readAllBytes(model);
    Path other = ModelFixtures.untrainedConditionalGenerator(tmp.resolve("other")).resolveSibling("generator.keras");
    try {
      Files.copy(other, model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(model, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
      JsonObject after = json(get("api/model?model=tutorial/saved_models/generator.keras"));
      assertTrue(after.get("conditional").getAsBoolean(), "the new file, not the one loaded before: " + after + " " + before.get("count"));
    } finally {
      Files.write(model, original);
      Files.setLastModifiedTime(model, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    }
  }

  @Test
  void runsListsEveryRunWithItsSettingsProgressGridsAndGenerators() throws Exception {
    JsonObject body = json(get("api/runs"));
    JsonArray runs = body.getAsJsonArray("runs");
    assertEquals(2, runs.size(), body.toString());
    JsonObject conditional = runs.get(0).getAsJsonObject();
    JsonObject tutorial = runs.get(1).getAsJsonObject();
    assertEquals("conditional", conditional.get("name").getAsString());
    assertEquals(10, conditional.getAsJsonObject("settings").getAsJsonObject("networks").getAsJsonObject("labels").get("classes").getAsInt());
    assertEquals("tutorial", tutorial.get("name").getAsString());
    assertEquals(2, tutorial.get("epochs").getAsInt());
    assertEquals(2, tutorial.get("epoch").getAsInt());
    assertTrue(tutorial.get("finished").getAsBoolean());
    assertFalse(tutorial.get("training").getAsBoolean());
    assertFalse(tutorial.has("eta_seconds"), "a finished run has no ETA");
    assertEquals("[\"tutorial/images/image_at_epoch_0001.png\",\"tutorial/images/image_at_epoch_0002.png\"]",
        tutorial.getAsJsonArray("grids").toString());
    assertEquals("[\"tutorial/saved_models/generator\",\"tutorial/saved_models/generator.keras\",\"tutorial/saved_models/generator.h5\"]",
        tutorial.getAsJsonArray("models").toString());
    assertTrue(conditional.get("metrics").getAsBoolean() && !tutorial.get("metrics").getAsBoolean());
  }

  @Test
  void lossesAndMetricsComeAsColumns() throws Exception {
    JsonObject losses = json(get("api/losses?run=tutorial")).getAsJsonObject("columns");
    assertEquals(Files.readAllLines(root.resolve("tutorial/losses.csv")).size() - 1, losses.getAsJsonArray("gen_loss").size());
    for (String column : new String[] {"epoch", "step", "gen_loss", "disc_loss", "d_x", "d_g_z"}) {
      assertTrue(losses.has(column), column);
    }
    JsonObject metrics = json(get("api/metrics?run=conditional")).getAsJsonObject("columns");
    for (String column : new String[] {"frechet_distance", "classifier_score", "precision", "recall", "classes_drawn"}) {
      assertFalse(metrics.getAsJsonArray(column).isEmpty(), column);
    }
    assertEquals(0, json(get("api/metrics?run=tutorial")).getAsJsonObject("columns").size(), "no metrics.csv: no columns");
  }

  @Test
  void modelsAndOneModelsShape() throws Exception {
    String models = json(get("api/models")).getAsJsonArray("models").toString();
    assertTrue(models.contains("\"conditional/saved_models/generator\"") && models.contains("\"tutorial/saved_models/generator.keras\""),
        models);
    assertFalse(models.contains("discriminator"), models);
    JsonObject model = json(get("api/model?model=conditional/saved_models/generator"));
    assertEquals(100, model.get("noise_dim").getAsInt());
    assertTrue(model.get("conditional").getAsBoolean());
    assertEquals(10, model.get("classes").getAsInt());
    assertEquals("28x28x1", model.get("image").getAsString());
  }

  @Test
  void generateDrawsAPngGridANpyAndJson() throws Exception {
    HttpResponse<byte[]> png = get("api/generate?model=tutorial/saved_models/generator&count=9&seed=3");
    assertEquals(200, png.statusCode());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png.body(), 4));

    HttpResponse<byte[]> npy = get("api/generate?model=tutorial/saved_models/generator.keras&count=4&format=npy");
    assertEquals(200, npy.statusCode());
    assertTrue(new String(npy.body(), 0, 128, StandardCharsets.ISO_8859_1).contains("'shape': (4, 28, 28, 1)"));
    assertEquals(128 + 4 * 28 * 28 * 4, npy.body().length);

    JsonObject drawn = json(get("api/generate?model=tutorial/saved_models/generator&count=2&seed=5&format=json"));
    assertEquals(2, drawn.getAsJsonArray("images").size());
    assertTrue(drawn.getAsJsonArray("images").get(0).getAsString().startsWith("data:image/png;base64,"));
    assertEquals(FixedNoise.standardNormal(2, 100, 5)[100], drawn.getAsJsonArray("noise").get(1).getAsJsonArray().get(0).getAsFloat(),
        "the noise Generate --seed 5 draws");
  }

  @Test
  void pickingTheDigitChangesTheImagesAndTheLabels() throws Exception {
    JsonObject all = json(get("api/generate?model=conditional/saved_models/generator&count=4&format=json"));
    assertEquals("[0,1,2,3]", all.getAsJsonArray("labels").toString(), "the classes in turn");
    JsonObject sevens = json(get("api/generate?model=conditional/saved_models/generator&count=4&digit=7&format=json"));
    assertEquals("[7,7,7,7]", sevens.getAsJsonArray("labels").toString());
    assertEquals(all.getAsJsonArray("noise"), sevens.getAsJsonArray("noise"), "the same noise");
    assertNotEquals(all.getAsJsonArray("images").get(0), sevens.getAsJsonArray("images").get(0), "another digit, another image");
    JsonObject listed = json(get("api/generate?model=conditional/saved_models/generator.h5&digits=9876&format=json"));
    assertEquals("[9,8,7,6]", listed.getAsJsonArray("labels").toString());
  }

  @Test
  void truncationWalksAndExplicitNoise() throws Exception {
    JsonObject truncated = json(get("api/generate?model=tutorial/saved_models/generator&count=8&truncation=0.5&format=json"));
    for (var vector : truncated.getAsJsonArray("noise")) {
      for (var v : vector.getAsJsonArray()) {
        assertTrue(Math.abs(v.getAsFloat()) <= 0.5f, "resampled inside +-0.5: " + v);
      }
    }
    JsonObject walk = json(get("api/generate?model=tutorial/saved_models/generator&from_seed=1&to_seed=2&count=5&format=json"));
    JsonArray noise = walk.getAsJsonArray("noise");
    assertEquals(FixedNoise.standardNormal(1, 100, 1)[3], noise.get(0).getAsJsonArray().get(3).getAsFloat(), 1e-6, "starts at seed 1");
    assertEquals(FixedNoise.standardNormal(1, 100, 2)[3], noise.get(4).getAsJsonArray().get(3).getAsFloat(), 1e-6, "ends at seed 2");

    JsonObject again = new JsonObject();
    again.addProperty("model", "tutorial/saved_models/generator");
    again.addProperty("format", "json");
    again.add("noise", noise);
    JsonObject redrawn = json(send("POST", "api/generate", again.toString()));
    assertEquals(walk.getAsJsonArray("images"), redrawn.getAsJsonArray("images"), "the same noise draws the same images");
  }

  @Test
  void pagesAssetsAndGridsAreServed() throws Exception {
    for (String page : new String[] {"", "explore"}) {
      HttpResponse<byte[]> r = get(page);
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    }
    assertEquals(200, get("static/vendor/uplot/uPlot.iife.min.js").statusCode());
    assertTrue(new String(get("static/vendor/uplot/LICENSE").body(), StandardCharsets.UTF_8).contains("MIT"));
    HttpResponse<byte[]> grid = get("files/tutorial/images/image_at_epoch_0002.png");
    assertEquals(200, grid.statusCode());
    assertArrayEquals(Files.readAllBytes(root.resolve("tutorial/images/image_at_epoch_0002.png")), grid.body());
  }

  static Stream<Arguments> badRequests() {
    String model = "model=tutorial/saved_models/generator";
    return Stream.of(
        bad("GET", "api/generate?" + model + "&count=0", "", 400, "count"),
        bad("GET", "api/generate?" + model + "&count=1025", "", 400, "count"),
        bad("GET", "api/generate?" + model + "&count=many", "", 400, "count"),
        bad("GET", "api/generate?" + model + "&seed=x", "", 400, "seed"),
        bad("GET", "api/generate?" + model + "&truncation=-1", "", 400, "truncation"),
        bad("GET", "api/generate?" + model + "&truncation=1e-30", "", 400, "truncation"),
        bad("GET", "api/generate?" + model + "&format=gif", "", 400, "format"),
        bad("GET", "api/generate?" + model + "&digits=123", "", 400, "digits"),
        bad("GET", "api/generate?model=conditional/saved_models/generator&digits=1x3", "", 400, "digits"),
        bad("GET", "api/generate?model=conditional/saved_models/generator&digit=12", "", 400, "digits"),
        bad("GET", "api/generate?model=conditional/saved_models/generator&count=3&digits=12", "", 400, "digits"),
        bad("GET", "api/generate?" + model + "&from_seed=1&to_seed=2&count=1", "", 400, "count"),
        bad("GET", "api/generate", "", 400, "model"),
        bad("GET", "api/generate?model=../secret.png", "", 404, null),
        bad("GET", "api/generate?model=%2e%2e/secret.png", "", 404, null),
        bad("GET", "api/generate?model=/etc/passwd", "", 404, null),
        bad("GET", "api/generate?model=tutorial/outside", "", 404, null),
        bad("GET", "api/generate?model=tutorial/images", "", 404, null),
        bad("GET", "api/generate?model=tutorial/saved_models/discriminator", "", 404, null),
        bad("POST", "api/generate", "{\"model\": \"tutorial/saved_models/generator\", \"noise\": [[1, 2]]}", 400, "noise"),
        bad("POST", "api/generate", "{\"model\": \"tutorial/saved_models/generator\", \"noise\": \"loud\"}", 400, "noise"),
        bad("POST", "api/generate", "not json", 400, null),
        bad("POST", "api/generate", "{\"model\": \"tutorial/saved_models/generator\", \"pad\": \"" + "x".repeat(Http.MAX_BODY) + "\"}",
            413, null),
        bad("GET", "api/losses", "", 400, "run"),
        bad("GET", "api/losses?run=nowhere", "", 404, null),
        bad("GET", "api/losses?run=..", "", 404, null),
        bad("GET", "api/metrics?run=tutorial/outside", "", 404, null),
        bad("GET", "files/../secret.png", "", 404, null),
        bad("GET", "files/%2e%2e/secret.png", "", 404, null),
        bad("GET", "files/tutorial/%2e%2e/%2e%2e/secret.png", "", 404, null),
        bad("GET", "files//etc/passwd", "", 404, null),
        bad("GET", "files/tutorial/images/escape.png", "", 404, null),
        bad("GET", "files/tutorial/outside/secret.png", "", 404, null),
        bad("GET", "files/tutorial/losses.csv", "", 404, null),
        bad("GET", "files/tutorial/run.json", "", 404, null),
        bad("GET", "static/../runs.html", "", 404, null),
        bad("GET", "static/runs.html", "", 404, null),
        bad("GET", "nowhere", "", 404, null),
        bad("DELETE", "api/runs", "", 405, null),
        bad("POST", "api/runs", "{}", 405, null),
        bad("PUT", "api/generate", "{}", 405, null),
        bad("POST", "api/generate", "{\"model\": [1]}", 400, "model"),
        bad("POST", "api/generate", "{\"model\": \"tutorial/saved_models/generator\"}", 415, null),
        bad("GET", "files/tutorial/images/../../conditional/images/image_at_epoch_0001.png", "", 404, null),
        bad("GET", "files/tutorial/saved_models/generator/assets/x.png", "", 404, null));
  }

  private static Arguments bad(String method, String path, String body, int status, String parameter) {
    return Arguments.of(method, path, body, status, parameter);
  }

  @ParameterizedTest(name = "{0} /{1} -> {3}")
  @MethodSource("badRequests")
  void badRequestsGetAJsonErrorWithA4xxStatus(String method, String path, String body, int status, String parameter)
      throws Exception {
    HttpResponse<byte[]> response = send(method, path, body, status == 415 ? "text/plain" : "application/json");
    assertEquals(status, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    JsonObject error = json(response);
    assertTrue(error.has("error"), error.toString());
    String message = error.get("error").getAsString();
    assertFalse(message.contains("Exception") || message.contains("\tat ") || message.contains(tmp.toString()),
        "no stack trace, no path outside the runs: " + message);
    if (parameter != null) {
      assertEquals(parameter, error.get("parameter").getAsString(), message);
    }
  }

  @Test
  void aChangedRunIsToldToEveryListeningPageOnce() throws Exception {
    HttpResponse<InputStream> events = HTTP.send(HttpRequest.newBuilder(URI.create(studio.url() + "api/events")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, events.statusCode());
    assertEquals("text/event-stream; charset=utf-8", events.headers().firstValue("Content-Type").orElseThrow());
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
      assertTrue(lines.readLine().startsWith(": listening"));
      Files.writeString(root.resolve("tutorial/losses.csv"), "2,5,0.6,1.2,0.6,0.5\n", StandardOpenOption.APPEND);
      String line;
      do {
        line = lines.readLine();
      } while (line != null && !(line.startsWith("data: ") && line.contains("\"losses\"")));
      JsonObject change = JsonParser.parseString(line.substring("data: ".length())).getAsJsonObject();
      assertEquals("tutorial", change.get("run").getAsString());
      assertTrue(change.getAsJsonArray("changed").toString().contains("\"losses\""), change.toString());
    }
  }
}
