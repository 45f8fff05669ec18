package dcgan.data;

import dcgan.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads a data file the careful way: HTTPS only, at most {@code maxBytes}, into a temporary
 * file beside the target that is renamed into place only when its SHA-256 matches. A failed or
 * interrupted download never leaves a file at the target.
 */
public class Downloader {

  private final HttpClient client;

  public Downloader() {
    this(HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL) // never from https to http
        .connectTimeout(Duration.ofSeconds(20))
        .build());
  }

  Downloader(HttpClient client) {
    this.client = client;
  }

  /**
   * Fetches {@code url} to {@code target}.
   *
   * @param sha256 expected hex SHA-256 of the content, or null to accept any content
   * @param maxBytes size cap; a larger response is abandoned
   * @param hint what the user can do instead, appended to network errors
   * @throws DataException with a message naming the URL, the problem and {@code hint}
   */
  public void download(URI url, Path target, String sha256, long maxBytes, String hint) {
    if (!"https".equalsIgnoreCase(url.getScheme())) {
      throw new DataException("refusing to download " + url + ": only https URLs are used");
    }
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET().build();
    try {
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new DataException("downloading " + url + " failed with HTTP " + response.statusCode() + "; " + hint);
        }
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (announced > maxBytes) {
          throw new DataException(url + " is " + announced + " bytes, more than the " + maxBytes + " expected; not downloaded");
        }
        save(body, url, target, sha256, maxBytes);
      }
    } catch (UnknownHostException | ConnectException | HttpConnectTimeoutException e) {
      throw new DataException("cannot download " + url + " (no network: " + e + "); " + hint, e);
    } catch (IOException e) {
      throw new DataException("downloading " + url + " failed (" + e + "); " + hint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataException("download of " + url + " interrupted", e);
    }
  }

  /** Streams {@code body} to a temporary file, checks size and hash, then renames it to {@code target}. */
  static void save(InputStream body, URI url, Path target, String sha256, long maxBytes) throws IOException {
    MessageDigest digest = sha256Digest();
    AtomicFiles.write(target, tmp -> {
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = body.read(buffer)) > 0; ) {
          total += n;
          if (total > maxBytes) {
            throw new DataException(url + " sent more than " + maxBytes + " bytes; download abandoned");
          }
          out.write(buffer, 0, n);
        }
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (sha256 != null && !sha256.equalsIgnoreCase(actual)) {
        throw new DataException("downloaded " + url + " has SHA-256 " + actual + ", expected " + sha256
            + "; the file was discarded (a proxy or a changed upstream file?)");
      }
    });
  }

  /** Hex SHA-256 of a file. */
  public static String sha256(Path file) {
    MessageDigest digest = sha256Digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
