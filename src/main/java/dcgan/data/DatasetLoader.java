package dcgan.data;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Finds and loads the training images: from {@code --data} if given, else from the cache Python
 * Keras uses ({@code ~/.keras/datasets}, or {@code $KERAS_HOME/datasets}), downloading the same
 * file Keras downloads when it is missing.
 */
public final class DatasetLoader {

  /** Where Keras downloads MNIST from. */
  public static final URI MNIST_URL = URI.create("https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz");
  /** SHA-256 of that file, as {@code keras.datasets.mnist.load_data} checks it. */
  public static final String MNIST_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1";
  /** CIFAR-10's binary version, on its authors' site. */
  public static final URI CIFAR10_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
  /** The MD5 sum the authors publish for it, and its size. */
  public static final Downloader.Checksum CIFAR10_CHECKSUM = Downloader.Checksum.md5("c32a1d4ab5d03f1284b67883e8d87530", 170_052_171L);

  /** Where Keras downloads Fashion-MNIST's IDX files from. */
  public static final URI FASHION_MNIST_BASE_URL = URI.create("https://storage.googleapis.com/tensorflow/tf-keras-datasets/");
  /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
  public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  static final long MAX_DOWNLOAD_BYTES = 64L << 20; // mnist.npz is 11 MB, Fashion's images 26 MB

  private final Path kerasDatasets;
  private final List<Path> systemFolders;
  private final Downloader downloader;
  private final Consumer<String> log;

  /**
   * @param kerasDatasets Keras's cache folder, normally {@link #defaultKerasDatasets()}
   * @param systemFolders read-only folders to look in for Fashion-MNIST before downloading
   * @param downloader fetches missing files
   * @param log where progress messages go
   */
  public DatasetLoader(Path kerasDatasets, List<Path> systemFolders, Downloader downloader, Consumer<String> log) {
    this.kerasDatasets = kerasDatasets;
    this.systemFolders = List.copyOf(systemFolders);
    this.downloader = downloader;
    this.log = log;
  }

  /** The default: Keras's cache, Debian's folder, network downloads, messages to stderr. */
  public static DatasetLoader standard() {
    return new DatasetLoader(defaultKerasDatasets(), List.of(DEBIAN_FASHION_MNIST), new Downloader(), System.err::println);
  }

  /** {@code $KERAS_HOME/datasets}, else {@code ~/.keras/datasets}, as Keras resolves it. */
  public static Path defaultKerasDatasets() {
    String kerasHome = System.getenv("KERAS_HOME");
    Path home = kerasHome != null ? Path.of(kerasHome) : Path.of(System.getProperty("user.home"), ".keras");
    return home.resolve("datasets");
  }

  /**
   * Loads the training images of {@code dataset}.
   *
   * @param data the {@code --data} path (a .npz, an IDX folder or file), or null for the default place
   * @param fakeCount how many images {@link Dataset#FAKE} makes
   */
  public Images load(Dataset dataset, Path data, int fakeCount) {
    if (dataset == Dataset.FAKE) {
      return fake(fakeCount, 0);
    }
    if (dataset == Dataset.CIFAR10) {
      return cifar10(data, Split.TRAIN);
    }
    if (data != null) {
      return MnistReader.read(data);
    }
    return dataset == Dataset.MNIST ? cachedMnist() : cachedFashionMnist();
  }

  /**
   * Whether {@code --dataset dataset --data data} names a folder of image files: a folder, for
   * any data set but CIFAR-10 (whose batches folder has no images either), without {@code
   * train-images-idx3-ubyte[.gz]} and without CIFAR-10's batches.
   */
  public static boolean isImageFolder(Dataset dataset, Path data) {
    return dataset != Dataset.CIFAR10 && data != null && Files.isDirectory(data) && !hasIdx(data, MnistReader.IDX_TRAIN_IMAGES)
        && !Files.isDirectory(data.resolve(Cifar10Reader.FOLDER)) && !Files.isRegularFile(data.resolve(Cifar10Reader.ARCHIVE));
  }

  /**
   * CIFAR-10 from {@code data}, or from Keras's cache folder ({@code cifar-10-batches-bin/} or
   * {@code cifar-10-binary.tar.gz} there), downloading the archive from its authors' site when
   * neither is there: checked by the MD5 sum they publish and its exact size, as they publish no
   * SHA-256.
   */
  private Images cifar10(Path data, Split split) {
    Path where = data != null ? data : kerasDatasets;
    if (data == null && !Files.isDirectory(where.resolve(Cifar10Reader.FOLDER)) && !Files.isRegularFile(where.resolve(Cifar10Reader.ARCHIVE))) {
      Path archive = where.resolve(Cifar10Reader.ARCHIVE);
      log.accept("Downloading " + CIFAR10_URL + " to " + archive + " (163 MB)");
      downloader.download(CIFAR10_URL, archive, CIFAR10_CHECKSUM, CIFAR10_CHECKSUM.size(),
          "download cifar-10-binary.tar.gz (\"CIFAR-10 binary version\", https://www.cs.toronto.edu/~kriz/cifar.html) into "
              + where + ", or pass --data PATH");
    }
    return Cifar10Reader.read(where, split);
  }

