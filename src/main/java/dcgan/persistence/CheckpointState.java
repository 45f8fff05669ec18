package dcgan.persistence;

import dcgan.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code checkpoint} file TensorFlow keeps beside its checkpoints (a {@code CheckpointState}
 * in protobuf text format), which {@code tf.train.latest_checkpoint} reads:
 *
 * <pre>
 * model_checkpoint_path: "ckpt-3"
 * all_model_checkpoint_paths: "ckpt-2"
 * all_model_checkpoint_paths: "ckpt-3"
 * </pre>
 *
 * <p>A checkpoint counts as complete only once it is listed here: its files are written first, this
 * file is replaced atomically after.
 *
 * @param paths the kept checkpoint prefixes, oldest first, relative to the folder; the last is the latest
 */
public record CheckpointState(List<String> paths) {

  /** The file name TensorFlow uses. */
  public static final String FILE = "checkpoint";
  private static final Pattern LINE = Pattern.compile("^\\s*(model_checkpoint_path|all_model_checkpoint_paths)\\s*:\\s*\"(.*)\"\\s*$");

  public CheckpointState {
    paths = List.copyOf(paths);
  }

  /** The latest checkpoint, or null. */
  public String latest() {
    return paths.isEmpty() ? null : paths.get(paths.size() - 1);
  }

  /** Reads {@code folder/checkpoint}; no file gives an empty state. */
  public static CheckpointState read(Path folder) throws IOException {
    List<String> all = new ArrayList<>();
    String latest = null;
    try {
      for (String line : Files.readAllLines(folder.resolve(FILE), StandardCharsets.UTF_8)) {
        Matcher m = LINE.matcher(line);
        if (m.matches()) {
          if (m.group(1).equals("model_checkpoint_path")) {
            latest = m.group(2);
          } else {
            all.add(m.group(2));
          }
        }
      }
    } catch (NoSuchFileException e) {
      return new CheckpointState(List.of());
    } catch (java.nio.charset.MalformedInputException e) {
      return new CheckpointState(List.of()); // garbled bytes: as good as no state file; Checkpoints looks on disk
    }
    if (latest != null && !all.contains(latest)) {
      all.add(latest);
    }
    return new CheckpointState(all);
  }

  /** Replaces {@code folder/checkpoint} atomically. */
  public void write(Path folder) throws IOException {
    StringBuilder text = new StringBuilder();
    if (latest() != null) {
      text.append("model_checkpoint_path: \"").append(latest()).append("\"\n");
    }
    paths.forEach(p -> text.append("all_model_checkpoint_paths: \"").append(p).append("\"\n"));
    AtomicFiles.writeBytes(folder.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
