package dcgan.model;

import static dcgan.Tensors.assign;
import static dcgan.Tensors.random;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/** A fresh graph, builder and (once a layer is built) session for each layer test, closed after it. */
abstract class LayerTestBase {

  final Random random;
  Graph graph;
  Ops tf;
  ModelBuilder builder;
  Session session;

  LayerTestBase(long seed) {
    random = new Random(seed);
  }

  @BeforeEach
  void setUp() {
    graph = new Graph();
    tf = Ops.create(graph);
    builder = new ModelBuilder(tf, 1);
  }

  @AfterEach
  void tearDown() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }

  /** Builds {@code layer}, sets each weight to random values, returns them in weight order. */
  float[][] buildWithRandomWeights(Layer layer, Shape input) {
    layer.build(builder, tf, input);
    session = new Session(graph);
    float[][] values = new float[layer.weights().size()][];
    for (int i = 0; i < values.length; i++) {
      Weight w = layer.weights().get(i);
      values[i] = random(random, (int) w.size(), 0.5f);
      assign(session, tf, w.variable(), values[i]);
    }
    return values;
  }
}
