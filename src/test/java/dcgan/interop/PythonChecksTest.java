package dcgan.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dcgan.cli.GenerateCommand;
import dcgan.cli.TrainCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python side against the real TensorFlow: the Java-trained generator SavedModels loaded by
 * {@code python/load_generator.py} ({@code tf.saved_model.load} and Keras 3's {@code TFSMLayer}),
 * run through the C library by {@code python/check_savedmodel_c_api.py}, and the Python tutorial
 * {@code python/tutorial.py} writing the tutorial's checkpoint keys and a samples .npy, and the
 * {@code .keras} files beside them opened by {@code keras.models.load_model} ({@code python/load_keras_model.py}).
 *
 * <p>Runs where {@code .venv/bin/python} exists or {@code DCGAN_PYTHON} names a Python with
 * TensorFlow importable; otherwise the tests skip with one message that says how to install it.
 * Uses only the public entry points {@link TrainCommand#run} and {@link GenerateCommand#run}.
 */
class PythonChecksTest {

  static final String INSTALL = "Python TensorFlow not installed: run `python3 -m venv .venv && .venv/bin/pip install tensorflow_cpu`"
      + " to run the Python interop checks (or set DCGAN_PYTHON to a python with tensorflow)";
  private static final long PYTHON_TIMEOUT_S = 240;
  /** Java's TensorFlow (2.18) and Python's (2.21) may round one convolution differently; the C library is Java's own. */
  private static final String PYTHON_TOLERANCE = "1e-4";

  @TempDir
  static Path shared;

  private static Boolean tensorflowImportable;
  private static Path unconditionalModel;
  private static Path conditionalModel;

  // --- (a), (b): Java's SavedModels in Python TensorFlow and Keras 3 ---------------------------

  @Test
  void pythonLoadsTheJavaGeneratorAndDrawsJavasImages(@TempDir Path out) throws Exception {
    Path python = pythonWithTensorflow();
    Path model = unconditionalModel();
    generate(model, out, "--seed", "7");
    Result result = python(python, out, script("load_generator.py"), "--model", model.toString(),
        "--noise", out.resolve("noise.npy").toString(), "--expected", out.resolve("java.npy").toString(),
        "--out", out.resolve("python.png").toString(), "--tolerance", PYTHON_TOLERANCE);
    assertEquals(0, result.code(), result.output());
    assertTrue(result.output().contains("tf.saved_model.load: (16, 28, 28, 1)"), result.output());
    assertTrue(result.output().contains("keras.layers.TFSMLayer: max abs diff"), result.output());
    assertTrue(result.output().contains("max abs diff vs Java:"), result.output());
    assertTrue(Files.size(out.resolve("python.png")) > 0);
  }

  @Test
  void kerasLoadsTheJavaKerasFilesAsKerasModelsThatDrawJavasImages(@TempDir Path out) throws Exception {
    Path python = pythonWithTensorflow();
    Path model = unconditionalModel();
    generate(model, out, "--seed", "11");
    Path folder = model.getParent();
    for (String format : List.of("keras", "h5")) { // Keras 3's format, and the legacy HDF5 one of --keras-h5
      Result result = python(python, out, script("load_keras_model.py"), "--model", folder.resolve("generator." + format).toString(),
          "--discriminator", folder.resolve("discriminator." + format).toString(), "--noise", out.resolve("noise.npy").toString(),
          "--expected", out.resolve("java.npy").toString(), "--tolerance", PYTHON_TOLERANCE);
      assertEquals(0, result.code(), format + ": " + result.output());
      assertTrue(result.output().contains("keras.models.load_model: (16, 28, 28, 1) max abs diff vs Java:"), result.output());
      assertTrue(result.output().contains("Total params: 2,330,944"), "the tutorial generator's layers and weights: " + result.output());
      assertTrue(result.output().contains("discriminator: (16, 1)"), result.output());
    }
  }

  @Test
  void javaDrawsWhatKerasDrawsFromEveryFileFormatAndLayout(@TempDir Path out) throws Exception {
    Path python = pythonWithTensorflow();
    Result written = python(python, out, script("write_keras_generators.py"), "--out", out.toString());
    assertEquals(0, written.code(), written.output());
    Map<String, List<String>> models = new LinkedHashMap<>();
    models.put("tutorial", List.of("tutorial.keras", "tutorial.h5", "tutorial.weights.h5 --generator-model tutorial.json",
        "tutorial.weights.h5 --generator-model tutorial.h5"));
    for (String functional : List.of("cgan", "branch", "onehot")) {
      models.put(functional, List.of(functional + ".keras", functional + ".h5"));
    }
    for (Map.Entry<String, List<String>> model : models.entrySet()) {
      for (String given : model.getValue()) {
        List<String> args = new ArrayList<>(List.of("--noise", out.resolve("noise.npy").toString(), "--out",
            out.resolve("java.png").toString(), "--save-images", out.resolve("java.npy").toString(), "--model"));
        for (String word : given.split(" ")) {
          args.add(word.endsWith(".keras") || word.endsWith(".h5") || word.endsWith(".json") ? out.resolve(word).toString() : word);
        }
        if (!model.getKey().equals("tutorial")) {
          args.addAll(List.of("--digits", "0123456789012345"));
        }
        Captured run = capture((o, e) -> GenerateCommand.run(args.toArray(String[]::new), o, e));
        assertEquals(0, run.code(), given + ": " + run.out() + run.err());
        Result same = python(python, out, "-c", "import numpy as np, sys; d = float(np.abs(np.load('java.npy') - np.load('"
            + model.getKey() + ".npy')).max()); print('max abs diff', d); sys.exit(d > " + PYTHON_TOLERANCE + ")");
        assertEquals(0, same.code(), given + ": " + same.output());
      }
    }
  }

  @Test
  void pythonLoadsTheConditionalSignatureWithLabels(@TempDir Path out) throws Exception {
    Path python = pythonWithTensorflow();
    Path model = conditionalModel();
    generate(model, out, "--digits", "0123456789", "--save-labels", out.resolve("labels.npy").toString());
    Result result = python(python, out, script("load_generator.py"), "--model", model.toString(),
        "--noise", out.resolve("noise.npy").toString(), "--labels", out.resolve("labels.npy").toString(),
        "--expected", out.resolve("java.npy").toString(), "--out", out.resolve("python.png").toString(),
        "--tolerance", PYTHON_TOLERANCE);
    assertEquals(0, result.code(), result.output());
    assertTrue(result.output().contains("tf.saved_model.load: (10, 28, 28, 1)"), result.output());
    assertTrue(result.output().contains("keras.layers.TFSMLayer: max abs diff"), result.output());

    // Its .keras files: Functional models of two inputs, noise (or images) and the integer labels.
    Path folder = model.getParent();
    for (String format : List.of("keras", "h5")) {
      Result keras = python(python, out, script("load_keras_model.py"), "--model", folder.resolve("generator." + format).toString(),
          "--discriminator", folder.resolve("discriminator." + format).toString(), "--noise", out.resolve("noise.npy").toString(),
          "--labels", out.resolve("labels.npy").toString(), "--expected", out.resolve("java.npy").toString(),
          "--tolerance", PYTHON_TOLERANCE);
      assertEquals(0, keras.code(), format + ": " + keras.output());
      assertTrue(keras.output().contains("keras.models.load_model: (10, 28, 28, 1) max abs diff vs Java:"), keras.output());
      assertTrue(keras.output().contains("discriminator: (10, 1)"), keras.output());
    }
  }

  // --- (c): the same SavedModels through TensorFlow's C library, numpy only ---------------------

  @Test
  void theCLibraryRunsBothGeneratorsExactlyAsJava(@TempDir Path out) throws Exception {
    Path python = pythonWithNumpy();
    Path model = unconditionalModel();
    Path conditional = conditionalModel();
    Path library = libtensorflow().orElse(null);
    Assumptions.assumeTrue(library != null, "libtensorflow_cc.so.2 not found under ~/.javacpp/cache (JavaCPP unpacks it there when"
        + " TensorFlow Java first loads): the C API check cannot run");

    Path plain = Files.createDirectories(out.resolve("plain"));
    generate(model, plain, "--seed", "3");
    Result result = python(python, plain, script("check_savedmodel_c_api.py"), "--model", model.toString(),
        "--noise", plain.resolve("noise.npy").toString(), "--expected", plain.resolve("java.npy").toString(),
        "--libtensorflow", library.toString());
    assertEquals(0, result.code(), result.output());
    assertTrue(result.output().contains("max abs diff vs Java"), result.output());

    Path labelled = Files.createDirectories(out.resolve("conditional"));
    generate(conditional, labelled, "--digits", "9876543210", "--save-labels", labelled.resolve("labels.npy").toString());
    result = python(python, labelled, script("check_savedmodel_c_api.py"), "--model", conditional.toString(),
        "--noise", labelled.resolve("noise.npy").toString(), "--labels", labelled.resolve("labels.npy").toString(),
        "--expected", labelled.resolve("java.npy").toString(), "--libtensorflow", library.toString());
    assertEquals(0, result.code(), result.output());
  }

  // --- the Python tutorial's checkpoint continued in Java (Train --resume-from) -------------------

  @Test
  void javaContinuesThePythonTutorialsCheckpointWithEveryWeightSlotAndStep(@TempDir Path out) throws Exception {
    Path python = pythonWithTensorflow();
    Result run = python(python, out, script("tutorial.py"), "--data", resource("mnist/mnist.npz").toString(),
        "--limit", "64", "--batch-size", "32", "--epochs", "1", "--checkpoint-every", "1", "--threads", "2", "--seed", "4",
        "--no-images", "--output-dir", out.resolve("python").toString());
    assertEquals(0, run.code(), run.output());
    Path checkpoints = out.resolve("python/training_checkpoints");

    // Restored into the train step: every variable equals what Python saved, bit for bit, and the step counter is Python's.
    dcgan.data.Images images = dcgan.data.MnistReader.readNpz(resource("mnist/mnist.npz")).limit(64);
    dcgan.training.TrainConfig config = dcgan.training.TrainConfig.tutorial().toBuilder().batchSize(32).threads(2).build();
    try (org.tensorflow.Graph graph = new org.tensorflow.Graph()) {
      dcgan.training.TrainStep step = new dcgan.training.TrainStep(graph, images.count(), config);
      try (org.tensorflow.Session session = new org.tensorflow.Session(graph)) {
        dcgan.training.Trainer.loadImages(session, step, images);
        List<String> log = new ArrayList<>();
        dcgan.persistence.TutorialCheckpoint start = new dcgan.persistence.TutorialCheckpoint(checkpoints, 64, log::add);
        assertEquals(new dcgan.training.StartingPoint.Progress(1, 2), start.initialize(step, session));
        assertTrue(log.get(0).startsWith("Resuming from the Python tutorial's checkpoint"), log.toString());
        List<dcgan.persistence.CheckpointLayout.Entry> entries = new dcgan.persistence.CheckpointLayout(step).entries();
        assertEquals(64, entries.size(), "the tutorial's 64 variables");
        org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(graph);
        for (dcgan.persistence.CheckpointLayout.Entry entry : entries) {
          var saved = tf.train.restore(tf.constant(checkpoints.resolve("ckpt-1").toString()), tf.array(entry.key()),
              tf.array(""), List.of(entry.variable().type()));
          try (org.tensorflow.Result values = session.runner().fetch(saved.tensors().get(0)).fetch(entry.variable()).run()) {
            assertArrayEquals(bytes(values.get(0)), bytes(values.get(1)), entry.key());
          }
        }
      }
    }

    // And training goes on from there.
    Captured resumed = capture((o, e) -> TrainCommand.run(new String[] {"--data", resource("mnist/mnist.npz").toString(),
        "--limit", "64", "--batch-size", "32", "--epochs", "2", "--threads", "2", "--eval-every", "0", "--no-tensorboard",
        "--no-plots", "--output-dir", out.resolve("java").toString(), "--resume-from", checkpoints.toString()}, o, e));
    assertEquals(0, resumed.code(), resumed.out() + resumed.err());
    assertTrue(resumed.out().contains("epoch 1 done, 2 steps") && resumed.out().contains("epochs 2 to 2"), resumed.out());
    assertTrue(Files.isRegularFile(out.resolve("java/saved_models/generator.keras")));

    // With --ema the averaged generator starts as Python's generator (a Python checkpoint holds none).
    try (org.tensorflow.Graph graph = new org.tensorflow.Graph()) {
      dcgan.training.TrainStep step = new dcgan.training.TrainStep(graph, images.count(), config.toBuilder().emaDecay(0.99f).build());
      try (org.tensorflow.Session session = new org.tensorflow.Session(graph)) {
        dcgan.training.Trainer.loadImages(session, step, images);
        new dcgan.persistence.TutorialCheckpoint(checkpoints, 64, line -> { }).initialize(step, session);
        org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(graph);
        List<dcgan.model.Weight> raw = step.generator().weights();
        List<dcgan.model.Weight> averaged = step.model().averagedGenerator().orElseThrow().weights();
        for (int i = 0; i < raw.size(); i++) {
          assertArrayEquals(dcgan.Tensors.fetch(session, tf.identity(raw.get(i).variable())),
              dcgan.Tensors.fetch(session, tf.identity(averaged.get(i).variable())), raw.get(i).opName());
        }
      }
    }
  }

  private static byte[] bytes(org.tensorflow.Tensor t) {
    var data = t.asRawTensor().data();
    byte[] copy = new byte[(int) data.size()];
    data.read(copy);
    return copy;
  }

  // --- (d): the Python tutorial's checkpoint and samples ----------------------------------------

  @Test
  void theTutorialScriptWritesTheTutorialsCheckpointKeysAndSamples(@TempDir Path out) throws Exception {
    Path python = pythonWithTensorflow();
    Result run = python(python, out, script("tutorial.py"), "--data", resource("mnist/mnist.npz").toString(),
        "--limit", "64", "--batch-size", "32", "--epochs", "1", "--checkpoint-every", "1", "--threads", "2", "--seed", "1",
        "--output-dir", out.toString(), "--save-samples", out.resolve("samples-{epoch}.npy").toString(),
        "--samples-count", "40", "--save-keras", out.resolve("keras").toString());
    assertEquals(0, run.code(), run.output());
    assertTrue(run.output().contains("Time for epoch 1 is"), run.output());
    assertTrue(Pattern.compile("epoch 1: gen_loss \\d+\\.\\d+, disc_loss \\d+\\.\\d+").matcher(run.output()).find(), run.output());
    assertTrue(Files.size(out.resolve("image_at_epoch_0001.png")) > 0);
    assertTrue(Files.isRegularFile(out.resolve("training_checkpoints/ckpt-1.index")), run.output());

    Result keys = python(python, out, "-c", String.join("\n",
        "import sys, tensorflow as tf",
        "reader = tf.train.load_checkpoint(sys.argv[1])",
        "dtypes = reader.get_variable_to_dtype_map()",
        "for name, shape in tf.train.list_variables(sys.argv[1]):",
        "    print('KEY %s | %s %s' % (name, dtypes[name].name, list(shape)))"),
        out.resolve("training_checkpoints/ckpt-1").toString());
    assertEquals(0, keys.code(), keys.output());
    List<String> written = keys.output().lines().filter(l -> l.startsWith("KEY ")).map(l -> l.substring(4)).sorted().toList();
    List<String> tutorials = Files.readAllLines(resource("python-tutorial/ckpt-3.keys.txt")).stream()
        .filter(l -> !l.isBlank()).sorted().toList();
    assertEquals(66, tutorials.size()); // 64 variables, save_counter and the object graph
    assertEquals(String.join("\n", tutorials), String.join("\n", written), keys.output());

    float[] samples = readFloatNpy(out.resolve("samples-1.npy"), new long[] {40, 28, 28, 1});
    for (float v : samples) {
      assertTrue(v >= -1f && v <= 1f, "sample value " + v + " outside [-1, 1]");
    }

    // The Python-trained generator, saved by Keras 3 as .keras, drawn by Java's Generate: Keras draws the same from that noise.
    Path drawn = Files.createDirectories(out.resolve("drawn"));
    generate(out.resolve("keras/generator.keras"), drawn, "--seed", "5");
    Result same = python(python, drawn, script("load_keras_model.py"), "--model", out.resolve("keras/generator.keras").toString(),
        "--noise", drawn.resolve("noise.npy").toString(), "--expected", drawn.resolve("java.npy").toString(),
        "--tolerance", PYTHON_TOLERANCE);
    assertEquals(0, same.code(), same.output());
  }

  @Test
  void theTutorialScriptResumesFromJavasCheckpoint(@TempDir Path out) throws Exception {
    Path python = pythonWithTensorflow();
    Path javaCheckpoints = unconditionalModel().getParent().getParent().resolve("training_checkpoints");
    Path checkpoints = Files.createDirectories(out.resolve("training_checkpoints"));
    try (Stream<Path> files = Files.list(javaCheckpoints)) {
      for (Path file : files.toList()) {
        Files.copy(file, checkpoints.resolve(file.getFileName()));
      }
    }
    // Java saved ckpt-1 after its one epoch; with --checkpoint-every 1 that is epoch 1 for Python too.
    Result run = python(python, out, script("tutorial.py"), "--data", resource("mnist/mnist.npz").toString(),
        "--limit", "64", "--batch-size", "32", "--epochs", "2", "--checkpoint-every", "1", "--threads", "2", "--seed", "1",
        "--output-dir", out.toString(), "--resume", "--no-images");
    assertEquals(0, run.code(), run.output());
    assertTrue(run.output().contains("training_checkpoints/ckpt-1: continuing after epoch 1"), run.output());
    assertFalse(run.output().contains("warning:"), run.output());
    assertTrue(run.output().contains("Time for epoch 2 is"), run.output());
    assertTrue(Files.isRegularFile(checkpoints.resolve("ckpt-2.index")), run.output());
  }

  // --- Java runs, shared between the tests ------------------------------------------------------

  private static synchronized Path unconditionalModel() {
    if (unconditionalModel == null) {
      unconditionalModel = train(shared.resolve("tutorial"));
    }
    return unconditionalModel;
  }

  private static synchronized Path conditionalModel() {
    if (conditionalModel == null) {
      conditionalModel = train(shared.resolve("conditional"), "--conditional");
    }
    return conditionalModel;
  }

  private static Path train(Path outputDir, String... extra) {
    List<String> args = new ArrayList<>(List.of("--data", resource("mnist/mnist.npz").toString(), "--limit", "64",
        "--batch-size", "32", "--epochs", "1", "--threads", "2", "--eval-every", "0", "--no-tensorboard", "--no-plots", "--keras-h5",
        "--output-dir", outputDir.toString()));
    args.addAll(List.of(extra));
    Captured run = capture((out, err) -> TrainCommand.run(args.toArray(String[]::new), out, err));
    assertEquals(0, run.code(), run.out() + run.err());
    Path model = outputDir.resolve("saved_models/generator");
    assertTrue(Files.isRegularFile(model.resolve("saved_model.pb")), run.out());
    return model;
  }

  /** Generate with --save-noise DIR/noise.npy --save-images DIR/java.npy and {@code extra}. */
  private static void generate(Path model, Path dir, String... extra) {
    List<String> args = new ArrayList<>(List.of("--model", model.toString(), "--out", dir.resolve("java.png").toString(),
        "--save-noise", dir.resolve("noise.npy").toString(), "--save-images", dir.resolve("java.npy").toString()));
    args.addAll(List.of(extra));
    Captured run = capture((out, err) -> GenerateCommand.run(args.toArray(String[]::new), out, err));
    assertEquals(0, run.code(), run.out() + run.err());
  }

  private interface EntryPoint {
    int run(PrintStream out, PrintStream err);
  }

  private record Captured(int code, String out, String err) {}

  private static Captured capture(EntryPoint entryPoint) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = entryPoint.run(o, e);
      return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  // --- Python ------------------------------------------------------------------------------------

  /** The Python to use: DCGAN_PYTHON, else the project's .venv; empty when neither exists. */
  private static Optional<Path> configuredPython() {
    String variable = System.getenv("DCGAN_PYTHON");
    if (variable != null && !variable.isBlank()) {
      return Optional.of(Path.of(variable));
    }
    Path venv = Path.of(".venv", "bin", "python").toAbsolutePath();
    return Files.isExecutable(venv) ? Optional.of(venv) : Optional.empty();
  }

  /** The configured Python if TensorFlow imports in it; otherwise the test is skipped with {@link #INSTALL}. */
  private static synchronized Path pythonWithTensorflow() {
    Optional<Path> python = configuredPython();
    if (tensorflowImportable == null) {
      tensorflowImportable = python.isPresent() && imports(python.get(), "import numpy, tensorflow, keras");
    }
    Assumptions.assumeTrue(tensorflowImportable, INSTALL);
    return python.get();
  }

  /** A Python with numpy (the configured one, else python3 on the PATH); the C API check needs no TensorFlow. */
  private static Path pythonWithNumpy() {
    Optional<Path> python = configuredPython().filter(p -> imports(p, "import numpy"));
    if (python.isEmpty() && imports(Path.of("python3"), "import numpy")) {
      python = Optional.of(Path.of("python3"));
    }
    Assumptions.assumeTrue(python.isPresent(), "no Python with numpy (neither DCGAN_PYTHON, .venv/bin/python nor python3):"
        + " the C API check cannot run; " + INSTALL);
    return python.get();
  }

  private static boolean imports(Path python, String statement) {
    try {
      return python(python, Path.of(".").toAbsolutePath(), "-c", statement).code() == 0;
    } catch (IOException | RuntimeException e) {
      return false; // not there, or not runnable
    }
  }

  private record Result(int code, String output) {}

  /** Runs {@code python args...} in {@code dir} with a timeout, stdout and stderr together. */
  private static Result python(Path python, Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(python.toString());
    command.addAll(List.of(args));
    Path log = Files.createTempFile("python-check", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
      Process process = builder.start();
      boolean done;
      try {
        done = process.waitFor(PYTHON_TIMEOUT_S, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted: " + command, e);
      }
      if (!done) {
        process.destroyForcibly();
        fail("timed out after " + PYTHON_TIMEOUT_S + " s: " + String.join(" ", command) + "\n" + Files.readString(log));
      }
      return new Result(process.exitValue(), "$ " + String.join(" ", command) + "\n" + Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String script(String name) {
    return Path.of("python", name).toAbsolutePath().toString();
  }

  // --- Files -------------------------------------------------------------------------------------

  private static Path resource(String name) {
    try {
      return Path.of(PythonChecksTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource " + name + " missing", e);
    }
  }

  /** libtensorflow_cc.so.2 in JavaCPP's cache (its cachedir property, else ~/.javacpp/cache). */
  private static Optional<Path> libtensorflow() {
    String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
    Path root = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".javacpp", "cache");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().equals("libtensorflow_cc.so.2")).sorted().findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The float32 little-endian values of a .npy, after checking its dtype and shape. */
  private static float[] readFloatNpy(Path file, long[] expectedShape) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[6];
    bytes.get(magic);
    assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, magic, file + " is not a .npy");
    int major = bytes.get();
    bytes.get();
    int headerLength = major == 1 ? Short.toUnsignedInt(bytes.getShort()) : bytes.getInt();
    byte[] header = new byte[headerLength];
    bytes.get(header);
    String text = new String(header, StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("'descr': '<f4'") && text.contains("'fortran_order': False"), text);
    Matcher shape = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(text);
    assertTrue(shape.find(), text);
    long[] dims = Arrays.stream(shape.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .mapToLong(Long::parseLong).toArray();
    assertArrayEquals(expectedShape, dims, file + ": " + text);
    float[] values = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(values);
    assertEquals(Arrays.stream(dims).reduce(1, (a, b) -> a * b), values.length,
        file + " holds " + values.length + " values for shape " + Arrays.stream(dims).mapToObj(Long::toString)
            .collect(Collectors.joining(", ", "(", ")")));
    return values;
  }
}