  /**
   * The training images of {@code dataset} with their labels, for a conditional GAN: as {@link
   * #load}, the labels read too (the fake rings have theirs).
   */
  public Images loadTrainingWithLabels(Dataset dataset, Path data, int fakeCount) {
    return dataset == Dataset.FAKE ? fake(fakeCount, 0) : loadLabeled(dataset, data, Split.TRAIN);
  }

  /**
   * Loads one split of {@code dataset} with its labels, from the same places as {@link #load}: what
   * the reference classifier trains and is tested on.
   *
   * @param data the {@code --data} path (a .npz or an IDX folder), or null for the default place
   * @throws DataException if the split or its labels cannot be had
   */
  public Images loadLabeled(Dataset dataset, Path data, Split split) {
    if (dataset == Dataset.FAKE) {
      throw new DataException("the fake dataset has no labels and no test split; use --dataset mnist or fashion_mnist");
    }
    if (dataset == Dataset.CIFAR10) {
      return cifar10(data, split);
    }
    if (data != null) {
      return MnistReader.readLabeled(data, split);
    }
    if (dataset == Dataset.MNIST) {
      return MnistReader.readNpz(mnistFile(), split, true);
    }
    return MnistReader.readIdxFolder(fashionMnistFolder(List.of(split.idxImages(), split.idxLabels())), split, true);
  }

  private Images cachedMnist() {
    return MnistReader.readNpz(mnistFile());
  }

  /** Keras's {@code mnist.npz}, checked against Keras's hash, downloaded when missing. */
  private Path mnistFile() {
    Path file = kerasDatasets.resolve("mnist.npz");
    String fix = "put Keras's mnist.npz at " + file + " (" + MNIST_URL + "), or pass --data PATH"
        + " (a mnist.npz or a folder of IDX files)";
    if (Files.isRegularFile(file)) {
      String actual = Downloader.sha256(file);
      if (actual.equals(MNIST_SHA256)) {
        return file;
      }
      log.accept("warning: " + file + " has SHA-256 " + actual + ", not Keras's " + MNIST_SHA256 + "; downloading it again");
      fix = "to use the file you have, pass it with --data " + file + "; or delete it and let it be downloaded";
    } else {
      log.accept("Downloading " + MNIST_URL + " to " + file);
    }
    downloader.download(MNIST_URL, file, MNIST_SHA256, MAX_DOWNLOAD_BYTES, fix);
    return file;
  }

  private Images cachedFashionMnist() {
    return MnistReader.readIdxFolder(fashionMnistFolder(List.of(MnistReader.IDX_TRAIN_IMAGES)));
  }

  /**
   * The first folder (Keras's cache, then the system folders) that holds every IDX file in {@code
   * names} (raw or .gz); else Keras's cache folder, with the missing files downloaded into it.
   */
  private Path fashionMnistFolder(List<String> names) {
    Path folder = kerasDatasets.resolve("fashion-mnist");
    for (Path candidate : java.util.stream.Stream.concat(java.util.stream.Stream.of(folder), systemFolders.stream()).toList()) {
      if (names.stream().allMatch(name -> hasIdx(candidate, name))) {
        return candidate;
      }
    }
    for (String name : names) {
      if (!hasIdx(folder, name)) {
        URI url = FASHION_MNIST_BASE_URL.resolve(name + ".gz");
        log.accept("Downloading " + url + " to " + folder);
        downloader.download(url, folder.resolve(name + ".gz"), (Downloader.Checksum) null, MAX_DOWNLOAD_BYTES,
            "install Debian's dataset-fashion-mnist package, put " + name + ".gz in " + folder + ", or pass --data FOLDER");
      }
    }
    return folder;
  }

  private static boolean hasIdx(Path folder, String name) {
    return Files.isRegularFile(folder.resolve(name + ".gz")) || Files.isRegularFile(folder.resolve(name));
  }

  /**
   * Synthetic 28x28 images for dry runs: one bright ring per image, of random centre, radius and
   * thickness, on black; its label is the radius in ten steps (0: the smallest rings), so that
   * {@code --conditional} can be dry-run too. Deterministic in {@code seed}.
   */
  public static Images fake(int count, long seed) {
    int side = MnistReader.SIDE;
    byte[] pixels = new byte[count * side * side];
    byte[] labels = new byte[count];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      double cx = 10 + random.nextDouble(8), cy = 10 + random.nextDouble(8);
      double radius = 4 + random.nextDouble(6), thickness = 1.5 + random.nextDouble(2);
      labels[i] = (byte) Math.min(Images.CLASSES - 1, (int) ((radius - 4) / 0.6));
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          double distance = Math.abs(Math.hypot(x - cx, y - cy) - radius);
          double value = Math.max(0, 1 - distance / thickness);
          pixels[(i * side + y) * side + x] = (byte) Math.round(255 * value);
        }
      }
    }
    return new Images(pixels, count, side, side, labels, "fake rings");
  }
}
