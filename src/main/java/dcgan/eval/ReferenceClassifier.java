package dcgan.eval;

import dcgan.data.DataException;
import dcgan.data.ImageShape;
import dcgan.data.Images;
import dcgan.persistence.SavedModelExporter;
import dcgan.persistence.SavedModels;
import java.nio.file.Path;
import java.util.Arrays;
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
 * A classifier SavedModel that scores images: its {@code serving_default} signature takes one
 * float32 {@code [-1, 28, 28, 1]} input in [-1, 1] (or {@code [-1, S, S, 1 or 3]} for other images) and returns {@code logits} float32 {@code [-1,
 * classes]} and {@code features} float32 {@code [-1, dim]}. The project trains one ({@link
 * ClassifierTrainer}); {@code --classifier DIR} brings another, Java's or Python's. Loading a
 * SavedModel runs its graph: load only models you trust.
 */
public final class ReferenceClassifier implements AutoCloseable {

  /** Output name of the logits. */
  public static final String LOGITS = "logits";
  /** Output name of the penultimate layer's activations. */
  public static final String FEATURES = "features";
  /** Images per call: bounds the memory of the activations in flight. */
  static final int BATCH = 500;

  private final Path folder;
  private final SavedModelBundle bundle;
  private final String input;
  private final int classes;
  private final int featureDim;
  private final ImageShape image;

  /**
   * The logits and features of {@code count} images, image after image.
   *
   * @param logits {@code count * classes} values
   * @param features {@code count * featureDim} values
   */
  public record Activations(float[] logits, float[] features, int count, int classes, int featureDim) {}

  private ReferenceClassifier(Path folder, SavedModelBundle bundle, String input, int classes, int featureDim, ImageShape image) {
    this.image = image;
    this.folder = folder;
    this.bundle = bundle;
    this.input = input;
    this.classes = classes;
    this.featureDim = featureDim;
  }

  /**
   * Checks and loads the classifier in {@code folder}.
   *
   * @throws DataException naming the folder and what its signature lacks
   */
  public static ReferenceClassifier load(Path folder) {
    SignatureDef signature = SavedModels.servingSignature(folder, "--classifier", "a folder written by Evaluate");
    TensorInfo logits = signature.getOutputsMap().get(LOGITS);
    TensorInfo features = signature.getOutputsMap().get(FEATURES);
    ImageShape image = signature.getInputsCount() == 1 ? SavedModels.squareImage(signature.getInputsMap().values().iterator().next()) : null;
    if (image == null
        || logits == null || !SavedModels.isFloat(logits, SavedModels.BATCH, SavedModels.ANY)
        || features == null || !SavedModels.isFloat(features, SavedModels.BATCH, SavedModels.ANY)) {
      throw new DataException(folder + ": signature '" + SavedModelExporter.SIGNATURE + "' maps "
          + SavedModels.describe(signature.getInputsMap()) + " to " + SavedModels.describe(signature.getOutputsMap())
          + "; a classifier maps one float32 image input ([-1, 28, 28, 1], or [-1, S, S, 1 or 3]) to '" + LOGITS + "' float32 [-1, classes] and '"
          + FEATURES + "' float32 [-1, dim]");
    }
    String input = signature.getInputsMap().keySet().iterator().next();
    int classes = (int) logits.getTensorShape().getDim(1).getSize();
    int featureDim = (int) features.getTensorShape().getDim(1).getSize();
    try {
      return new ReferenceClassifier(folder, SavedModelBundle.load(folder.toString(), SavedModelExporter.TAG), input, classes,
          featureDim, image);
    } catch (TensorFlowException e) {
      throw new DataException(folder + " could not be loaded by TensorFlow: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /** The shape of the images it scores: 28 x 28 x 1 for (Fashion-)MNIST's. */
  public ImageShape imageShape() {
    return image;
  }

  /** Where it was loaded from. */
  public Path folder() {
    return folder;
  }

  /** Number of classes (the logits' width). */
  public int classes() {
    return classes;
  }

  /** Width of the features. */
  public int featureDim() {
    return featureDim;
  }

  /** The activations of {@code count} images in [-1, 1] of its {@link #imageShape()}, {@code count * 784} values for MNIST's. */
  public Activations run(float[] images, int count) {
    int side = image.size();
    if (images.length != count * side) {
      throw new IllegalArgumentException(images.length + " values are not " + count + " images of " + image);
    }
    float[] logits = new float[count * classes];
    float[] features = new float[count * featureDim];
    for (int start = 0; start < count; start += BATCH) {
      int n = Math.min(BATCH, count - start);
      float[] batch = Arrays.copyOfRange(images, start * side, (start + n) * side);
      try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, image.rows(), image.cols(), image.channels()), DataBuffers.of(batch, true, false));
          Result result = bundle.function(SavedModelExporter.SIGNATURE).call(Map.<String, Tensor>of(input, x))) {
        read(result, LOGITS, logits, start * classes, n * classes);
        read(result, FEATURES, features, start * featureDim, n * featureDim);
      }
    }
    return new Activations(logits, features, count, classes, featureDim);
  }

  /** The activations of real images, scaled to [-1, 1] as the tutorial scales them. */
  public Activations run(Images images) {
    return run(scaled(images), images.count());
  }

  /** {@code (pixels - 127.5) / 127.5} in float32, as {@code dcgan.model.Pixels.scale} computes it. */
  static float[] scaled(Images images) {
    byte[] pixels = images.pixels();
    float[] out = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = ((pixels[i] & 0xFF) - 127.5f) / 127.5f;
    }
    return out;
  }

  private static void read(Result result, String name, float[] into, int offset, int length) {
    TFloat32 tensor = (TFloat32) result.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
    float[] values = new float[length];
    tensor.asRawTensor().data().asFloats().read(values);
    System.arraycopy(values, 0, into, offset, length);
  }

  @Override
  public void close() {
    bundle.close();
  }
}
