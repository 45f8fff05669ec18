package dcgan.training;

/**
 * Generated images, {@code count} of {@code side x side}, values in [-1, 1], image after image.
 */
public record SampleImages(float[] pixels, int count, int side) {

  public SampleImages {
    if (pixels.length != count * side * side) {
      throw new IllegalArgumentException(pixels.length + " values are not " + count + " images of " + side + "x" + side);
    }
  }
}
