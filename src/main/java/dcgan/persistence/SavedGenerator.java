package dcgan.persistence;

import com.google.gson.JsonObject;
import dcgan.data.DataException;
import dcgan.data.ImageShape;
import dcgan.model.GanSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
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
 *   float[] pixels = generator.generate(noise, 16);              // 16 images of imageShape() (28 x 28 here), in [-1, 1]
 *   List<BufferedImage> digits = SavedGenerator.images(pixels);
 * }
 * }</pre>
 *
 * <p>A generator's {@code serve} meta graph has a {@code serving_default} signature from one float32
 * {@code [-1, noise_dim]} input (and for a conditional one, an int32 {@code [-1]} input, the labels)
 * to one float32 {@code [-1, rows, cols, channels]} output ({@code [-1, 28, 28, 1]} for MNIST). The folder is checked before TensorFlow loads it, so
 * that a wrong model gets one clear message. Loading a SavedModel runs its graph: load only models you trust.
 */
public final class SavedGenerator implements AutoCloseable {

  private final SavedModelBundle bundle;
  private final KerasGenerator.Loaded keras;
  private final String noiseInput;
  private final String labelsInput;
  private final int noiseDim;
  private final ImageShape image;
  private final int classes;
  private final Optional<GanSpec> spec;

  private SavedGenerator(SavedModelBundle bundle, String noiseInput, String labelsInput, int noiseDim, ImageShape image,
      Optional<GanSpec> spec) {
    this.bundle = bundle;
    this.keras = null;
    this.noiseInput = noiseInput;
    this.labelsInput = labelsInput;
    this.noiseDim = noiseDim;
    this.image = image;
    this.spec = spec;
    this.classes = labelsInput == null ? 0 : spec.map(s -> s.labels().classes()).orElseGet(() -> oneHotDepth(bundle));
  }

  /**
   * The networks a SavedModel exported by this project says it holds ({@link
   * SavedModelExporter#SPEC_ASSET}); empty for one made elsewhere or before the spec was kept.
   */
  static Optional<GanSpec> specAsset(Path folder) {
    Path asset = folder.resolve(SavedModelExporter.SPEC_ASSET);
    if (!Files.isRegularFile(asset)) {
      return Optional.empty();
    }
    try {
      JsonObject json = SpecJson.parse(Files.readString(asset), asset.toString());
      return Optional.of(SpecJson.ganSpec(json.getAsJsonObject("networks"), asset.toString()));
    } catch (IOException e) {
      throw new DataException("cannot read " + asset + ": " + e.getMessage(), e);
    }
  }

  /** The networks it came from, where the SavedModel says ({@link #specAsset}): a model made by this project's Train. */
  public Optional<GanSpec> spec() {
    return spec;
  }

  /**
   * The number of classes of a conditional generator exported before SavedModels kept their spec:
   * the depth of the {@code OneHot} its labels go through; -1 when the graph has none (a model made elsewhere).
   */
  private static int oneHotDepth(SavedModelBundle bundle) {
    java.util.Iterator<org.tensorflow.GraphOperation> ops = bundle.graph().operations();
    while (ops.hasNext()) {
      org.tensorflow.GraphOperation op = ops.next();
      if (op.type().equals("OneHot")) {
        try (Result r = bundle.session().runner().fetch(op.input(1)).run()) {
          return ((TInt32) r.get(0)).getInt();
        }
      }
    }
    return -1;
  }

  private SavedGenerator(KerasGenerator.Loaded keras) {
    this.bundle = null;
    this.keras = keras;
    this.noiseInput = "noise";
    this.labelsInput = keras.labels().isPresent() ? "labels" : null;
    this.noiseDim = keras.noiseDim();
    this.image = keras.image();
    this.spec = Optional.empty();
    this.classes = keras.classes();
  }

  /**
   * Checks and loads the SavedModel in {@code folder}, or the Keras 3 {@code .keras} file (an
   * unconditional generator, Java's or Python's).
   *
   * @throws DataException naming the folder or file and what is wrong with it
   */
  public static SavedGenerator load(Path folder) {
    return load(folder, Optional.empty());
  }

