package dcgan.persistence;

import dcgan.data.DataException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A trained generator, to use from a Java program: load a SavedModel, Java's or Python's, draw
 * images from noise (and, for a conditional GAN, class labels), get them as float arrays or {@link
 * BufferedImage}s, close.
 *
 * <pre>{@code
 * try (SavedGenerator generator = SavedGenerator.load(Path.of("saved_models/generator"))) {
 *   float[] noise = FixedNoise.standardNormal(16, generator.noiseDim(), 7);
 *   float[] pixels = generator.generate(noise, 16);              // 16 x 28 x 28 values in [-1, 1]
 *   List<BufferedImage> digits = SavedGenerator.images(pixels);
 * }
 * }</pre>
 *
 * <p>A generator's {@code serve} meta graph has a {@code serving_default} signature from one float32
 * {@code [-1, noise_dim]} input (and for a conditional one, an int32 {@code [-1]} input, the labels)
 * to one float32 {@code [-1, 28, 28, 1]} output. The folder is checked before TensorFlow loads it, so
 * that a wrong model gets one clear message. Loading a SavedModel runs its graph: load only models you trust.
 */
public final class SavedGenerator implements AutoCloseable {

  private final SavedModelBundle bundle;
  private final String noiseInput;
  private final String labelsInput;
  private final int noiseDim;

  private SavedGenerator(SavedModelBundle bundle, String noiseInput, String labelsInput, int noiseDim) {
    this.bundle = bundle;
    this.noiseInput = noiseInput;
    this.labelsInput = labelsInput;
    this.noiseDim = noiseDim;
  }

  /**
   * Checks and loads the SavedModel in {@code folder}.
   *
   * @throws DataException naming the folder and what is wrong with it
   */
  public static SavedGenerator load(Path folder) {
    SignatureDef signature = servingSignature(folder);
    String noise = null;
    String labels = null;
    for (Map.Entry<String, TensorInfo> in : signature.getInputsMap().entrySet()) {
      if (in.getValue().getDtype() == DataType.DT_FLOAT) {
        noise = in.getKey();
      } else {
        labels = in.getKey();
      }
    }
    int noiseDim = (int) signature.getInputsMap().get(noise).getTensorShape().getDim(1).getSize();
    try {
      return new SavedGenerator(SavedModelBundle.load(folder.toString(), SavedModelExporter.TAG), noise, labels, noiseDim);
    } catch (TensorFlowException e) {
      throw new DataException(folder + " could not be loaded by TensorFlow: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /** Reads and checks {@code saved_model.pb} and the variables, returning the serving signature. */
  static SignatureDef servingSignature(Path folder) {
    SignatureDef signature = SavedModels.servingSignature(folder, "--model", "saved_models/generator");
    List<TensorInfo> inputs = List.copyOf(signature.getInputsMap().values());
    long floats = inputs.stream().filter(i -> SavedModels.isFloat(i, SavedModels.BATCH, SavedModels.ANY)).count();
    long labels = inputs.stream().filter(SavedGenerator::isLabels).count();
    boolean inputsFit = floats == 1 && labels == inputs.size() - 1 && labels <= 1;
    if (!inputsFit || signature.getOutputsCount() != 1
        || !SavedModels.isFloat(signature.getOutputsMap().values().iterator().next(), SavedModels.BATCH, 28, 28, 1)) {
      throw new DataException(folder + ": signature '" + SavedModelExporter.SIGNATURE + "' maps " + SavedModels.describe(signature.getInputsMap())
          + " to " + SavedModels.describe(signature.getOutputsMap()) + "; a generator maps one float32 [-1, noise_dim] input"
          + " (and for a conditional GAN one int32 [-1] of labels) to one float32 [-1, 28, 28, 1] output");
    }
    return signature;
  }

  private static boolean isLabels(TensorInfo info) {
    return info.getDtype() == DataType.DT_INT32 && info.getTensorShape().getDimCount() == 1
        && info.getTensorShape().getDim(0).getSize() == -1;
  }

  /** Length of a noise vector. */
  public int noiseDim() {
    return noiseDim;
  }

  /** Whether it draws the digit it is asked for: a conditional GAN's generator, which also takes labels. */
  public boolean conditional() {
    return labelsInput != null;
  }

  /**
   * Runs an unconditional generator on {@code count} noise vectors.
   *
   * @return {@code count * 28 * 28} pixels in [-1, 1]
   * @throws IllegalStateException if the generator is conditional (it needs labels)
   */
  public float[] generate(float[] noise, int count) {
    if (conditional()) {
      throw new IllegalStateException("this generator is conditional: it draws the digits it is given, so pass labels too");
    }
    return run(noise, count, null);
  }

  /**
   * Runs a conditional generator: image {@code i} from noise vector {@code i} with label {@code labels[i]}.
   *
   * @throws IllegalStateException if the generator is unconditional (it takes no labels)
   */
  public float[] generate(float[] noise, int[] labels) {
    if (!conditional()) {
      throw new IllegalStateException("this generator is unconditional (the tutorial's): it takes no labels");
    }
    for (int label : labels) {
      if (label < 0 || label > 9) {
        throw new IllegalArgumentException("labels are digits 0 to 9, got " + label);
      }
    }
    return run(noise, labels.length, labels);
  }

  private float[] run(float[] noise, int count, int[] labels) {
    if (noise.length != count * noiseDim) {
      throw new IllegalArgumentException(noise.length + " noise values are not " + count + " vectors of " + noiseDim);
    }
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    try (TFloat32 z = TFloat32.tensorOf(Shape.of(count, noiseDim), DataBuffers.of(noise, true, false));
        TInt32 y = labels == null ? null : TInt32.vectorOf(labels)) {
      inputs.put(noiseInput, z);
      if (y != null) {
        inputs.put(labelsInput, y);
      }
      try (Result result = bundle.function(SavedModelExporter.SIGNATURE).call(inputs)) {
        TFloat32 images = (TFloat32) result.get(0);
        float[] pixels = new float[(int) images.shape().size()];
        images.asRawTensor().data().asFloats().read(pixels);
        return pixels;
      }
    }
  }

  /** The images of {@code pixels} (28 x 28 each, in [-1, 1]) as grey pictures: -1 black, 1 white. */
  public static List<BufferedImage> images(float[] pixels) {
    int side = 28;
    List<BufferedImage> images = new ArrayList<>();
    for (int offset = 0; offset + side * side <= pixels.length; offset += side * side) {
      BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
      for (int p = 0; p < side * side; p++) {
        int grey = Math.round(Math.max(-1f, Math.min(1f, pixels[offset + p])) * 127.5f + 127.5f);
        image.getRaster().setSample(p % side, p / side, 0, grey);
      }
      images.add(image);
    }
    return images;
  }

  @Override
  public void close() {
    bundle.close();
  }
}
