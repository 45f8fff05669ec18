package dcgan.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.io.FileUtils;

/**
 * Writes files and folders under a temporary name beside their target and renames them into place
 * when complete, so that a crash or an error never leaves a half-written output under the real
 * name. Temporary names start with {@code .tmp-} and the target's name.
 */
public final class AtomicFiles {

  /** Produces the content at a temporary path. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(Path temporary) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes a file (or a folder) at {@code target}: {@code writer} fills a temporary path in the
   * same folder, which then replaces {@code target} by an atomic rename. If the writer throws, the
   * temporary is deleted and {@code target} is left as it was.
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, ".tmp-" + absolute.getFileName() + "-", "");
    Files.delete(temporary); // the writer creates it, as a file or a folder
    boolean done = false;
    try {
      writer.writeTo(temporary);
      replace(temporary, absolute);
      done = true;
    } finally {
      if (!done) {
        deleteRecursively(temporary);
      }
    }
  }

  /** Writes {@code bytes} to {@code target} atomically. */
  public static void writeBytes(Path target, byte[] bytes) throws IOException {
    write(target, tmp -> Files.write(tmp, bytes));
  }

  /** Moves {@code source} over {@code target} atomically; an existing folder target is removed first. */
  public static void replace(Path source, Path target) throws IOException {
    if (Files.isDirectory(target)) {
      // A folder cannot be renamed over a non-empty folder: move the old one aside first.
      Path old = Files.createTempFile(target.getParent(), ".old-" + target.getFileName() + "-", "");
      Files.delete(old);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
      deleteRecursively(old);
      return;
    }
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a file or a folder tree; missing is fine. */
  public static void deleteRecursively(Path path) {
    FileUtils.deleteQuietly(path.toFile());
  }
}
