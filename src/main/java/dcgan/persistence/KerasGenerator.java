package dcgan.persistence;

import dcgan.data.DataException;
import dcgan.data.ImageShape;
import dcgan.model.CallContext;
import dcgan.model.Condition;
import dcgan.model.Labels;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import dcgan.model.keras.KerasArchive;
import dcgan.model.keras.KerasFunctional;
import dcgan.model.keras.KerasModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A generator from a Keras 3 {@code .keras} file, Java's or Python's, built in a graph of its own:
 * the layers from its {@code config.json}, the weights from its {@code model.weights.h5}. A
 * Sequential model takes the noise; a conditional generator as this project writes it ({@link
 * KerasFunctional}) takes the noise and the labels. What {@link SavedGenerator#load} does for a
 * {@code .keras} path.
 */
final class KerasGenerator {

  private KerasGenerator() {}

  /** The built graph, its session with the weights assigned, its inputs (labels only when conditional, 0 classes otherwise) and output. */
  record Loaded(Graph graph, Session session, Placeholder<TFloat32> noise, Optional<Placeholder<TInt32>> labels,
      Operand<TFloat32> images, int noiseDim, int classes, ImageShape image) {}

  static Loaded load(Path file) {
    String configText = new String(KerasArchive.entry(file, "config.json"), StandardCharsets.UTF_8);
    Optional<KerasFunctional.ConditionalGenerator> conditional = KerasFunctional.readGenerator(configText, file.toString());
    KerasModel config = conditional.map(KerasFunctional.ConditionalGenerator::layers)
        .orElseGet(() -> KerasModel.parse(configText, file + "!config.json")); // the config read once, not again by KerasModel.read
    int classes = conditional.map(KerasFunctional.ConditionalGenerator::classes).orElse(0);
    long[] input = config.declaredInput();
    if (input == null || input.length != 1 || input[0] - classes < 1) {
      throw new DataException(file + " declares the input " + (input == null ? "nothing" : java.util.Arrays.toString(input))
          + "; a generator takes one noise vector per image: (None, noise_dim)");
    }
    int noiseDim = (int) input[0] - classes;
    Graph graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      Sequential model;
      try {
        model = config.sequential("generator", Shape.of(input), null, false).build(ModelBuilder.withoutInitializers(tf));
      } catch (IllegalArgumentException e) {
        throw new DataException(file + ": " + e.getMessage(), e);
      }
      long[] out = model.outputShape().asArray();
      if (out.length != 4 || out[1] != out[2] || (out[3] != 1 && out[3] != 3)) {
        throw new DataException(file + " draws " + Sequential.kerasShape(model.outputShape()) + "; a generator draws square grey or"
            + " RGB images, (None, S, S, 1) or (None, S, S, 3)");
      }
      var assign = KerasArchive.assignWeights(tf, model, KerasArchive.readWeights(file), file);
      Placeholder<TFloat32> noise = tf.withName("noise").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, noiseDim)));
      Optional<Placeholder<TInt32>> labels = classes == 0 ? Optional.empty()
          : Optional.of(tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))));
      Operand<TFloat32> joined = labels.map(y -> Labels.of(classes).generatorInput(tf, noise, Condition.of(y))).orElse(noise);
      Operand<TFloat32> images = model.call(tf, joined, CallContext.inference());
      ImageShape image = new ImageShape((int) out[1], (int) out[2], (int) out[3]);
      Session session = new Session(graph);
      try {
        session.run(assign);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
      return new Loaded(graph, session, noise, labels, images, noiseDim, classes, image);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }
}
