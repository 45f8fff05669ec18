package dcgan.data;

/** The two parts of a data set as Keras's {@code load_data()} returns them. */
public enum Split {
  /** {@code (x_train, y_train)}: IDX {@code train-*}. */
  TRAIN("x_train", "y_train", "train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
  /** {@code (x_test, y_test)}: IDX {@code t10k-*}. */
  TEST("x_test", "y_test", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

  private final String npzImages;
  private final String npzLabels;
  private final String idxImages;
  private final String idxLabels;

  Split(String npzImages, String npzLabels, String idxImages, String idxLabels) {
    this.npzImages = npzImages;
    this.npzLabels = npzLabels;
    this.idxImages = idxImages;
    this.idxLabels = idxLabels;
  }

  /** The images' array name in a Keras {@code .npz}, e.g. {@code x_test}. */
  public String npzImages() {
    return npzImages;
  }

  /** The labels' array name in a Keras {@code .npz}, e.g. {@code y_test}. */
  public String npzLabels() {
    return npzLabels;
  }

  /** The images' IDX file name without {@code .gz}, e.g. {@code t10k-images-idx3-ubyte}. */
  public String idxImages() {
    return idxImages;
  }

  /** The labels' IDX file name without {@code .gz}, e.g. {@code t10k-labels-idx1-ubyte}. */
  public String idxLabels() {
    return idxLabels;
  }
}
