package dcgan.persistence;

import dcgan.data.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Checks a SavedModel folder before TensorFlow loads it, so that a wrong folder gets one clear
 * message instead of TensorFlow's: the folder, {@code saved_model.pb}, the {@code serve} meta graph,
 * its {@code serving_default} signature and, when the graph has variables, {@code variables/}.
 * Each kind of model (generator, classifier) then checks the signature's tensors itself.
 */
public final class SavedModels {

  /** In {@link #isFloat}: the batch axis, unknown ({@code -1}). */
  public static final long BATCH = -1;
  /** In {@link #isFloat}: any known size. */
  public static final long ANY = 0;

  private SavedModels() {}

  /**
   * The {@code serving_default} signature of the SavedModel in {@code folder}.
   *
   * @param option the command-line option that names the folder, for messages (e.g. {@code --model})
   * @param example an example folder, for messages
   * @throws DataException naming the folder and what is wrong with it
   */
  public static SignatureDef servingSignature(Path folder, String option, String example) {
    Path pb = folder.resolve("saved_model.pb");
    if (!Files.isDirectory(folder)) {
      throw new DataException(folder + " does not exist or is not a folder; pass " + option + " a SavedModel folder such as " + example);
    }
    if (!Files.isRegularFile(pb)) {
      throw new DataException(folder + " is not a SavedModel: it has no saved_model.pb");
    }
    SavedModel model;
    try (InputStream in = Files.newInputStream(pb)) {
      model = SavedModel.parseFrom(in);
    } catch (IOException e) {
      throw new DataException(pb + " is not a readable SavedModel (" + e.getMessage() + ")", e);
    }
    MetaGraphDef meta = model.getMetaGraphsList().stream()
        .filter(m -> m.getMetaInfoDef().getTagsList().contains(SavedModelExporter.TAG)).findFirst()
        .orElseThrow(() -> new DataException(folder + " has no meta graph tagged '" + SavedModelExporter.TAG + "'"));
    SignatureDef signature = meta.getSignatureDefMap().get(SavedModelExporter.SIGNATURE);
    if (signature == null) {
      throw new DataException(folder + " has no '" + SavedModelExporter.SIGNATURE + "' signature (it has "
          + meta.getSignatureDefMap().keySet() + ")");
    }
    boolean hasVariables = meta.getGraphDef().getNodeList().stream()
        .anyMatch(n -> n.getOp().equals("VariableV2") || n.getOp().equals("VarHandleOp"));
    if (hasVariables && !Files.isRegularFile(folder.resolve("variables").resolve("variables.index"))) {
      throw new DataException(folder + " is incomplete: its graph has variables but variables/variables.index is missing");
    }
    return signature;
  }

  /** The image shape of a float32 {@code [-1, S, S, 1 or 3]} tensor (square, grey or RGB), or null for any other. */
  public static dcgan.data.ImageShape squareImage(TensorInfo info) {
    if (!isFloat(info, BATCH, ANY, ANY, ANY)) {
      return null;
    }
    long rows = info.getTensorShape().getDim(1).getSize(), cols = info.getTensorShape().getDim(2).getSize();
    long channels = info.getTensorShape().getDim(3).getSize();
    return rows == cols && rows > 0 && (channels == 1 || channels == 3) ? new dcgan.data.ImageShape((int) rows, (int) cols, (int) channels)
        : null;
  }

  /** Whether {@code info} is float32 with these dims: {@link #BATCH} unknown, {@link #ANY} any known size, else exactly. */
  public static boolean isFloat(TensorInfo info, long... dims) {
    TensorShapeProto shape = info.getTensorShape();
    if (info.getDtype() != DataType.DT_FLOAT || shape.getUnknownRank() || shape.getDimCount() != dims.length) {
      return false;
    }
    for (int i = 0; i < dims.length; i++) {
      long size = shape.getDim(i).getSize();
      boolean ok = dims[i] == BATCH ? size == -1 : dims[i] == ANY ? size > 0 : size == dims[i];
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code [noise float[-1, 100]]}: names, dtypes and shapes, for messages. */
  public static String describe(Map<String, TensorInfo> tensors) {
    return tensors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().getDtype().name().replace("DT_", "").toLowerCase()
        + e.getValue().getTensorShape().getDimList().stream().map(d -> String.valueOf(d.getSize())).toList()).toList().toString();
  }
}
