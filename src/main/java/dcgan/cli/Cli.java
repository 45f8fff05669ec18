package dcgan.cli;

import dcgan.files.UserError;
import dcgan.model.Precision;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What every command shares: picocli wired to the given streams, and the rule that a problem the
 * user can fix (bad data, an unwritable folder, a wrong model) is one {@code error: ...} line and
 * exit code 1, a bad command line exit code 2, and anything else a bug with its stack trace.
 */
public final class Cli {

  private Cli() {}

  /** Parses {@code args} into {@code command} and runs it; returns the exit code. */
  public static int execute(Callable<Integer> command, String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = commandLine(command, out, err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> fail(e, commandLine.getCommandName(), err));
    try {
      return cli.execute(args);
    } catch (LinkageError e) {
      return failToLoad(e, err);
    } catch (OutOfMemoryError e) {
      return outOfMemory(err);
    }
  }

  /** Java's heap ran out: one line saying what to lower or raise, exit code 1. */
  static int outOfMemory(PrintStream err) {
    err.println("error: Java ran out of memory (its heap holds at most " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB);"
        + " lower --batch-size, --num-examples, --count or --eval-samples, or give Java more with MAVEN_OPTS=-Xmx8g");
    return 1;
  }

  /** A TensorFlow native library that does not load is one line and exit code 1; any other linkage error is a bug. */
  static int failToLoad(Error e, PrintStream err) {
    String message = Natives.explain(e).orElseThrow(() -> e);
    err.println("error: " + message);
    return 1;
  }

  /**
   * Prints a user error as one line and returns exit code 1; anything else is a bug: its stack trace,
   * a line asking to report it, and exit code 70 (EX_SOFTWARE).
   */
  static int fail(Exception e, String command, PrintStream err) {
    if (e instanceof UsageError) {
      return usageError(e.getMessage(), command, err);
    }
    return fail(e, err);
  }

  /** The same, for a command whose name does not matter (a {@link UsageError} exits 1 here). */
  static int fail(Exception e, PrintStream err) {
    String message = userError(e);
    if (message == null) {
      e.printStackTrace(err);
      err.println("error: this is a bug in the project, not a problem with your input: please report it with the stack trace above");
      return BUG;
    }
    err.println("error: " + message);
    return 1;
  }

  /** The exit code of an unexpected exception (EX_SOFTWARE of sysexits.h). */
  static final int BUG = 70;

  /**
   * A picocli command line printing to {@code out} and {@code err}, whose usage errors are one
   * line and where to find the options (not the whole help), with exit code 2.
   */
  static CommandLine commandLine(Object command, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, args) -> usageError(e, err));
    return cli;
  }

  /** The exit code of a bad command line. */
  static final int USAGE = 2;

  private static int usageError(CommandLine.ParameterException e, PrintStream err) {
    return usageError(e.getMessage(), e.getCommandLine().getCommandName(), err);
  }

  private static int usageError(String message, String name, PrintStream err) {
    err.println("error: " + message);
    err.println("The options: " + name + " --help (with Maven: mvn -q compile exec:java -Dexec.mainClass=" + name
        + " -Dexec.args=\"--help\")");
    return USAGE;
  }

  /** The one-line message of a problem the user can fix, or null for a bug. */
  static String userError(Exception e) {
    if (diskFull(e)) {
      return "the disk is full: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
          + (e.getCause() != null && e.getCause() != e ? " (" + e.getCause().getMessage() + ")" : "")
          + "; free some space or write to another disk, and run it again (a training run keeps its last complete checkpoint:"
          + " continue it with --resume)";
    }
    if (e instanceof UncheckedIOException u) {
      return u.getMessage() + ": " + u.getCause().getMessage();
    }
    if (e instanceof UserError || e instanceof IOException) {
      return e.getMessage();
    }
    if (e instanceof org.tensorflow.exceptions.TFResourceExhaustedException) {
      return "TensorFlow ran out of memory (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); lower"
          + " --batch-size, --num-examples or --eval-samples; the last complete checkpoint is kept";
    }
    return null;
  }

  /** Refuses a {@code --truncation} that {@link dcgan.eval.FixedNoise#draw} does not take, as a usage error. */
  static void requireTruncation(double truncation) {
    if (!dcgan.eval.FixedNoise.isTruncation(truncation)) {
      throw new UsageError("--truncation must be at least " + dcgan.eval.FixedNoise.MIN_TRUNCATION + " (e.g. 0.7), or 0 for none, not "
          + truncation);
    }
  }

  /**
   * Whether {@code e} (or its cause) says the disk is full: TensorFlow reports ENOSPC as
   * RESOURCE_EXHAUSTED, the same code as running out of memory, and Java as an IOException.
   */
  private static boolean diskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.nio.file.FileSystemException || t instanceof IOException
          || t instanceof org.tensorflow.exceptions.TensorFlowException) {
        if (String.valueOf(t.getMessage()).contains("No space left on device")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Ends the JVM with {@code code} unless it is 0 (under {@code mvn exec:java}, a 0 lets Maven finish normally). */
  public static void exit(int code) {
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Reads {@code --precision} by Keras's policy names; picocli reports a bad one as a usage error. */
  static final class PrecisionConverter implements CommandLine.ITypeConverter<Precision> {
    @Override
    public Precision convert(String value) {
      try {
        return Precision.ofKerasName(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