  /**
   * The same, for a Keras file ({@code .keras}, {@code .h5}, or weights saved alone) whose
   * architecture is in the file {@code architecture} when given: JSON from {@code model.to_json()},
   * or a Keras file of the same model.
   */
  public static SavedGenerator load(Path folder, Optional<Path> architecture) {
    if (KerasGenerator.isKerasFile(folder)) {
      return new SavedGenerator(KerasGenerator.load(folder, architecture));
    }
    if (architecture.isPresent()) {
      throw new DataException(folder + " is a SavedModel, which holds its architecture; --generator-model is for Keras weights"
          + " saved alone");
    }
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
    ImageShape image = SavedModels.squareImage(signature.getOutputsMap().values().iterator().next());
    Optional<GanSpec> spec = specAsset(folder); // before the bundle is loaded: a bad asset must not leak it
    try {
      return new SavedGenerator(SavedModelBundle.load(folder.toString(), SavedModelExporter.TAG), noise, labels, noiseDim, image,
          spec);
    } catch (TensorFlowException | IllegalArgumentException e) { // TF Java reports INVALID_ARGUMENT as the latter
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
    if (!inputsFit || signature.getOutputsCount() != 1 || SavedModels.squareImage(signature.getOutputsMap().values().iterator().next()) == null) {
      throw new DataException(folder + ": signature '" + SavedModelExporter.SIGNATURE + "' maps " + SavedModels.describe(signature.getInputsMap())
          + " to " + SavedModels.describe(signature.getOutputsMap()) + "; a generator maps one float32 [-1, noise_dim] input"
          + " (and for a conditional GAN one int32 [-1] of labels) to one float32 [-1, 28, 28, 1] output"
          + " ([-1, S, S, 1] or [-1, S, S, 3] for other images)");
    }
    return signature;
  }

  /** The shape of the images it draws: 28 x 28 x 1 for the tutorial's. */
  public ImageShape imageShape() {
    return image;
  }

  private static boolean isLabels(TensorInfo info) {
    return info.getDtype() == DataType.DT_INT32 && info.getTensorShape().getDimCount() == 1
        && info.getTensorShape().getDim(0).getSize() == -1;
  }

  /** Length of a noise vector. */
  public int noiseDim() {
    return noiseDim;
  }

  /**
   * How many classes a conditional generator draws (labels 0 to classes - 1): 10 for MNIST, an
   * image folder's subfolder count; 0 for an unconditional one, -1 where the model does not say.
   */
  public int classes() {
    return classes;
  }

  /** Whether it draws the digit it is asked for: a conditional GAN's generator, which also takes labels. */
  public boolean conditional() {
    return labelsInput != null;
  }

  /**
   * Runs an unconditional generator on {@code count} noise vectors.
   *
   * @return {@code count} images of {@link #imageShape()}, their pixels in [-1, 1]
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
      if (label < 0 || (classes > 0 && label >= classes)) {
        throw new IllegalArgumentException("this generator draws classes 0 to " + (classes - 1) + ", not " + label);
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
      try (Result result = keras != null ? runKeras(z, y) : bundle.function(SavedModelExporter.SIGNATURE).call(inputs)) {
        TFloat32 images = (TFloat32) result.get(0);
        float[] pixels = new float[(int) images.shape().size()];
        images.asRawTensor().data().asFloats().read(pixels);
        return pixels;
      }
    }
  }

  private Result runKeras(TFloat32 noise, TInt32 labels) {
    Session.Runner runner = keras.session().runner().feed(keras.noise(), noise).fetch(keras.images());
    keras.labels().ifPresent(placeholder -> runner.feed(placeholder, labels));
    return runner.run();
  }

  /** The images of {@code pixels} (MNIST's 28 x 28 each, in [-1, 1]) as grey pictures: -1 black, 1 white; {@link #pictures} for any shape. */
  public static List<BufferedImage> images(float[] pixels) {
    return images(pixels, ImageShape.MNIST);
  }

  /** The images of {@code pixels} (in [-1, 1]) as pictures of this generator's shape: grey or RGB, -1 dark, 1 bright. */
  public List<BufferedImage> pictures(float[] pixels) {
    return images(pixels, image);
  }

  private static List<BufferedImage> images(float[] pixels, ImageShape shape) {
    int side = shape.rows(), channels = shape.channels(), size = shape.size();
    List<BufferedImage> images = new ArrayList<>();
    for (int offset = 0; offset + size <= pixels.length; offset += size) {
      BufferedImage picture = new BufferedImage(side, side, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
      for (int p = 0; p < side * side; p++) {
        for (int c = 0; c < channels; c++) {
          int v = dcgan.model.Pixels.toByte(pixels[offset + p * channels + c]);
          picture.getRaster().setSample(p % side, p / side, c, v);
        }
      }
      images.add(picture);
    }
    return images;
  }

  @Override
  public void close() {
    if (keras != null) {
      keras.session().close();
      keras.graph().close();
    } else {
      bundle.close();
    }
  }
}
