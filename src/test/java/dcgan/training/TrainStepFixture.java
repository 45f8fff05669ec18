package dcgan.training;

import dcgan.Fixtures;
import dcgan.Tensors;
import dcgan.data.Images;
import dcgan.model.Weight;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** A small train step graph on 64 real digits (with their labels for a conditional GAN), with its session, images loaded and variables initialized. */
public final class TrainStepFixture implements AutoCloseable {

  /** Batch 8, 4 examples, seed 5, 2 threads. */
  public static final TrainConfig CONFIG = config(1, 8, 64, 4, 5, 2);

  /** The tutorial's networks and Adam with these settings. */
  public static TrainConfig config(int epochs, int batchSize, int bufferSize, int numExamples, long seed, int threads) {
    return TrainConfig.tutorial().toBuilder().epochs(epochs).batchSize(batchSize).bufferSize(bufferSize).numExamples(numExamples)
        .seed(seed).threads(threads).build();
  }

  /** {@code c} training a conditional GAN of MNIST's ten digits. */
  public static TrainConfig conditional(TrainConfig c) {
    return c.withNetworks(c.networks().withLabels(dcgan.model.Labels.of(10)));
  }

  /** {@code c} with {@code objective}. */
  public static TrainConfig with(TrainConfig c, Objective objective) {
    return c.toBuilder().objective(objective).build();
  }

  /** {@code c} with a spectrally normalized discriminator. */
  public static TrainConfig spectralNorm(TrainConfig c) {
    return c.withNetworks(c.networks().withSpectralNorm(true));
  }

  public final Graph graph = new Graph();
  public final TrainStep step;
  public final Session session;
  public final Ops tf = Ops.create(graph);
  public final Images images;

  public TrainStepFixture() {
    this(CONFIG);
  }

  public TrainStepFixture(TrainConfig config) {
    images = config.networks().labels().conditional() ? Fixtures.labeledImages(64) : Fixtures.images(64);
    step = new TrainStep(graph, images.count(), config);
    session = new Session(graph, dcgan.model.Sessions.config(config.threads()));
    Trainer.loadImages(session, step, images);
    session.run(step.initializer());
  }

  /** Fetches {@code outputs} for step 0 on the first batch, optionally running the train op too. */
  public List<float[]> run(List<? extends org.tensorflow.Operand<TFloat32>> outputs, boolean train) {
    try (TInt32 indices = TInt32.vectorOf(0, 1, 2, 3, 4, 5, 6, 7); TInt64 number = TInt64.scalarOf(0)) {
      Session.Runner runner = session.runner().feed(step.indices(), indices).feed(step.step(), number);
      outputs.forEach(runner::fetch);
      if (train) {
        runner.addTarget(step.trainOp());
      }
      try (Result result = runner.run()) {
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
          values.add(Tensors.values((TFloat32) result.get(i)));
        }
        return values;
      }
    }
  }

  /** Runs {@code count} train steps on the first batch, numbered from {@code first}. */
  public void train(int first, int count) {
    for (int s = first; s < first + count; s++) {
      try (TInt32 indices = TInt32.vectorOf(0, 1, 2, 3, 4, 5, 6, 7); TInt64 number = TInt64.scalarOf(s);
          Result r = session.runner().feed(step.indices(), indices).feed(step.step(), number)
              .addTarget(step.trainOp()).run()) {
        // trained
      }
    }
  }

  /** Runs {@code trainOp} as step {@code number} on the first batch. */
  public void trainWith(long number, org.tensorflow.op.Op trainOp) {
    try (TInt32 indices = TInt32.vectorOf(0, 1, 2, 3, 4, 5, 6, 7); TInt64 n = TInt64.scalarOf(number);
        Result r = session.runner().feed(step.indices(), indices).feed(step.step(), n).addTarget(trainOp).run()) {
      // trained
    }
  }

  /** An optimizer's update count. */
  public long iterations(Adam adam) {
    try (Result r = session.runner().fetch(adam.iterations()).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }

  /** A variable's current values. */
  public float[] value(Weight w) {
    return Tensors.fetch(session, tf.identity(w.variable()));
  }

  /** Every float variable of the graph (weights, moving statistics, Adam slots), in a fixed order. */
  public List<float[]> allFloatVariables() {
    List<float[]> out = new ArrayList<>();
    step.modelWeights().forEach(w -> out.add(value(w)));
    for (Adam adam : List.of(step.generatorOptimizer(), step.discriminatorOptimizer())) {
      adam.slots().values().forEach(s -> {
        out.add(Tensors.fetch(session, tf.identity(s.m())));
        out.add(Tensors.fetch(session, tf.identity(s.v())));
      });
    }
    return out;
  }

  /** The generator in inference mode on fed noise, built into this graph. */
  public float[] generatorInference(float[] noise, int count) {
    var z = tf.placeholder(TFloat32.class);
    var out = step.generator().call(tf, tf.reshape(z, tf.constant(new long[] {count, step.config().networks().noiseDim()})),
        dcgan.model.CallContext.inference());
    try (TFloat32 t = TFloat32.vectorOf(noise); Result r = session.runner().feed(z, t).fetch(out).run()) {
      return Tensors.values((TFloat32) r.get(0));
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
