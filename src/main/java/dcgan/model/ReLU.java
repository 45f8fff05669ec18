package dcgan.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Keras {@code ReLU()}: {@code max(x, 0)}. */
public final class ReLU extends Layer {

  /** {@code layers.ReLU()}. */
  public ReLU() {
    super("ReLU");
  }

  @Override
  protected void addKerasSettings(com.google.gson.JsonObject config) {
    config.add("max_value", com.google.gson.JsonNull.INSTANCE);
    config.addProperty("negative_slope", 0.0);
    config.addProperty("threshold", 0.0);
  }

  @Override
  protected Shape createWeights(WeightMaker weights, Shape input) {
    return input;
  }

  @Override
  public <T extends TFloating> Operand<T> call(Ops tf, Operand<T> x, CallContext context) {
    return tf.nn.relu(x);
  }
}
