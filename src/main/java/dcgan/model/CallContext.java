package dcgan.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * What layers need to know while a model is called: Keras's {@code training} flag, fresh random
 * seeds for dropout, and where BatchNormalization leaves its moving-average updates (Keras's {@code
 * model.updates}).
 *
 * <p>Seeds are {@code [seed + salt, step]}: {@code step} is fed per train step and every random
 * call site gets its own salt, in build order, so a run is reproducible and can be resumed at any
 * step.
 */
public final class CallContext {

  private static final long SALT = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio: spreads the salts

  private final boolean training;
  private final boolean standingStatistics;
  private final Precision precision;
  private final long seed;
  private final Operand<TInt64> step;
  private final List<Op> updates = new ArrayList<>();
  private long randomCalls;

  private CallContext(boolean training, boolean standingStatistics, Precision precision, long seed, Operand<TInt64> step) {
    this.training = training;
    this.standingStatistics = standingStatistics;
    this.precision = precision;
    this.seed = seed;
    this.step = step;
  }

  /**
   * Training mode: BatchNormalization normalizes with batch statistics and updates its moving
   * averages, dropout is on.
   *
   * @param seed the run's seed
   * @param step the train step, an int64 scalar (usually fed)
   */
  public static CallContext training(long seed, Operand<TInt64> step) {
    return training(seed, step, Precision.FLOAT32);
  }

  /** Training mode, computing in {@code precision}. */
  public static CallContext training(long seed, Operand<TInt64> step, Precision precision) {
    return new CallContext(true, false, precision, seed, step);
  }

  /** Inference mode ({@code training=False}), float32: moving statistics, no dropout, no randomness. */
  public static CallContext inference() {
    return new CallContext(false, false, Precision.FLOAT32, 0, null);
  }

  /**
   * Inference mode, except that BatchNormalization normalizes with the batch's statistics and sets
   * its moving statistics to them (BigGAN's "standing statistics"): one call on a large batch
   * recomputes the statistics that belong to a network's present weights, such as an averaged
   * generator's, which never trains itself. Dropout stays off.
   *
   * @param seed seeds the random inputs drawn for the call
   * @param step the second part of their seeds, a constant
   */
  public static CallContext standingStatistics(long seed, Operand<TInt64> step) {
    return new CallContext(false, true, Precision.FLOAT32, seed, step);
  }

  /** Keras's {@code training} argument. */
  public boolean training() {
    return training;
  }

  /** Whether BatchNormalization normalizes with the batch's statistics: in training, and when recomputing standing statistics. */
  public boolean batchStatistics() {
    return training || standingStatistics;
  }

  /** Whether BatchNormalization sets its moving statistics to the batch's, instead of moving them towards them. */
  public boolean standingStatistics() {
    return standingStatistics;
  }

  /** The dtype policy the layers compute in. */
  public Precision precision() {
    return precision;
  }

  /** A seed for one stateless random op, different for each call. */
  public Operand<TInt64> nextSeed(Ops tf) {
    if (step == null) {
      throw new IllegalStateException("random ops need a training context with a step");
    }
    long salted = seed + SALT * ++randomCalls;
    return tf.stack(List.of(tf.constant(salted), step));
  }

  /** Registers a state update (a moving average assignment) that a train step must run. */
  public void addUpdate(Op update) {
    updates.add(update);
  }

  /** The updates registered so far. */
  public List<Op> updates() {
    return Collections.unmodifiableList(updates);
  }
}
