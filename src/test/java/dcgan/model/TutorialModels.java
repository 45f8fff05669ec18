package dcgan.model;

import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * The tutorial's generator (noise_dim 100) and discriminator, built in that order in a graph of
 * their own, as one Python session builds them (so the layer numbering runs on across both).
 */
final class TutorialModels implements AutoCloseable {

  final Graph graph = new Graph();
  final Sequential generator;
  final Sequential discriminator;

  TutorialModels() {
    ModelBuilder builder = new ModelBuilder(Ops.create(graph), 1);
    generator = Generator.makeGeneratorModel(100).build(builder);
    discriminator = Discriminator.makeDiscriminatorModel().build(builder);
  }

  @Override
  public void close() {
    graph.close();
  }
}
