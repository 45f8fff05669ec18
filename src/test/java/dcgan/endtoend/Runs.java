package dcgan.endtoend;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Runs a command as its entry point in the default package does ({@code Train.run} calls {@code TrainCommand.run}), in this JVM, capturing what it prints. */
final class Runs {

  /** Exit code and output of one run. */
  record Run(int exitCode, String out, String err) {}

  private Runs() {}

  static synchronized Run capture(Function<String[], Integer> entryPoint, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out, stderr = System.err;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      int code = entryPoint.apply(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  static Run train(String... args) {
    return capture(args1 -> dcgan.cli.TrainCommand.run(args1, System.out, System.err), args);
  }

  static Run generate(String... args) {
    return capture(args1 -> dcgan.cli.GenerateCommand.run(args1, System.out, System.err), args);
  }

  static Run evaluate(String... args) {
    return capture(args1 -> dcgan.cli.EvaluateCommand.run(args1, System.out, System.err), args);
  }

  static Run benchmark(String... args) {
    return capture(args1 -> dcgan.cli.BenchmarkCommand.run(args1, System.out, System.err), args);
  }

  static Run curves(String... args) {
    return capture(args1 -> dcgan.cli.CurvesCommand.run(args1, System.out, System.err), args);
  }

  static Run gif(String... args) {
    return capture(args1 -> dcgan.cli.GifCommand.run(args1, System.out, System.err), args);
  }

  static Run compare(String... args) {
    return capture(args1 -> dcgan.cli.CompareCommand.run(args1, System.out, System.err), args);
  }
}
