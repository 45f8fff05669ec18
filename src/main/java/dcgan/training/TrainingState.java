package dcgan.training;

import org.tensorflow.Session;

/** The live training state, handed to listeners at the end of an epoch. */
public interface TrainingState {

  /** The graph. */
  TrainStep step();

  /** The session holding the variables. */
  Session session();

  /** Train steps done so far. */
  long globalStep();

  /** The last completed epoch. */
  int epoch();
}
