package dcgan.model;

import org.tensorflow.proto.ConfigProto;

/** How every session of the project is configured. */
public final class Sessions {

  private Sessions() {}

  /**
   * Intra-op threads as configured, one inter-op thread: a graph's ops run one after another, each
   * on all threads, so that the same seed and thread count give bitwise the same results.
   */
  public static ConfigProto config(int threads) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(1)
        .build();
  }
}
