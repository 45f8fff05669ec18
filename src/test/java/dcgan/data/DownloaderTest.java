package dcgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS only, a size cap, and a file that appears only complete and with the right hash. */
class DownloaderTest {

  private static final URI URL = URI.create("https://example.invalid/data.bin");
  private static final byte[] CONTENT = "the data".getBytes(StandardCharsets.UTF_8);
  private static final String WRONG_HASH = "0".repeat(64);

  @TempDir
  Path tmp;

  @Test
  void plainHttpIsRefused() {
    DataException e = assertThrows(DataException.class,
        () -> new Downloader().download(URI.create("http://example.com/mnist.npz"), tmp.resolve("x"), (String) null, 100, "hint"));
    assertTrue(e.getMessage().contains("only https"), e.getMessage());
  }

  @Test
  void matchingHashIsRenamedIntoPlace() throws IOException {
    Path target = tmp.resolve("data.bin");
    String hash = sha256(CONTENT);
    Downloader.save(new ByteArrayInputStream(CONTENT), URL, target, Downloader.Checksum.sha256(hash), 1000);
    assertArrayEquals(CONTENT, Files.readAllBytes(target));
    assertEquals(List.of(target), listing());
  }

  @Test
  void wrongHashLeavesNothingAndKeepsTheOldFile() throws IOException {
    Path target = tmp.resolve("data.bin");
    Files.writeString(target, "old");
    DataException e = assertThrows(DataException.class,
        () -> Downloader.save(new ByteArrayInputStream(CONTENT), URL, target, Downloader.Checksum.sha256(WRONG_HASH), 1000));
    assertTrue(e.getMessage().contains("SHA-256 " + sha256(CONTENT)), e.getMessage());
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), listing(), "no temporary file left behind");
  }

  @Test
  void anMd5AndSizeAreCheckedAsPublished() throws IOException {
    Path target = tmp.resolve("data.bin");
    String md5 = java.util.HexFormat.of().formatHex(md5(CONTENT));
    Downloader.save(new ByteArrayInputStream(CONTENT), URL, target, Downloader.Checksum.md5(md5, CONTENT.length), 1000);
    assertArrayEquals(CONTENT, Files.readAllBytes(target));
    Path other = tmp.resolve("other.bin");
    DataException wrongHash = assertThrows(DataException.class, () -> Downloader.save(new ByteArrayInputStream(CONTENT), URL, other,
        Downloader.Checksum.md5("0".repeat(32), CONTENT.length), 1000));
    assertTrue(wrongHash.getMessage().contains("has MD5 " + md5 + ", expected 00000000"), wrongHash.getMessage());
    DataException wrongSize = assertThrows(DataException.class, () -> Downloader.save(new ByteArrayInputStream(CONTENT), URL, other,
        Downloader.Checksum.md5(md5, CONTENT.length + 1), 1000));
    assertTrue(wrongSize.getMessage().contains("is 8 bytes, expected 9"), wrongSize.getMessage());
    assertEquals(List.of(target), listing(), "neither bad download left a file");
  }

  private static byte[] md5(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance("MD5").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void oversizedDownloadIsAbandoned() throws IOException {
    Path target = tmp.resolve("data.bin");
    DataException e = assertThrows(DataException.class,
        () -> Downloader.save(new ByteArrayInputStream(new byte[5000]), URL, target, null, 4096));
    assertTrue(e.getMessage().contains("more than 4096 bytes"), e.getMessage());
    assertFalse(Files.exists(target));
    assertEquals(List.of(), listing());
  }

  @Test
  void unreachableServerGivesTheHint() {
    DataException e = assertThrows(DataException.class, () -> new Downloader()
        .download(URI.create("https://127.0.0.1:1/mnist.npz"), tmp.resolve("m.npz"), (String) null, 100, "pass --data PATH"));
    assertTrue(e.getMessage().contains("pass --data PATH"), e.getMessage());
    assertTrue(e.getMessage().contains("https://127.0.0.1:1/mnist.npz"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("m.npz")));
  }

  @Test
  void sha256OfAFileIsHex() throws IOException {
    Path file = tmp.resolve("abc");
    Files.writeString(file, "abc");
    // FIPS 180-2 test vector.
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Downloader.sha256(file));
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.toList();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
