package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Keras {@code Activation(name)}: one {@link ActivationFunction} as a layer of its own. */
public final class Activation extends Layer {

  private final ActivationFunction function;

  /** {@code layers.Activation(function)}. */
  public Activation(ActivationFunction function) {
    super("Activation");
    this.function = function;
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    config.addProperty("activation", function.kerasName());
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    return input;
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    return function.apply(tf, x);
  }
}
