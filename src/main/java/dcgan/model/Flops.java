package dcgan.model;

import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * The arithmetic a train step needs, counted from the layer shapes: multiply-adds of the dense and
 * convolution layers, counting only kernel taps that land inside the input (taps that fall in
 * 'same' padding multiply zeros and are not work). A transposed convolution is counted as the
 * convolution it is the gradient of. Each layer costs the same in its forward pass, its
 * input-gradient and its kernel-gradient; one multiply-add is 2 FLOPs.
 */
public final class Flops {

  private Flops() {}

  /** Multiply-adds of one example through {@code layer} whose input has shape {@code input}. */
  public static long macsPerExample(Layer layer, Shape input) {
    Shape output = layer.outputShape();
    if (layer instanceof Dense) {
      return input.size(1) * output.size(1);
    }
    if (layer instanceof Conv2D || layer instanceof Conv2DTranspose) {
      Shape kernel = layer.weights().get(0).shape();
      int k = (int) kernel.size(0);
      boolean transposed = layer instanceof Conv2DTranspose;
      // The forward convolution's input and output: for a transposed one, its output and input.
      Shape convIn = transposed ? output : input;
      Shape convOut = transposed ? input : output;
      int stride = (int) (convIn.size(1) / convOut.size(1));
      long taps = validTaps((int) convIn.size(1), (int) convOut.size(1), stride, k)
          * validTaps((int) convIn.size(2), (int) convOut.size(2), stride, k);
      return taps * input.size(3) * output.size(3);
    }
    return 0; // normalization, activations, dropout, reshapes: not counted
  }

  /**
   * Over all output positions of one axis, the number of kernel taps that read inside the input,
   * with TensorFlow's 'same' padding ({@code pad_total = max((out - 1) * s + k - in, 0)}, the
   * smaller half first).
   */
  static long validTaps(int in, int out, int stride, int k) {
    int padBefore = Math.max((out - 1) * stride + k - in, 0) / 2;
    long taps = 0;
    for (int o = 0; o < out; o++) {
      for (int t = 0; t < k; t++) {
        int i = o * stride + t - padBefore;
        if (i >= 0 && i < in) {
          taps++;
        }
      }
    }
    return taps;
  }

  /** Multiply-adds per example of each layer of {@code model}, in order. */
  static long[] perLayer(Sequential model) {
    List<Layer> layers = model.layers();
    long[] macs = new long[layers.size()];
    Shape input = model.inputShape();
    for (int i = 0; i < layers.size(); i++) {
      macs[i] = macsPerExample(layers.get(i), input);
      input = layers.get(i).outputShape();
    }
    return macs;
  }

  /**
   * FLOPs of one tutorial train step: the generator forward on {@code noiseBatch} vectors, its
   * kernel gradients and input gradients (but of its first layer, whose input is noise); the
   * discriminator forward on {@code realBatch} real and {@code noiseBatch} generated images, for
   * {@code disc_loss} its kernel gradients on both and its input gradients above the first layer,
   * for {@code gen_loss} its input gradients on the generated images, down to the images.
   */
  public static double trainStep(Sequential generator, Sequential discriminator, int noiseBatch, int realBatch) {
    long[] g = perLayer(generator);
    long[] d = perLayer(discriminator);
    long gAll = sum(g, 0), gAboveFirst = sum(g, 1), dAll = sum(d, 0), dAboveFirst = sum(d, 1);
    double macs = noiseBatch * (2.0 * gAll + gAboveFirst) // G: forward, kernel grads, input grads
        + (realBatch + noiseBatch) * (2.0 * dAll + dAboveFirst) // D for disc_loss: forward, kernel and input grads
        + noiseBatch * (double) dAll; // D's input grads for gen_loss, down to the generated images
    return 2 * macs;
  }

  private static long sum(long[] values, int from) {
    long s = 0;
    for (int i = from; i < values.length; i++) {
      s += values[i];
    }
    return s;
  }
}
