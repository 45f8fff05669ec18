package dcgan.endtoend;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a command as its entry point in the default package does ({@code Train.run} calls {@code TrainCommand.run}), in this JVM, capturing what it prints. */
final class Runs {

  /** Exit code and output of one run. */
  record Run(int exitCode, String out, String err) {}

  private Runs() {}

  /** A command's {@code run(args, out, err)}, as every {@code dcgan.cli} command has it. */
  @FunctionalInterface
  interface Command {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  static synchronized Run capture(Command command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out, stderr = System.err;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      int code = command.run(args, o, e);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  static Run train(String... args) {
    return capture(dcgan.cli.TrainCommand::run, args);
  }

  static Run generate(String... args) {
    return capture(dcgan.cli.GenerateCommand::run, args);
  }

  static Run evaluate(String... args) {
    return capture(dcgan.cli.EvaluateCommand::run, args);
  }

  static Run benchmark(String... args) {
    return capture(dcgan.cli.BenchmarkCommand::run, args);
  }

  static Run curves(String... args) {
    return capture(dcgan.cli.CurvesCommand::run, args);
  }

  static Run gif(String... args) {
    return capture(dcgan.cli.GifCommand::run, args);
  }

  static Run compare(String... args) {
    return capture(dcgan.cli.CompareCommand::run, args);
  }

  static Run studio(String... args) {
    return capture(dcgan.cli.StudioCommand::run, args);
  }
}
