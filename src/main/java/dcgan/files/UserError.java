package dcgan.files;

/**
 * A problem the user can fix: a bad file, a bad option, a folder that cannot be written, a model
 * that does not fit. Its message names the problem and the fix; the command line prints it as one
 * {@code error:} line. Anything else that escapes a command is a bug, and prints its stack trace.
 */
public class UserError extends RuntimeException {

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
