package dcgan.training;

import org.tensorflow.Session;

/** Sets the variables before the first step: fresh weights, or a restored checkpoint. */
@FunctionalInterface
public interface StartingPoint {

  /**
   * Sets every variable of {@code step} in {@code session} (the training images are already loaded).
   *
   * @return where training continues
   */
  Progress initialize(TrainStep step, Session session);

  /**
   * @param epoch the last completed epoch (0: none)
   * @param globalStep the train steps done so far
   */
  record Progress(int epoch, long globalStep) {}

  /** Fresh weights from the seeded initializers, zeroed optimizers. */
  StartingPoint FRESH = (step, session) -> {
    session.run(step.initializer());
    return new Progress(0, 0);
  };
}
