package dcgan.persistence;

import dcgan.data.DataException;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
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
    SignatureDef signature = SavedModels.servingSignature(folder, "--model", "saved_models/generator");
    if (signature.getInputsCount() != 1 || signature.getOutputsCount() != 1
        || !SavedModels.isFloat(signature.getInputsMap().values().iterator().next(), SavedModels.BATCH, SavedModels.ANY)
        || !SavedModels.isFloat(signature.getOutputsMap().values().iterator().next(), SavedModels.BATCH, 28, 28, 1)) {
      throw new DataException(folder + ": signature '" + SavedModelExporter.SIGNATURE + "' maps " + SavedModels.describe(signature.getInputsMap())
          + " to " + SavedModels.describe(signature.getOutputsMap()) + "; a generator maps one float32 [-1, noise_dim] input to one"
          + " float32 [-1, 28, 28, 1] output");
    }
    return signature;
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
