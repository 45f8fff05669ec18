package dcgan.persistence;

import dcgan.model.Sequential;
import dcgan.model.keras.KerasWeights;
import dcgan.training.StartingPoint;
import dcgan.training.TrainStep;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * {@code Train --init-from G.keras [--init-from D.keras]}: fresh weights, then the generator's (and
 * the discriminator's) from Keras files, Java's or Python's ({@code .keras}, {@code .h5}, or
 * weights saved alone; {@link KerasWeights}): fine-tuning a trained GAN. The optimizers start
 * fresh, at step 0.
 */
public final class KerasInitialization implements StartingPoint {

  private final List<Path> files;
  private final Consumer<String> log;

  /** @param files the generator's {@code .keras} file, and optionally the discriminator's */
  public KerasInitialization(List<Path> files, Consumer<String> log) {
    if (files.isEmpty() || files.size() > 2) {
      throw new IllegalArgumentException("--init-from takes the generator's .keras file, and optionally the discriminator's");
    }
    this.files = List.copyOf(files);
    this.log = log;
  }

  @Override
  public Progress initialize(TrainStep step, Session session) {
    session.run(step.initializer());
    Ops tf = Ops.create(step.graph()).withSubScope("init_from");
    List<Sequential> networks = List.of(step.generator(), step.discriminator());
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      session.run(KerasWeights.read(file).assign(tf, KerasWeights.slots(networks.get(i))));
      log.accept("Initialized the " + networks.get(i).scope() + " from " + file);
    }
    step.copyToAverage().ifPresent(session::run); // the averaged generator starts from the loaded weights too
    return new Progress(0, 0);
  }
}
