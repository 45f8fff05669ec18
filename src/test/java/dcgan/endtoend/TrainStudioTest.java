package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dcgan.cli.TrainCommand;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Train --studio}: the studio serves the run while it trains, in the same process, and stops with it. */
class TrainStudioTest {

  @TempDir
  Path tmp;

  /** What a stream printed so far, readable while it is written. */
  private static final class Captured extends OutputStream {
    private final StringBuffer text = new StringBuffer();

    @Override
    public void write(int b) {
      text.append((char) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      text.append(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }

  @Test
  void theStudioShowsTheRunWhileItTrains() throws Exception {
    Captured out = new Captured();
    Captured err = new Captured();
    Path run = tmp.resolve("run");
    CompletableFuture<Integer> training = CompletableFuture.supplyAsync(() -> TrainCommand.run(new String[] {"--dataset", "fake",
        "--limit", "512", "--batch-size", "8", "--epochs", "3", "--eval-every", "0", "--no-tensorboard", "--no-plots", "--studio",
        "--studio-port", "0", "--output-dir", run.toString()}, new PrintStream(out, true), new PrintStream(err, true)));
    Pattern address = Pattern.compile("Studio: (http://127\\.0\\.0\\.1:\\d+/) ");
    Matcher found = address.matcher("");
    for (int i = 0; i < 600 && !found.reset(out.text).find(); i++) {
      Thread.sleep(50);
    }
    assertTrue(found.reset(out.text).find(), out.text + "\n" + err.text);
    String url = found.group(1);
    HttpClient http = HttpClient.newHttpClient();
    JsonObject seen = null;
    for (int i = 0; i < 600 && !training.isDone(); i++) {
      String body = http.send(HttpRequest.newBuilder(URI.create(url + "api/runs")).build(), HttpResponse.BodyHandlers.ofString()).body();
      var runs = JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("runs");
      if (!runs.isEmpty() && runs.get(0).getAsJsonObject().has("global_step")
          && runs.get(0).getAsJsonObject().get("global_step").getAsLong() > 0) {
        seen = runs.get(0).getAsJsonObject();
        break;
      }
      Thread.sleep(50);
    }
    assertEquals(0, training.get(5, TimeUnit.MINUTES), err.text.toString());
    assertTrue(seen != null, "the run's progress was served while it trained: " + out.text);
    assertEquals(".", seen.get("name").getAsString(), "the run's own folder");
    assertEquals(3, seen.get("epochs").getAsInt());
    assertEquals(64, seen.get("steps_per_epoch").getAsInt());
    assertTrue(seen.get("training").getAsBoolean(), seen.toString());
    boolean stopped;
    try {
      http.send(HttpRequest.newBuilder(URI.create(url + "api/runs")).build(), HttpResponse.BodyHandlers.ofString());
      stopped = false;
    } catch (java.io.IOException e) {
      stopped = true;
    }
    assertTrue(stopped, "the studio stops with the training");
  }
}
