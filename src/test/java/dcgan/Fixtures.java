package dcgan;

import dcgan.data.Images;
import dcgan.data.MnistReader;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The committed test data: 256 real MNIST digits (see src/test/resources/mnist/README.md). */
public final class Fixtures {

  private Fixtures() {}

  /** {@code mnist.npz} in Keras's layout. */
  public static Path mnistNpz() {
    return resource("mnist/mnist.npz");
  }

  /** The folder holding {@code mnist.npz} and {@code train-images-idx3-ubyte.gz}. */
  public static Path mnistFolder() {
    return mnistNpz().getParent();
  }

  /** The first {@code n} fixture images. */
  public static Images images(int n) {
    return MnistReader.readNpz(mnistNpz()).limit(n);
  }

  /** The first {@code n} fixture images with their labels. */
  public static Images labeledImages(int n) {
    return MnistReader.readLabeled(mnistNpz(), dcgan.data.Split.TRAIN).limit(n);
  }

  /** A copy of the test resource folder {@code name} at {@code target}, for tests that change files in it. */
  public static Path copyOf(String name, Path target) {
    Path source = resource(name);
    try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(source)) {
      for (Path p : walk.toList()) {
        Path copy = target.resolve(source.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(copy);
        } else {
          java.nio.file.Files.copy(p, copy);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return target;
  }

  /** A test resource as a file path. */
  public static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource " + name + " is missing", e);
    }
  }

  /** Copies the folder tree {@code from} to {@code to}, files and folders (what a test then changes is its own). */
  public static void copyTree(Path from, Path to) throws java.io.IOException {
    try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(p, target);
        }
      }
    }
  }
}
