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
 * file beside the target that is renamed into place only when its checksum matches. A failed or
 * interrupted download never leaves a file at the target.
 */
public class Downloader {

  /**
   * The hash a download must have: SHA-256 where the publisher gives one (Keras's MNIST), else the
   * publisher's own (CIFAR-10's authors publish MD5 only), checked together with the exact size.
   *
   * @param algorithm a {@link MessageDigest} name, {@code SHA-256} or {@code MD5}
   * @param hex the expected digest in hex
   * @param size the exact size in bytes, or -1 when not known
   */
  public record Checksum(String algorithm, String hex, long size) {
    /** A SHA-256 hash, any size. */
    public static Checksum sha256(String hex) {
      return new Checksum("SHA-256", hex, -1);
    }

    /** An MD5 hash and the exact size. */
    public static Checksum md5(String hex, long size) {
      return new Checksum("MD5", hex, size);
    }
  }

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
    download(url, target, sha256 == null ? null : Checksum.sha256(sha256), maxBytes, hint);
  }

  /**
   * Fetches {@code url} to {@code target}, which must match {@code checksum} (null: any content).
   *
   * @throws DataException with a message naming the URL, the problem and {@code hint}
   */
  public void download(URI url, Path target, Checksum checksum, long maxBytes, String hint) {
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
        save(body, url, target, checksum, maxBytes);
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
  static void save(InputStream body, URI url, Path target, Checksum checksum, long maxBytes) throws IOException {
    MessageDigest digest = digest(checksum == null ? "SHA-256" : checksum.algorithm());
    AtomicFiles.write(target, tmp -> {
      long total = 0;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = body.read(buffer)) > 0; ) {
          total += n;
          if (total > maxBytes) {
            throw new DataException(url + " sent more than " + maxBytes + " bytes; download abandoned");
          }
          out.write(buffer, 0, n);
        }
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (checksum != null && checksum.size() >= 0 && total != checksum.size()) {
        throw new DataException("downloaded " + url + " is " + total + " bytes, expected " + checksum.size()
            + "; the file was discarded (an interrupted download or a changed upstream file?)");
      }
      if (checksum != null && !checksum.hex().equalsIgnoreCase(actual)) {
        throw new DataException("downloaded " + url + " has " + checksum.algorithm() + " " + actual + ", expected " + checksum.hex()
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
    return digest("SHA-256");
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256 and MD5", e);
    }
  }
}
