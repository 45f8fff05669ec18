package dcgan.data;

import dcgan.files.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Decoded image folders, kept so that the second run starts at once: one {@code .npz} per folder
 * and options ({@code images.npy} uint8 {@code [n, size, size, channels]}, {@code labels.npy},
 * {@code classes.txt}, {@code skipped.txt}; numpy reads it too), named by a hash of the file list
 * (relative paths, sizes, modification times) and the options. Any change to a file or an option
 * gives another name, so a stale cache is never read.
 */
public final class ImageFolderCache {

  /** Part of the key: bump when the decoding changes. */
  static final String VERSION = "image-folder-v1";

  private ImageFolderCache() {}

  /**
   * The folder's images, from {@code cacheDir} when they were decoded before with the same files
   * and options, else decoded (with {@code progress}) and stored there.
   *
   * @param log receives one line: where they were read from, or why the cache was not used
   */
  public static ImageFolderReader.Result load(Path folder, ImageFolderReader.Options options, Path cacheDir,
      ImageFolderReader.Progress progress, Consumer<String> log) {
    List<Path> files = ImageFolderReader.list(folder);
    Path file = cacheDir.resolve("image-folder-" + key(folder, files, options) + ".npz");
    if (Files.isRegularFile(file)) {
      try {
        ImageFolderReader.Result cached = read(file, folder);
        log.accept("Decoded images of " + folder + " read from the cache " + file);
        return cached;
      } catch (IOException | RuntimeException e) {
        log.accept("warning: the cache " + file + " does not read back (" + e.getMessage() + "); decoding the images again");
      }
    }
    ImageFolderReader.Result result = ImageFolderReader.read(folder, files, options, progress); // the files the key names
    try {
      Files.createDirectories(cacheDir);
      AtomicFiles.writeBytes(file, write(result));
      log.accept("Cached the decoded images in " + file);
    } catch (IOException e) {
      log.accept("warning: cannot cache the decoded images in " + file + " (" + e.getMessage() + "); the next run decodes them again");
    }
    return result;
  }

  /** Hex SHA-256 (first 16 digits) of the version, the options and every file's relative path, size and modification time. */
  static String key(Path folder, List<Path> files, ImageFolderReader.Options options) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, VERSION + " size=" + options.size() + " channels=" + options.channels()
          + " background=" + Integer.toHexString(ImageFolderReader.BACKGROUND));
      for (Path file : files) {
        update(sha, folder.relativize(file).toString().replace('\\', '/') + "\0" + Files.size(file) + "\0"
            + Files.getLastModifiedTime(file).toMillis());
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new DataException("cannot read the file list of " + folder + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest sha, String line) {
    sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static byte[] write(ImageFolderReader.Result result) throws IOException {
    Images images = result.images();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      entry(zip, "images.npy", Npy.write("|u1", new long[] {images.count(), images.rows(), images.cols(), images.channels()},
          images.pixels()));
      if (images.hasLabels()) {
        entry(zip, "labels.npy", Npy.write("|u1", new long[] {images.count()}, images.labels()));
      }
      entry(zip, "classes.txt", String.join("\n", result.classes()).getBytes(StandardCharsets.UTF_8));
      entry(zip, "skipped.txt", String.join("\n", result.skipped()).getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(data);
    zip.closeEntry();
  }

  static ImageFolderReader.Result read(Path file, Path folder) throws IOException {
    Npy.Array images = null, labels = null;
    String classes = null, skipped = null;
    try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        switch (e.getName()) {
          // Read to the entry's end, where ZipInputStream checks its CRC-32 (a corrupt cache is then rebuilt from the images).
          case "images.npy" -> images = Npy.read(new java.io.ByteArrayInputStream(zip.readAllBytes()), "images.npy");
          case "labels.npy" -> labels = Npy.read(new java.io.ByteArrayInputStream(zip.readAllBytes()), "labels.npy");
          case "classes.txt" -> classes = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
          case "skipped.txt" -> skipped = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
          default -> { }
        }
      }
    }
    if (images == null || classes == null || skipped == null || images.shape().length != 4) {
      throw new IOException("not an image-folder cache");
    }
    long[] s = images.shape();
    Images read = new Images(images.data(), (int) s[0], (int) s[1], (int) s[2], (int) s[3], labels == null ? null : labels.data(),
        folder.toString());
    return new ImageFolderReader.Result(read, lines(classes), lines(skipped));
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }
}
