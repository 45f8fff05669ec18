package dcgan.training;

import dcgan.model.Weight;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Keras's {@code tf.keras.optimizers.Adam}, in graph form, for one network.
 *
 * <p>State as Keras keeps it (and as the tutorial's checkpoint stores it): an int64 {@code iter}
 * counter, the hyperparameters {@code learning_rate}, {@code beta_1}, {@code beta_2} (and Keras 2's
 * unused {@code decay}) as variables, and slots {@code m} and {@code v} per variable. Each step runs
 * TensorFlow's {@code ApplyAdam} with {@code t = iter + 1}:
 *
 * <pre>
 * m = m + (g - m) * (1 - beta_1)
 * v = v + (g^2 - v) * (1 - beta_2)
 * var -= lr * sqrt(1 - beta_2^t) / (1 - beta_1^t) * m / (sqrt(v) + epsilon)
 * </pre>
 *
 * <p>Why not the framework's {@code Adam}: its {@code minimize} differentiates every variable of
 * the graph, its epsilon defaults to 1e-8 (Keras: 1e-7), and it keeps beta powers in variables it
 * updates without ordering them after the updates that read them.
 */
public final class Adam {

  /** Keras's defaults, with the tutorial's learning rate. */
  public static final float LEARNING_RATE = 1e-4f;
  public static final float BETA_1 = 0.9f;
  public static final float BETA_2 = 0.999f;
  public static final float EPSILON = 1e-7f;

  private final String name;
  private final float epsilon;
  private final List<Op> initializers = new ArrayList<>();
  private final Map<String, Variable<? extends TType>> hyper = new LinkedHashMap<>();
  private final List<Op> hyperparameterInitializers = new java.util.ArrayList<>();
  private final Map<Weight, Slots> slots = new LinkedHashMap<>();
  private final Variable<TInt64> iterations;
  private final Variable<TFloat32> learningRate;
  private final Variable<TFloat32> beta1;
  private final Variable<TFloat32> beta2;

  /** The first and second moment of one variable. */
  public record Slots(Variable<TFloat32> m, Variable<TFloat32> v) {}

  /**
   * Creates the optimizer's state for {@code weights}.
   *
   * @param tf the graph's root ops
   * @param name e.g. {@code generator_optimizer}, the name scope of its state
   * @param weights the variables it will update
   */
  public Adam(Ops tf, String name, List<Weight> weights, float learningRate, float beta1, float beta2, float epsilon) {
    this.name = name;
    this.epsilon = epsilon;
    Ops scope = tf.withSubScope(name);
    this.iterations = state(scope, "iter", scope.constant(0L));
    this.learningRate = state(scope, "learning_rate", scope.constant(learningRate));
    this.beta1 = state(scope, "beta_1", scope.constant(beta1));
    this.beta2 = state(scope, "beta_2", scope.constant(beta2));
    state(scope, "decay", scope.constant(0f)); // Keras 2 keeps it; always 0 here
    for (Weight weight : weights) {
      Ops slotScope = scope;
      for (String part : weight.opName().split("/")) {
        slotScope = slotScope.withSubScope(part); // scope names may not contain '/'
      }
      Operand<TFloat32> zeros = slotScope.zeros(slotScope.constant(weight.shape()), TFloat32.class);
      slots.put(weight, new Slots(slot(slotScope, "m", weight.shape(), zeros), slot(slotScope, "v", weight.shape(), zeros)));
    }
  }

  /** {@code Adam(learningRate)} with Keras's betas and epsilon. */
  public Adam(Ops tf, String name, List<Weight> weights, float learningRate) {
    this(tf, name, weights, learningRate, BETA_1, BETA_2, EPSILON);
  }

  private <T extends TType> Variable<T> state(Ops scope, String key, Operand<T> initial) {
    Variable<T> variable = scope.withName(key).variable(initial.shape(), initial.type());
    Op init = scope.withSubScope(key).assign(variable, initial);
    initializers.add(init);
    if (!key.equals("iter")) {
      hyperparameterInitializers.add(init);
    }
    hyper.put(key, variable);
    return variable;
  }

  private Variable<TFloat32> slot(Ops scope, String key, Shape shape, Operand<TFloat32> zeros) {
    Variable<TFloat32> variable = scope.withName(key).variable(shape, TFloat32.class);
    initializers.add(scope.withSubScope(key).assign(variable, zeros));
    return variable;
  }

  /**
   * Adds one Adam step: each variable moves along its gradient, then {@code iter} counts the step.
   *
   * @param tf where to build the update ops
   * @param gradients one gradient per weight, in constructor order
   * @param after ops that must finish before any variable changes: every gradient of the train
   *     step, since a network's backward pass reads the other network's weights
   * @return the op that completes the step
   */
  public Op applyGradients(Ops tf, List<? extends Operand<TFloat32>> gradients, Iterable<Op> after) {
    if (gradients.size() != slots.size()) {
      throw new IllegalArgumentException(gradients.size() + " gradients for " + slots.size() + " variables");
    }
    Ops deps = tf.withSubScope(name).withControlDependencies(after);
    Operand<TFloat32> t = deps.dtypes.cast(deps.math.add(iterations, deps.constant(1L)), TFloat32.class);
    Operand<TFloat32> beta1Power = deps.math.pow(beta1, t);
    Operand<TFloat32> beta2Power = deps.math.pow(beta2, t);
    Operand<TFloat32> eps = deps.constant(epsilon);
    List<Op> updates = new ArrayList<>();
    int i = 0;
    for (Map.Entry<Weight, Slots> entry : slots.entrySet()) {
      Slots s = entry.getValue();
      updates.add(deps.train.applyAdam(entry.getKey().variable(), s.m(), s.v(), beta1Power, beta2Power,
          learningRate, beta1, beta2, eps, gradients.get(i++), ApplyAdam.useLocking(true)));
    }
    return tf.withSubScope(name).withControlDependencies(updates).assignAdd(iterations, tf.constant(1L));
  }

  /** The optimizer's name, e.g. {@code generator_optimizer}. */
  public String name() {
    return name;
  }

  /** The step counter. */
  public Variable<TInt64> iterations() {
    return iterations;
  }

  /** {@code iter}, {@code learning_rate}, {@code beta_1}, {@code beta_2}, {@code decay}, by Keras name. */
  public Map<String, Variable<? extends TType>> hyperVariables() {
    return Collections.unmodifiableMap(hyper);
  }

  /** The slots of each weight it updates, in order. */
  public Map<Weight, Slots> slots() {
    return Collections.unmodifiableMap(slots);
  }

  /**
   * Ops that set the learning rate, the betas and the decay to this optimizer's settings, keeping
   * the slots and the step counter: after restoring another program's checkpoint, whose values they
   * would otherwise be.
   */
  public List<Op> hyperparameterInitializers() {
    return Collections.unmodifiableList(hyperparameterInitializers);
  }

  /** Ops that reset the optimizer to its initial state. */
  public List<Op> initializers() {
    return Collections.unmodifiableList(initializers);
  }
}
