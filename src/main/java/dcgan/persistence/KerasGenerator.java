package dcgan.persistence;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dcgan.data.DataException;
import dcgan.data.ImageShape;
import dcgan.model.CallContext;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import dcgan.model.keras.KerasArchive;
import dcgan.model.keras.KerasGraph;
import dcgan.model.keras.KerasH5;
import dcgan.model.keras.KerasModel;
import dcgan.model.keras.KerasWeights;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A generator from a Keras file, Java's or Python's, built in a graph of its own: a {@code .keras}
 * file, a whole model's legacy {@code .h5}, or weights alone ({@code save_weights}) with the
 * architecture from a separate JSON or Keras file. A Sequential model takes the noise; a Functional
 * one ({@link KerasGraph}) the noise, or the noise and an integer label. What {@link
 * SavedGenerator#load} does for a Keras file.
 */
final class KerasGenerator {

  private KerasGenerator() {}

  /** The built graph, its session with the weights assigned, its inputs (labels only when conditional, 0 classes otherwise) and output. */
  record Loaded(Graph graph, Session session, Placeholder<TFloat32> noise, Optional<Placeholder<TInt32>> labels,
      Operand<TFloat32> images, int noiseDim, int classes, ImageShape image) {}

  /** Whether {@code file} is one this class loads rather than a SavedModel folder: a Keras archive or an HDF5 file. */
  static boolean isKerasFile(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    return name.endsWith(".keras") || name.endsWith(".h5") || name.endsWith(".hdf5")
        || (Files.isRegularFile(file) && KerasWeights.isHdf5(file));
  }

  /**
   * Loads the generator in {@code file}, its architecture from {@code architecture} when given
   * (needed for weights saved alone), from the file itself otherwise.
   */
  static Loaded load(Path file, Optional<Path> architecture) {
    if (!Files.isRegularFile(file)) {
      throw new DataException(file + ": no such model file");
    }
    KerasWeights weights = KerasWeights.read(file); // first: it says what a file that is no Keras file is
    JsonObject config = architecture.map(KerasGenerator::architecture).orElseGet(() -> config(file));
    String source = architecture.map(Path::toString).orElse(file.toString());
    Graph graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      ModelBuilder builder = ModelBuilder.withoutInitializers(tf);
      Placeholder<TFloat32> noise;
      Optional<Placeholder<TInt32>> labels = Optional.empty();
      Operand<TFloat32> images;
      Shape out;
      List<KerasWeights.Slot> slots;
      int classes = 0;
      if (config.get("class_name").getAsString().equals("Sequential")) {
        KerasModel parsed = KerasModel.parse(config.toString(), source);
        long[] input = parsed.declaredInput();
        if (input == null || input.length != 1) {
          throw new DataException(source + " declares the input " + (input == null ? "nothing" : java.util.Arrays.toString(input))
              + "; a generator takes one noise vector per image: (None, noise_dim)");
        }
        Sequential model = build(source, () -> parsed.sequential("generator", Shape.of(input), null, false).build(builder));
        noise = noise(tf, (int) input[0]);
        images = model.call(tf, noise, CallContext.inference());
        out = model.outputShape();
        slots = KerasWeights.slots(model);
      } else {
        KerasGraph functional = KerasGraph.parse(config, source);
        Inputs in = inputs(functional, source);
        noise = noise(tf, (int) in.noise().shape()[0]);
        Map<String, Operand<TFloat32>> fed = new HashMap<>();
        fed.put(in.noise().name(), noise);
        if (in.labels().isPresent()) {
          Placeholder<TInt32> y = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
          labels = Optional.of(y);
          long[] labelShape = new long[in.labels().get().shape().length + 1];
          java.util.Arrays.fill(labelShape, 1);
          labelShape[0] = -1;
          fed.put(in.labels().get().name(), tf.reshape(tf.dtypes.cast(y, TFloat32.class), tf.constant(labelShape)));
          classes = in.classes();
        }
        KerasGraph.Built built = build(source, () -> functional.build(builder, fed));
        images = built.output();
        out = built.outputShape();
        slots = built.slots();
      }
      long[] o = out.asArray();
      if (o.length != 4 || o[1] != o[2] || (o[3] != 1 && o[3] != 3)) {
        throw new DataException(source + " draws " + Sequential.kerasShape(out) + "; a generator draws square grey or"
            + " RGB images, (None, S, S, 1) or (None, S, S, 3)");
      }
      Op assign = weights.assign(tf, slots);
      Session session = new Session(graph);
      try {
        session.run(assign);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
      return new Loaded(graph, session, noise, labels, images, (int) noise.shape().size(1), classes,
          new ImageShape((int) o[1], (int) o[2], (int) o[3]));
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  private static Placeholder<TFloat32> noise(Ops tf, int noiseDim) {
    return tf.withName("noise").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, noiseDim)));
  }

  private static <T> T build(String source, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new DataException(source + ": " + e.getMessage(), e);
    }
  }

  /** A Functional generator's noise input, and its label input with the class count when it has one. */
  private record Inputs(KerasGraph.Input noise, Optional<KerasGraph.Input> labels, int classes) {}

  /** Tells the noise from the label: the label is declared as integers, or is one number per image beside a longer noise. */
  private static Inputs inputs(KerasGraph model, String source) {
    List<KerasGraph.Input> in = model.inputs();
    if (in.size() == 1 && in.get(0).shape().length == 1 && !in.get(0).integer()) {
      return new Inputs(in.get(0), Optional.empty(), 0);
    }
    if (in.size() == 2) {
      for (int l = 0; l < 2; l++) {
        KerasGraph.Input label = in.get(l);
        KerasGraph.Input noise = in.get(1 - l);
        boolean oneNumber = label.shape().length == 0 || (label.shape().length == 1 && label.shape()[0] == 1);
        if (oneNumber && noise.shape().length == 1 && noise.shape()[0] > 1 && !noise.integer()) {
          int classes = model.classesOf(label.name()).orElseThrow(() -> new DataException(source + ": the label input "
              + label.name() + " does not go into an Embedding or CategoryEncoding, so its class count is unknown"));
          return new Inputs(noise, Optional.of(label), classes);
        }
      }
    }
    throw new DataException(source + " takes " + in.stream().map(i -> i.name() + " " + java.util.Arrays.toString(i.shape())).toList()
        + "; a generator takes a noise vector (None, noise_dim), and a conditional one also an integer label (None, 1)");
  }

  /** The model config a Keras file holds: a {@code .keras} file's {@code config.json}, a legacy {@code .h5} file's {@code model_config}. */
  private static JsonObject config(Path file) {
    String text = KerasWeights.isHdf5(file)
        ? KerasH5.modelConfig(file).orElseThrow(() -> new DataException(file + " holds weights only (model.save_weights);"
            + " pass the model's architecture too: --generator-model model.json (model.to_json()) or a .keras/.h5 file of it"))
        : new String(KerasArchive.entry(file, "config.json"), StandardCharsets.UTF_8);
    return object(text, file.toString());
  }

  /** The architecture a {@code --generator-model} file gives: JSON, or a Keras file's config. */
  private static JsonObject architecture(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataException(file + ": no such model file; pass the JSON that model.to_json() writes, or a .keras/.h5 file");
    }
    if (KerasWeights.isHdf5(file) || file.toString().endsWith(".keras")) {
      return config(file);
    }
    try {
      return object(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (java.io.IOException e) {
      throw new DataException(file + " cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static JsonObject object(String text, String source) {
    try {
      JsonObject o = JsonParser.parseString(text).getAsJsonObject();
      if (!o.has("class_name") || !o.has("config")) {
        throw new IllegalStateException("no class_name and config");
      }
      return o;
    } catch (RuntimeException e) {
      throw new DataException(source + " does not hold a Keras model config (" + e.getMessage() + ")", e);
    }
  }
}
