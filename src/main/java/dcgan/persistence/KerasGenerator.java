package dcgan.persistence;

import dcgan.data.DataException;
import dcgan.data.ImageShape;
import dcgan.model.CallContext;
import dcgan.model.ModelBuilder;
import dcgan.model.Sequential;
import dcgan.model.keras.KerasArchive;
import dcgan.model.keras.KerasModel;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A generator from a Keras 3 {@code .keras} file, Java's or Python's, built in a graph of its own:
 * the layers from its {@code config.json}, the weights from its {@code model.weights.h5}. What
 * {@link SavedGenerator#load} does for a {@code .keras} path.
 */
final class KerasGenerator {

  private KerasGenerator() {}

  /** The built graph, its session with the weights assigned, and its input and output. */
  record Loaded(Graph graph, Session session, Placeholder<TFloat32> noise, Operand<TFloat32> images, int noiseDim, ImageShape image) {}

  static Loaded load(Path file) {
    KerasModel config = KerasModel.read(file);
    long[] input = config.declaredInput();
    if (input == null || input.length != 1) {
      throw new DataException(file + " declares the input " + (input == null ? "nothing" : java.util.Arrays.toString(input))
          + "; a generator takes one noise vector per image: (None, noise_dim)");
    }
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
      Placeholder<TFloat32> noise = tf.withName("noise").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, input[0])));
      Operand<TFloat32> images = model.call(tf, noise, CallContext.inference());
      ImageShape image = new ImageShape((int) out[1], (int) out[2], (int) out[3]);
      Session session = new Session(graph);
      try {
        session.run(assign);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
      return new Loaded(graph, session, noise, images, (int) input[0], image);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }
}
