package dcgan.studio;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the studio's handlers share: query parameters, a bounded body, JSON and byte answers. */
final class Http {

  /** The largest request body read: explicit noise for 1,024 images of 256 values fits. */
  static final int MAX_BODY = 4 << 20;

  private Http() {}

  /** The query's parameters, decoded; a repeated one keeps its last value. */
  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      params.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, null, "the query is not URL-encoded properly: " + s);
    }
  }

  /** The request body, at most {@link #MAX_BODY} bytes (413 beyond). */
  static byte[] body(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    long declared;
    try {
      declared = length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      throw new HttpError(400, null, "Content-Length is not a number");
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY || declared > MAX_BODY) {
        discard(in, 4L * MAX_BODY); // read on (not skip: the server's stream counts only what is read), so the client hears the answer
        throw new HttpError(413, null, "the body is larger than " + MAX_BODY + " bytes");
      }
      return body;
    } catch (java.io.EOFException e) {
      throw new HttpError(400, null, "the body ended before its Content-Length");
    }
  }

  private static void discard(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[1 << 16];
    for (long read = 0; read < limit; ) {
      int n = in.read(buffer);
      if (n < 0) {
        return;
      }
      read += n;
    }
  }

  static void json(HttpExchange exchange, int status, JsonElement body) throws IOException {
    bytes(exchange, status, "application/json; charset=utf-8", body.toString().getBytes(StandardCharsets.UTF_8));
  }

  static void bytes(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /** A refusal as {@code {"error": ..., "parameter": ...}}. */
  static void error(HttpExchange exchange, HttpError e) throws IOException {
    JsonObject body = new JsonObject();
    body.addProperty("error", e.getMessage());
    if (e.parameter() != null) {
      body.addProperty("parameter", e.parameter());
    }
    if (e.status() == 405) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD, POST");
    }
    json(exchange, e.status(), body);
  }
}
