package dcgan.model;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One variable of a layer, as Keras names it ({@code kernel}, {@code bias}, {@code gamma},
 * {@code beta}, {@code moving_mean}, {@code moving_variance}).
 *
 * @param name the Keras weight name inside its layer
 * @param variable the graph variable ({@code VariableV2}, so that savers and exporters see it)
 * @param initializer the op that sets the variable to its initial value (null in graphs that restore it)
 * @param trainable whether an optimizer updates it (false for BatchNormalization's moving statistics)
 */
public record Weight(
    String name, Variable<TFloat32> variable, Assign<TFloat32> initializer, boolean trainable) {

  /** The variable's static shape. */
  public Shape shape() {
    return variable.shape();
  }

  /** Number of scalars it holds. */
  public long size() {
    return shape().size();
  }

  /** The variable's op name in the graph, e.g. {@code generator/dense/kernel}. */
  public String opName() {
    return variable.op().name();
  }
}
