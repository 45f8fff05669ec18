package dcgan.cli;

import dcgan.files.UserError;

/**
 * A bad command line that only the command itself can tell (a value out of range, options that do
 * not go together): one line and where the options are, exit code 2, as picocli's own usage errors.
 */
final class UsageError extends UserError {

  UsageError(String message) {
    super(message);
  }
}
