package dcgan.output;

import dcgan.data.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * A generator SavedModel, Java's or Python's: any model whose {@code serve} meta graph has a
 * {@code serving_default} signature from one float32 {@code [-1, noise_dim]} input to one float32
 * {@code [-1, 28, 28, 1]} output. The folder is checked before TensorFlow loads it, so that a
 * wrong model gets one clear message. Loading a SavedModel runs its graph: load only models you trust.
 */
public final class SavedGenerator implements AutoCloseable {

  private final SavedModelBundle bundle;
  private final String input;
  private final int noiseDim;

  private SavedGenerator(SavedModelBundle bundle, String input, int noiseDim) {
    this.bundle = bundle;
    this.input = input;
    this.noiseDim = noiseDim;
  }

  /**
   * Checks and loads the SavedModel in {@code folder}.
   *
   * @throws DataException naming the folder and what is wrong with it
   */
  public static SavedGenerator load(Path folder) {
    SignatureDef signature = servingSignature(folder);
    Map.Entry<String, TensorInfo> in = signature.getInputsMap().entrySet().iterator().next();
    int noiseDim = (int) in.getValue().getTensorShape().getDim(1).getSize();
    try {
      return new SavedGenerator(SavedModelBundle.load(folder.toString(), SavedModelExporter.TAG), in.getKey(), noiseDim);
    } catch (TensorFlowException e) {
      throw new DataException(folder + " could not be loaded by TensorFlow: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /** Reads and checks {@code saved_model.pb} and the variables, returning the serving signature. */
  static SignatureDef servingSignature(Path folder) {
    Path pb = folder.resolve("saved_model.pb");
    if (!Files.isDirectory(folder)) {
      throw new DataException(folder + " does not exist or is not a folder; pass --model a SavedModel folder such as saved_models/generator");
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
    if (signature.getInputsCount() != 1 || signature.getOutputsCount() != 1
        || !isFloat(signature.getInputsMap().values().iterator().next(), BATCH, ANY)
        || !isFloat(signature.getOutputsMap().values().iterator().next(), BATCH, 28, 28, 1)) {
      throw new DataException(folder + ": signature '" + SavedModelExporter.SIGNATURE + "' maps " + describe(signature.getInputsMap())
          + " to " + describe(signature.getOutputsMap()) + "; a generator maps one float32 [-1, noise_dim] input to one"
          + " float32 [-1, 28, 28, 1] output");
    }
    boolean hasVariables = meta.getGraphDef().getNodeList().stream()
        .anyMatch(n -> n.getOp().equals("VariableV2") || n.getOp().equals("VarHandleOp"));
    if (hasVariables && !Files.isRegularFile(folder.resolve("variables").resolve("variables.index"))) {
      throw new DataException(folder + " is incomplete: its graph has variables but variables/variables.index is missing");
    }
    return signature;
  }

  private static final long BATCH = -1, ANY = 0;

  /** Whether {@code info} is float32 with these dims: {@code BATCH} unknown, {@code ANY} any known size, else exactly. */
  private static boolean isFloat(TensorInfo info, long... dims) {
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

  private static String describe(Map<String, TensorInfo> tensors) {
    return tensors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().getDtype().name().replace("DT_", "").toLowerCase()
        + e.getValue().getTensorShape().getDimList().stream().map(d -> String.valueOf(d.getSize())).toList()).toList().toString();
  }

  /** Length of a noise vector. */
  public int noiseDim() {
    return noiseDim;
  }

  /**
   * Runs {@code serving_default} on {@code count} noise vectors.
   *
   * @return {@code count * 28 * 28} pixels in [-1, 1]
   */
  public float[] generate(float[] noise, int count) {
    if (noise.length != count * noiseDim) {
      throw new IllegalArgumentException(noise.length + " noise values are not " + count + " vectors of " + noiseDim);
    }
    try (TFloat32 z = TFloat32.tensorOf(Shape.of(count, noiseDim), DataBuffers.of(noise, true, false));
        Result result = bundle.function(SavedModelExporter.SIGNATURE).call(Map.<String, Tensor>of(input, z))) {
      TFloat32 images = (TFloat32) result.get(0);
      float[] pixels = new float[(int) images.shape().size()];
      images.asRawTensor().data().asFloats().read(pixels);
      return pixels;
    }
  }

  @Override
  public void close() {
    bundle.close();
  }
}
