package dcgan.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Creates the variables of the models built in one graph, and names layers the way Keras does
 * ({@code dense}, {@code dense_1}, ... counted across every model of the graph, as Keras counts
 * them across a Python session).
 *
 * <p>Every variable gets its own initializer seed {@code [seed, n]}, {@code n} counting variables in
 * creation order, so the same seed gives bitwise the same initial weights.
 */
public final class ModelBuilder {

  private final Ops tf;
  private final long seed;
  private final boolean initialize;
  private final Map<String, Integer> nameCounts = new HashMap<>();
  private final List<Op> initializers = new ArrayList<>();
  private int variableCount;

  /**
   * @param tf the graph's root ops
   * @param seed seed of the weight initializers
   */
  public ModelBuilder(Ops tf, long seed) {
    this(tf, seed, true);
  }

  private ModelBuilder(Ops tf, long seed, boolean initialize) {
    this.tf = tf;
    this.seed = seed;
    this.initialize = initialize;
  }

  /**
   * A builder for inference graphs whose variables are restored, not initialized: it adds no
   * initializer ops (a SavedModel then holds only the model's own ops).
   */
  public static ModelBuilder withoutInitializers(Ops tf) {
    return new ModelBuilder(tf, 0, false);
  }

  /**
   * Counts the layer names of a model built in another graph as taken, so that models built here
   * next get the names they had there (the discriminator's {@code dense_1} follows the generator's
   * {@code dense}).
   */
  public ModelBuilder reserveNames(Sequential model) {
    uniqueName("sequential");
    model.layers().forEach(layer -> uniqueName(Layer.kerasBaseName(layer.type())));
    return this;
  }

  /** The root ops of the graph that models are built in. */
  public Ops ops() {
    return tf;
  }

  /** {@code base}, then {@code base_1}, {@code base_2}, ... as Keras uniquifies layer names. */
  public String uniqueName(String base) {
    int n = nameCounts.merge(base, 1, Integer::sum) - 1;
    return n == 0 ? base : base + "_" + n;
  }

  /**
   * Creates a float variable named {@code scope/name} and the op that initializes it.
   *
   * @param scope ops whose name scope is the layer's (e.g. {@code generator/dense})
   * @param name the Keras weight name
   * @param shape its shape
   * @param initializer its initial value
   * @param trainable whether optimizers update it
   */
  public Weight weight(Ops scope, String name, Shape shape, Initializer initializer, boolean trainable) {
    Variable<TFloat32> variable = scope.withName(name).variable(shape, TFloat32.class);
    if (!initialize) {
      return new Weight(name, variable, null, trainable);
    }
    Ops init = scope.withSubScope(name);
    Assign<TFloat32> assign =
        init.withName("initializer")
            .assign(variable, initializer.initialValue(init, shape, init.constant(new long[] {seed, variableCount++})));
    initializers.add(assign);
    return new Weight(name, variable, assign, trainable);
  }

  /** The initializer ops of every variable created so far. */
  public List<Op> initializers() {
    return Collections.unmodifiableList(initializers);
  }
}
