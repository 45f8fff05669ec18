package dcgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoded-images cache: a second run reads it, and any change of a file or an option gives another one. */
class ImageFolderCacheTest {

  @TempDir
  Path tmp;

  @Test
  void theSecondLoadReadsTheCacheAndAChangedFileOrOptionDoesNot() throws IOException {
    Path folder = copyOfFixture();
    Path cache = tmp.resolve("cache");
    ImageFolderReader.Options options = new ImageFolderReader.Options(12, 0);
    List<String> log = new ArrayList<>();
    int[] decoded = {0};
    ImageFolderReader.Progress counting = (done, total) -> decoded[0]++;
    ImageFolderReader.Result first = ImageFolderCache.load(folder, options, cache, counting, log::add);
    assertEquals(7, decoded[0]);
    ImageFolderReader.Result second = ImageFolderCache.load(folder, options, cache, counting, log::add);
    assertEquals(7, decoded[0], "nothing decoded the second time");
    assertTrue(log.get(log.size() - 1).contains("read from the cache"), log.toString());
    assertArrayEquals(first.images().pixels(), second.images().pixels());
    assertArrayEquals(first.images().labels(), second.images().labels());
    assertEquals(first.classes(), second.classes());
    assertEquals(first.skipped(), second.skipped());
    assertEquals(first.images().channels(), second.images().channels());

    ImageFolderCache.load(folder, new ImageFolderReader.Options(8, 0), cache, counting, log::add);
    assertEquals(14, decoded[0], "another size: decoded again");
    Path changed = folder.resolve("circles/red-40x30.png");
    Files.setLastModifiedTime(changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() + 60_000));
    ImageFolderCache.load(folder, options, cache, counting, log::add);
    assertEquals(21, decoded[0], "a touched file: decoded again");
    try (Stream<Path> files = Files.list(cache)) {
      assertEquals(3, files.filter(p -> p.getFileName().toString().endsWith(".npz")).count(), "one cache file per key, no temporaries");
    }
  }

  @Test
  void aCorruptCacheIsDecodedAgainWithAWarning() throws IOException {
    Path folder = copyOfFixture();
    Path cache = tmp.resolve("cache");
    ImageFolderReader.Options options = new ImageFolderReader.Options(12, 3);
    ImageFolderReader.Result first = ImageFolderCache.load(folder, options, cache, (d, t) -> { }, s -> { });
    Path file;
    try (Stream<Path> files = Files.list(cache)) {
      file = files.findFirst().orElseThrow();
    }
    Files.write(file, new byte[] {1, 2, 3});
    List<String> log = new ArrayList<>();
    ImageFolderReader.Result again = ImageFolderCache.load(folder, options, cache, (d, t) -> { }, log::add);
    assertTrue(log.get(0).startsWith("warning: the cache ") && log.get(0).contains("decoding the images again"), log.toString());
    assertArrayEquals(first.images().pixels(), again.images().pixels());
    assertNotEquals(3, Files.size(file), "rewritten");
  }

  private Path copyOfFixture() {
    return Fixtures.copyOf("image-folder", tmp.resolve("images"));
  }
}
