package dcgan.data;

/**
 * A data file that cannot be used: missing, truncated, corrupt, of the wrong hash or layout. The
 * message names the file, the problem and the fix; the command line prints it as the one error.
 */
public class DataException extends dcgan.files.UserError {

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
