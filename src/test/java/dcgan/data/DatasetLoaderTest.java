package dcgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the images come from: --data, Keras's cache, a download, Debian's folder; and what is said when none works. */
class DatasetLoaderTest {

  @TempDir
  Path cache;

  private final List<String> log = new ArrayList<>();

  /** Downloads by copying a local file, recording what was asked. */
  private static final class CopyingDownloader extends Downloader {
    final List<String> calls = new ArrayList<>();
    private final Path source;

    CopyingDownloader(Path source) {
      this.source = source;
    }

    @Override
    public void download(URI url, Path target, Checksum checksum, long maxBytes, String hint) {
      calls.add(url + " -> " + target + (checksum == null ? " sha256=null" : checksum.algorithm().equals("SHA-256")
          ? " sha256=" + checksum.hex() : " " + checksum));
      try {
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** The real downloader, pointed at a port where nothing listens: a machine without network. */
  private static final class OfflineDownloader extends Downloader {
    @Override
    public void download(URI url, Path target, Checksum checksum, long maxBytes, String hint) {
      super.download(URI.create("https://127.0.0.1:1" + url.getPath()), target, checksum, maxBytes, hint);
    }
  }

  @Test
  void dataOptionWins() {
    DatasetLoader loader = new DatasetLoader(cache, List.of(), new OfflineDownloader(), log::add);
    assertEquals(256, loader.load(Dataset.MNIST, Fixtures.mnistNpz(), 0).count());
    assertEquals(256, loader.load(Dataset.MNIST, Fixtures.mnistFolder(), 0).count());
  }

  @Test
  void missingMnistIsDownloadedToKerasCacheWithKerasHash() {
    CopyingDownloader downloader = new CopyingDownloader(Fixtures.mnistNpz());
    Images images = new DatasetLoader(cache, List.of(), downloader, log::add).load(Dataset.MNIST, null, 0);
    assertEquals(256, images.count());
    assertEquals(List.of(DatasetLoader.MNIST_URL + " -> " + cache.resolve("mnist.npz") + " sha256=" + DatasetLoader.MNIST_SHA256),
        downloader.calls);
    assertTrue(log.get(0).startsWith("Downloading"), log.toString());
  }

  @Test
  void offlineWithoutCacheSaysWhereToPutTheFile() {
    DataException e = assertThrows(DataException.class,
        () -> new DatasetLoader(cache, List.of(), new OfflineDownloader(), log::add).load(Dataset.MNIST, null, 0));
    String message = e.getMessage();
    assertTrue(message.contains(cache.resolve("mnist.npz").toString()), message);
    assertTrue(message.contains("--data"), message);
    assertTrue(message.contains("no network"), message);
  }

  @Test
  void cachedFileWithAnotherHashIsReportedWhenItCannotBeReplaced() throws IOException {
    Files.copy(Fixtures.mnistNpz(), cache.resolve("mnist.npz"));
    DataException e = assertThrows(DataException.class,
        () -> new DatasetLoader(cache, List.of(), new OfflineDownloader(), log::add).load(Dataset.MNIST, null, 0));
    assertTrue(log.get(0).contains("has SHA-256 " + Downloader.sha256(Fixtures.mnistNpz())), log.toString());
    assertTrue(e.getMessage().contains("--data " + cache.resolve("mnist.npz")), e.getMessage());
  }

  @Test
  void fashionMnistIsFoundInDebiansFolder() {
    DatasetLoader loader = new DatasetLoader(cache, List.of(Fixtures.mnistFolder()), new OfflineDownloader(), log::add);
    assertEquals(256, loader.load(Dataset.FASHION_MNIST, null, 0).count());
  }

  @Test
  void missingFashionMnistIsDownloadedToKerasFolder() {
    CopyingDownloader downloader = new CopyingDownloader(Fixtures.mnistFolder().resolve("train-images-idx3-ubyte.gz"));
    Images images = new DatasetLoader(cache, List.of(cache.resolve("none")), downloader, log::add).load(Dataset.FASHION_MNIST, null, 0);
    assertEquals(256, images.count());
    assertTrue(downloader.calls.get(0).contains(cache.resolve("fashion-mnist").resolve("train-images-idx3-ubyte.gz").toString()));
  }

  @Test
  void missingCifar10IsDownloadedFromItsAuthorsWithTheirMd5() {
    CopyingDownloader downloader = new CopyingDownloader(Fixtures.resource("cifar10/cifar-10-binary.tar.gz"));
    Images images = new DatasetLoader(cache, List.of(), downloader, log::add).load(Dataset.CIFAR10, null, 0);
    assertEquals(15, images.count(), "the fixture archive's records");
    assertEquals(List.of("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz -> " + cache.resolve("cifar-10-binary.tar.gz")
        + " Checksum[algorithm=MD5, hex=c32a1d4ab5d03f1284b67883e8d87530, size=170052171]"), downloader.calls);
    assertEquals(15, new DatasetLoader(cache, List.of(), new OfflineDownloader(), log::add).load(Dataset.CIFAR10, null, 0).count(),
        "the second time from the cache, without a download");
  }

  @Test
  void offlineCifar10SaysWhereToPutIt() {
    DataException e = assertThrows(DataException.class,
        () -> new DatasetLoader(cache, List.of(), new OfflineDownloader(), log::add).load(Dataset.CIFAR10, null, 0));
    assertTrue(e.getMessage().contains("no network") && e.getMessage().contains("or pass --data PATH"), e.getMessage());
    assertFalse(java.nio.file.Files.exists(cache.resolve("cifar-10-binary.tar.gz")), "nothing half-written");
  }

  @Test
  void fakeDataIsDeterministicRings() {
    Images a = DatasetLoader.fake(20, 0);
    assertEquals(20, a.count());
    assertArrayEquals(a.pixels(), DatasetLoader.fake(20, 0).pixels());
    assertEquals(0, a.pixel(0, 0, 0), "corners are black");
  }

  @Test
  void datasetNamesAreKerasNames() {
    assertEquals(Dataset.FASHION_MNIST, Dataset.parse("fashion_mnist"));
    assertEquals(Dataset.MNIST, Dataset.parse("MNIST"));
    assertEquals(Dataset.CIFAR10, Dataset.parse("cifar10"), "as keras.datasets.cifar10");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.parse("celeba"));
    assertTrue(e.getMessage().contains("fashion_mnist, fake, cifar10"), e.getMessage());
  }
}
