package dcgan.training;

/**
 * Generated images, {@code count} of {@code side x side x channels}, values in [-1, 1], image
 * after image, channels interleaved.
 */
public record SampleImages(float[] pixels, int count, int side, int channels) {

  public SampleImages {
    if (pixels.length != count * side * side * channels) {
      throw new IllegalArgumentException(pixels.length + " values are not " + count + " images of " + side + "x" + side
          + (channels == 1 ? "" : "x" + channels));
    }
  }

  /** Grey images. */
  public SampleImages(float[] pixels, int count, int side) {
    this(pixels, count, side, 1);
  }
}
