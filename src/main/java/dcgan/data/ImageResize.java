package dcgan.data;

/**
 * Square crops and resizes of one channel of an image, in double precision: the largest centred
 * square, then area averaging to shrink (each output pixel the mean of the source area it covers,
 * partly covered pixels weighted by the covered fraction, as OpenCV's {@code INTER_AREA} and PIL's
 * {@code BOX}) and bilinear interpolation with half-pixel centres to enlarge (as TensorFlow's
 * {@code tf.image.resize(..., 'bilinear')}). Never nearest neighbour.
 */
public final class ImageResize {

  private ImageResize() {}

  /**
   * The centred {@code side x side} square of a {@code width x height} plane, {@code side = min(width,
   * height)}; an odd excess leaves the extra column or row on the right or bottom.
   */
  public static double[] centreSquare(double[] plane, int width, int height) {
    int side = Math.min(width, height);
    int x0 = (width - side) / 2, y0 = (height - side) / 2;
    double[] out = new double[side * side];
    for (int y = 0; y < side; y++) {
      System.arraycopy(plane, (y0 + y) * width + x0, out, y * side, side);
    }
    return out;
  }

  /** A {@code side x side} plane resized to {@code size x size}: area averaging down, bilinear up. */
  public static double[] resize(double[] square, int side, int size) {
    if (size == side) {
      return square.clone();
    }
    double[][] weights = size < side ? areaWeights(side, size) : bilinearWeights(side, size);
    double[] rows = new double[size * side]; // resize along y first: [size][side]
    for (int y = 0; y < size; y++) {
      for (int k = 0; k < side; k++) {
        double w = weights[y][k];
        if (w != 0) {
          for (int x = 0; x < side; x++) {
            rows[y * side + x] += w * square[k * side + x];
          }
        }
      }
    }
    double[] out = new double[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double sum = 0;
        for (int k = 0; k < side; k++) {
          sum += weights[x][k] * rows[y * side + k];
        }
        out[y * size + x] = sum;
      }
    }
    return out;
  }

  /**
   * {@code weights[i][k]}: the share of output pixel {@code i}'s span {@code [i s, (i + 1) s)},
   * {@code s = side / size}, that source pixel {@code k} covers. Each row sums to 1.
   */
  static double[][] areaWeights(int side, int size) {
    double scale = (double) side / size;
    double[][] w = new double[size][side];
    for (int i = 0; i < size; i++) {
      double start = i * scale, end = (i + 1) * scale;
      for (int k = (int) Math.floor(start); k < Math.min(side, (int) Math.ceil(end)); k++) {
        w[i][k] = (Math.min(end, k + 1) - Math.max(start, k)) / scale;
      }
    }
    return w;
  }

  /**
   * Bilinear weights with half-pixel centres: output pixel {@code i} samples the source at {@code
   * (i + 0.5) side / size - 0.5}, clamped to the edge pixels.
   */
  static double[][] bilinearWeights(int side, int size) {
    double scale = (double) side / size;
    double[][] w = new double[size][side];
    for (int i = 0; i < size; i++) {
      double at = Math.max(0, Math.min(side - 1, (i + 0.5) * scale - 0.5));
      int left = (int) Math.floor(at);
      int right = Math.min(side - 1, left + 1);
      double t = at - left;
      w[i][left] += 1 - t;
      w[i][right] += t;
    }
    return w;
  }
}
