package dcgan;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CheckpointReaderGetVariable;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_CheckpointReaderGetVariableDataType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_CheckpointReaderGetVariableNumDims;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_CheckpointReaderGetVariableShape;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_CheckpointReaderSize;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteCheckpointReader;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewCheckpointReader;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_CheckpointReader;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.DataType;

/** Lists a TensorFlow checkpoint's keys with TensorFlow's own reader, in the Python reference's format. */
public final class CheckpointFiles {

  private CheckpointFiles() {}

  /** key -> {@code "float32 [5, 5, 1, 64]"}, as in {@code ckpt-3.keys.txt}. */
  public static Map<String, String> keys(Path prefix) {
    TensorFlow.version(); // loads the native library
    TF_Status status = TF_NewStatus();
    TF_CheckpointReader reader = TF_NewCheckpointReader(prefix.toString(), status);
    try {
      if (TF_GetCode(status) != 0) {
        throw new IllegalStateException(TF_Message(status).getString());
      }
      Map<String, String> keys = new TreeMap<>();
      for (int i = 0; i < TF_CheckpointReaderSize(reader); i++) {
        String key = TF_CheckpointReaderGetVariable(reader, i).getString();
        int rank = TF_CheckpointReaderGetVariableNumDims(reader, key);
        long[] dims = new long[rank];
        TF_CheckpointReaderGetVariableShape(reader, key, dims, rank, status);
        String type = switch (DataType.forNumber(TF_CheckpointReaderGetVariableDataType(reader, key))) {
          case DT_FLOAT -> "float32";
          case DT_INT64 -> "int64";
          case DT_STRING -> "string";
          default -> "other";
        };
        keys.put(key, type + " " + Arrays.toString(dims));
      }
      return keys;
    } finally {
      if (reader != null) {
        TF_DeleteCheckpointReader(reader);
      }
      TF_DeleteStatus(status);
    }
  }

  /** The reference list, {@code key | dtype [shape]} per line. */
  public static Map<String, String> reference(Path file) throws IOException {
    Map<String, String> keys = new TreeMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] parts = line.split(" \\| ");
      keys.put(parts[0].trim(), parts[1].trim());
    }
    return keys;
  }
}
