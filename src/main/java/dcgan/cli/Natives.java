package dcgan.cli;

import java.util.List;
import java.util.Optional;

/**
 * The one clear message for a TensorFlow native library that does not load: a platform TF Java
 * 1.1.0 ships no natives for (an Intel Mac), or a build with another platform's classifier. The
 * JVM reports it as an {@link UnsatisfiedLinkError}, or a {@link NoClassDefFoundError} on the next
 * use, deep in JavaCPP's loader; the commands print this instead, with exit code 1.
 */
final class Natives {

  /** The {@code tensorflow-core-native} classifiers of TF Java 1.1.0 (and the CUDA build, linux-x86_64-gpu). */
  static final List<String> CLASSIFIERS = List.of("linux-x86_64", "linux-arm64", "macosx-arm64", "windows-x86_64");

  private Natives() {}

  /** The message for {@code error} when it comes from loading TensorFlow's natives; empty for anything else. */
  static Optional<String> explain(Throwable error) {
    if (!(error instanceof LinkageError) || !fromTensorFlow(error)) {
      return Optional.empty();
    }
    String cause = String.valueOf(error.getMessage()).lines().findFirst().orElse("");
    return Optional.of("TensorFlow's native library does not load on " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch") + " (" + error.getClass().getSimpleName() + ": " + cause + "). TF Java 1.1.0 ships natives"
        + " for " + String.join(", ", CLASSIFIERS) + "; Maven picks them by platform (see docs/platforms.md): run on one of those,"
        + " or name one with -Dtensorflow.native.classifier=...");
  }

  private static boolean fromTensorFlow(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("tensorflow") || message.contains("jnitensorflow") || message.contains("bytedeco")) {
        return true;
      }
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frame.getClassName().startsWith("org.tensorflow.") || frame.getClassName().startsWith("org.bytedeco.")) {
          return true;
        }
      }
    }
    return false;
  }
}
