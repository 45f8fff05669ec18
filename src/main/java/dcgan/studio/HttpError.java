package dcgan.studio;

/** A request the studio refuses: an HTTP status and a message naming what is wrong, sent as JSON. */
final class HttpError extends RuntimeException {

  private final int status;
  private final String parameter;

  HttpError(int status, String parameter, String message) {
    super(message);
    this.status = status;
    this.parameter = parameter;
  }

  /** 400, naming the parameter. */
  static HttpError badParameter(String parameter, String message) {
    return new HttpError(400, parameter, parameter + ": " + message);
  }

  /** 404: nothing is served there (also for paths outside the runs' folder, which are not told apart). */
  static HttpError notFound(String what) {
    return new HttpError(404, null, "not found: " + what);
  }

  int status() {
    return status;
  }

  /** The parameter at fault, or null. */
  String parameter() {
    return parameter;
  }
}
