package dcgan.model;

import dcgan.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** The tutorial's pixel scaling, shared by the train step and the reference classifier. */
public final class Pixels {

  private Pixels() {}

  /** A pixel in [-1, 1] back as a byte value 0 to 255: {@code round(127.5 x + 127.5)}, clipped to [-1, 1] first. */
  public static int toByte(float pixel) {
    return Math.round(Math.max(-1f, Math.min(1f, pixel)) * 127.5f + 127.5f);
  }

  /** {@code (train_images - 127.5) / 127.5} as float32 in [-1, 1], shaped {@code (n, rows, cols, channels)}. */
  public static Operand<TFloat32> scale(Ops tf, Operand<TUint8> pixels, ImageShape image) {
    Operand<TFloat32> x = tf.dtypes.cast(pixels, TFloat32.class);
    Operand<TFloat32> scaled = tf.math.div(tf.math.sub(x, tf.constant(127.5f)), tf.constant(127.5f));
    return tf.reshape(scaled, tf.constant(new long[] {-1, image.rows(), image.cols(), image.channels()}));
  }
}
