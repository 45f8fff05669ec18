package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.ModelFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, as a careless user gives it, gets one clear message and the right exit code: a bad
 * command line one line and where the options are, exit 2; a problem with a file or a model one
 * {@code error:} line, exit 1; and nothing written. Each row is a row of {@code docs/bad-input.md}.
 */
class BadInputTest {

  @TempDir
  static Path tmp;

  static Path generator;

  /** Weights saved alone by Keras 2.2.4 (a committed fixture). */
  static final Path WEIGHTS_ONLY = Path.of("src/test/resources/keras-fixtures/keras-gan-mnist-generator/mnist_generator.h5")
      .toAbsolutePath();

  @BeforeAll
  static void files() throws IOException {
    generator = ModelFixtures.untrainedGenerator(tmp.resolve("saved_models"));
    Files.writeString(tmp.resolve("not-a-zip.keras"), "hello");
    Files.writeString(tmp.resolve("a-file"), "not a folder");
    Files.createDirectories(tmp.resolve("empty-folder"));
    Files.copy(dcgan.Fixtures.mnistNpz(), Files.createDirectories(tmp.resolve("npz-folder")).resolve("mnist.npz"));
    Path models = generator.getParent();
    byte[] h5 = Files.readAllBytes(models.resolve("generator.h5"));
    Files.write(tmp.resolve("truncated.h5"), java.util.Arrays.copyOf(h5, h5.length / 3));
    Files.writeString(tmp.resolve("text.h5"), "weights, I promise");
    Files.writeString(tmp.resolve("shared.json"), functional("""
        {"class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 100},
         "inbound_nodes": [[["noise", 0, 0, {}]], [["noise", 0, 0, {}]]]}""", "dense"));
    Files.writeString(tmp.resolve("lstm.json"), functional("""
        {"class_name": "LSTM", "name": "lstm", "config": {"name": "lstm", "units": 8}, "inbound_nodes": [[["noise", 0, 0, {}]]]}""",
        "lstm"));
    Files.writeString(tmp.resolve("functional.json"), functional("""
        {"class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 784}, "inbound_nodes": [[["noise", 0, 0, {}]]]}""",
        "dense"));
    Files.writeString(tmp.resolve("wide-noise.npy"), "");
    Files.write(tmp.resolve("wide-noise.npy"), dcgan.data.Npy.writeFloats(new float[16 * 7], 16, 7));
    Files.writeString(tmp.resolve("recall.csv"), "epoch,step,frechet_distance,classifier_score,precision,recall,classes_drawn\n"
        + "1,235,602.7,1.07,1,0,4\n2,470,400.1,2.0,0.9,0.1,8\n");
  }

  /** A Keras 2 Functional model of one input, {@code noise} (100), the layer {@code layer}, whose output is {@code output}'s. */
  private static String functional(String layer, String output) {
    return """
        {"class_name": "Functional", "config": {"name": "model", "layers": [
          {"class_name": "InputLayer", "name": "noise", "config": {"batch_input_shape": [null, 100], "name": "noise"}, "inbound_nodes": []},
          %s],
         "input_layers": [["noise", 0, 0]], "output_layers": [["%s", 0, 0]]}}""".formatted(layer, output);
  }

  static Stream<Arguments> cases() {
    Function<String, String> at = name -> tmp.resolve(name).toString();
    return Stream.of(
        row("Train", 2, "Invalid value for option '--epochs': 'x' is not an int", "--epochs", "x"),
        row("Train", 2, "Unknown option: '--frobnicate'", "--frobnicate"),
        row("Train", 2, "number of examples must be a square", "--num-examples", "15"),
        row("Train", 2, "unknown preset 'biggan'", "--preset", "biggan"),
        row("Train", 2, "--resume continues this project's run in --output-dir, --resume-from the Python tutorial's", "--resume",
            "--resume-from", at.apply("python")),
        row("Train", 2, "--init-from takes the generator's Keras file, and optionally the discriminator's, not 3 files",
            "--init-from", "a.keras", "--init-from", "b.keras", "--init-from", "c.keras"),
        row("Train", 1, "no-such-run does not exist: pass the Python run's training_checkpoints/ folder to --resume-from", "--dry-run",
            "--resume-from",
            at.apply("no-such-run"), "--output-dir", at.apply("out-resume-from")),
        row("Train", 1, "not-a-zip.keras", "--dry-run", "--init-from", at.apply("not-a-zip.keras"), "--output-dir",
            at.apply("out-init-from")),
        row("Train", 1, "has 2 test images; the Fréchet distance over the reference classifier's 128 features needs more",
            "--dataset", "cifar10", "--data", dcgan.Fixtures.resource("cifar10/cifar-10-batches-bin").toString(), "--eval-every", "1",
            "--output-dir", at.apply("out-cifar")),
        row("Train", 1, "TensorFlow ran out of memory (OOM when allocating tensor", "--dry-run", "--num-examples", "4000000",
            "--no-plots", "--output-dir", at.apply("out-oom")),
        row("Curves", 1, "early's recall has the value 0.0, which a logarithmic axis cannot show; draw it with --linear", "--run",
            "early=" + at.apply("recall.csv"), "--metric", "recall", "--out", at.apply("recall.png")),
        row("Train", 1, "a-file is a file, not a folder, so ", "--dry-run", "--output-dir", at.apply("a-file/out")),
        row("Train", 1, "empty-folder holds no image files (bmp, gif, jpeg, jpg, png); it is empty: pass a folder of images",
            "--data", at.apply("empty-folder"), "--output-dir", at.apply("out-empty")),
        row("Train", 1, "npz-folder holds no image files (bmp, gif, jpeg, jpg, png); it holds mnist.npz: pass that file itself",
            "--data", at.apply("npz-folder"), "--output-dir", at.apply("out-npz")),
        row("Train", 1, "holds no image files (bmp, gif, jpeg, jpg, png); it holds CIFAR-10's binary batches: add --dataset cifar10",
            "--data", dcgan.Fixtures.resource("cifar10/cifar-10-batches-bin").toString(), "--output-dir", at.apply("out-cifar-folder")),
        row("Train", 2, "epochs must be at least 1, got 0", "--epochs", "0"),
        row("Train", 2, "learning rate must be positive, got -1.0", "--learning-rate", "-1"),
        row("Train", 2, "threads must be at least 1, got 0", "--threads", "0"),
        row("Train", 2, "--eval-samples must be positive, got 0", "--eval-samples", "0"),
        row("Train", 2, "--checkpoint-every and --keep must be at least 1", "--checkpoint-every", "0"),
        row("Train", 2, "unknown architecture 'biggan'; choose one of tutorial, dcgan", "--architecture", "biggan"),
        row("Train", 2, "unknown loss 'wgan'; choose one of tutorial, minimax, least_squares, hinge, wasserstein", "--loss", "wgan"),
        row("Train", 2, "unknown precision 'float16': use float32 or mixed_bfloat16", "--precision", "float16"),
        row("Train", 2, "--limit must be 0 (all) or positive, got -5", "--limit", "-5"),
        row("Train", 2, "the averaged generator's decay must be in (0, 1), such as 0.999, got 1.0", "--ema", "1"),
        row("Train", 2, "unknown augmentation 'flip'; choose none, or any of color, translation, cutout joined by commas",
            "--augment", "translation,flip"),
        row("Train", 2, "--image-size must be a multiple of 4 (28, 32, 64, ...), got 30", "--data",
            dcgan.Fixtures.resource("image-folder").toString(), "--image-size", "30"),
        row("Train", 2, "--image-size and --channels apply to a --data folder of image files", "--image-size", "32"),
        row("Train", 1, "missing.json: no such model file; pass the JSON that model.to_json() writes, or a .keras file",
            "--generator-model", at.apply("missing.json")),
        row("Gif", 1, "is not a folder; pass --images the folder of image_at_epoch_*.png", "--images", at.apply("no-images")),
        row("Curves", 1, "cannot read", "--run", "a=" + at.apply("missing.csv"), "--out", at.apply("curves.png")),
        row("Compare", 1, "ckpt-1.index does not exist: pass --checkpoint a checkpoint's prefix", "--checkpoint",
            at.apply("no-run/ckpt-1"), "--out", at.apply("compare-missing.png")),
        row("Evaluate", 1, "missing.npy does not exist: pass --samples a .npy of images", "--samples", at.apply("missing.npy")),
        row("Benchmark", 2, "--steps must be at least 1, got 0", "--steps", "0"),
        row("Benchmark", 2, "unknown dataset 'cifar'", "--dataset", "cifar"),
        row("Evaluate", 2, "unknown dataset 'cifar'", "--dataset", "cifar", "--samples", at.apply("nothing.npy")),
        row("Generate", 2, "--digits takes digits, e.g. 0123456789, or classes (below 256) separated by commas", "--model", "GENERATOR",
            "--digits", "0,99999999999", "--out", at.apply("digits.png")),
        row("Generate", 2, "pass --digit or --digits, not both", "--model", "GENERATOR", "--digit", "3", "--digits", "12",
            "--out", at.apply("both.png")),
        row("Curves", 2, "--run a.csv: write LABEL=FILE or LABEL=FILE@SECONDS_PER_EPOCH", "--run", "a.csv"),
        row("Compare", 2, "nothing to compare", "--out", at.apply("compare.png")),
        row("Benchmark", 2, "--matmul-size must be at least 1, got 0", "--matmul-size", "0"),
        row("Benchmark", 2, "--warmup, --rss-steps and --profile must not be negative", "--warmup", "-1"),
        row("Generate", 2, "--count 2147483647 is more than one Generate draws (100000)", "--model", "anything", "--count",
            "2147483647", "--out", at.apply("count.png")),
        row("Generate", 1, "does not exist", "--model", at.apply("missing"), "--out", at.apply("missing.png")),
        row("Generate", 1, "not-a-zip.keras", "--model", at.apply("not-a-zip.keras"), "--out", at.apply("zip.png")),
        row("Generate", 1, "is an unconditional generator: it draws no labels, so there are none to --save-labels", "--model",
            "GENERATOR", "--save-labels", at.apply("labels.npy"), "--out", at.apply("labels.png")),
        // Keras files
        row("Generate", 1, "truncated.h5 does not read as HDF5", "--model", at.apply("truncated.h5"), "--out", at.apply("keras.png")),
        row("Generate", 1, "text.h5 is neither a .keras file (a zip) nor an HDF5 file (.h5)", "--model", at.apply("text.h5"), "--out",
            at.apply("keras.png")),
        row("Generate", 1, "holds weights only (model.save_weights); pass the model's architecture too: --generator-model", "--model",
            WEIGHTS_ONLY.toString(), "--out", at.apply("keras.png")),
        row("Generate", 1, "missing.json: no such model file", "--model", WEIGHTS_ONLY.toString(), "--generator-model",
            at.apply("missing.json"), "--out", at.apply("keras.png")),
        row("Generate", 1, "is a SavedModel, which holds its architecture; --generator-model is for Keras weights saved alone",
            "--model", "GENERATOR", "--generator-model", at.apply("functional.json"), "--out", at.apply("keras.png")),
        row("Generate", 1, "declares the input [28, 28, 1]; a generator takes one noise vector per image", "--model",
            "MODELS/discriminator.keras", "--out", at.apply("keras.png")),
        row("Generate", 1, "layer 2 (dense) is called 2 times; layers shared between calls are not supported", "--model",
            WEIGHTS_ONLY.toString(), "--generator-model", at.apply("shared.json"), "--out", at.apply("keras.png")),
        row("Generate", 1, "LSTM is not supported; a model file may use Dense,", "--model", WEIGHTS_ONLY.toString(),
            "--generator-model", at.apply("lstm.json"), "--out", at.apply("keras.png")),
        row("Generate", 1, "draws (None, 784); a generator draws square grey or RGB images", "--model", WEIGHTS_ONLY.toString(),
            "--generator-model", at.apply("functional.json"), "--out", at.apply("keras.png")),
        row("Generate", 1, "holds weights for 1 layers (sequential_2), but the model has 7 layers with weights", "--model",
            WEIGHTS_ONLY.toString(), "--generator-model", "MODELS/generator.keras", "--out", at.apply("keras.png")),
        row("Train", 1, "text.h5 is neither a .keras file (a zip) nor an HDF5 file (.h5)", "--dry-run", "--init-from",
            at.apply("text.h5"), "--output-dir", at.apply("out-init-from")),
        row("Train", 1, "holds weights only (model.save_weights), no architecture", "--generator-model", WEIGHTS_ONLY.toString(),
            "--output-dir", at.apply("out-init-from")),
        row("Train", 1, "is a Functional model; training takes Sequential models only", "--generator-model", at.apply("functional.json"),
            "--output-dir", at.apply("out-init-from")),
        row("Generate", 1, "wide-noise.npy", "--model", "GENERATOR", "--noise", at.apply("wide-noise.npy"), "--out",
            at.apply("keras.png")),
        // The studio
        row("Studio", 1, "no-runs is not a folder: pass --runs the folder that holds your runs", "--runs", at.apply("no-runs")),
        row("Studio", 2, "--port must be from 0 to 65535, or -1 for the first free one from 6150", "--port", "70000"),
        row("Studio", 2, "--load-test must not be negative and --clients must be at least 1", "--clients", "0"),
        row("Studio", 1, "no generator below the runs' folder to load-test: train one first, or pass --model", "--runs",
            at.apply("empty-folder"), "--port", "0", "--load-test", "1"),
        row("Train", 2, "Invalid value for option '--studio-port': 'x' is not an int", "--studio", "--studio-port", "x"),
        row("Generate", 2, "--truncation must be at least 0.05 (e.g. 0.7), or 0 for none, not -1.0", "--model", "GENERATOR",
            "--truncation", "-1", "--out", at.apply("keras.png")),
        row("Evaluate", 2, "--truncation must be at least 0.05 (e.g. 0.7), or 0 for none, not 0.001", "--model", "GENERATOR",
            "--truncation", "0.001"),
        row("Evaluate", 2, "--cas scores a conditional generator: pass it with --model", "--samples", at.apply("missing.npy"), "--cas"),
        row("Evaluate", 2, "--truncation draws from a model's noise; it does not apply to --samples files", "--samples",
            at.apply("missing.npy"), "--truncation", "0.5"),
        row("Generate", 2, "--truncation draws new noise; it does not apply to the vectors of --noise", "--model", "GENERATOR",
            "--noise", at.apply("wide-noise.npy"), "--truncation", "0.5", "--out", at.apply("keras.png")),
        row("Evaluate", 1, "is an unconditional generator: --cas trains on labelled samples, so it needs a conditional one", "--model",
            "GENERATOR", "--cas"));
  }

  @org.junit.jupiter.api.Test
  void theDefaultEvaluationStepsAsideForDataItCannotScoreBeforeAnyWork() {
    Runs.Run run = Runs.train("--dataset", "cifar10", "--data", dcgan.Fixtures.resource("cifar10/cifar-10-batches-bin").toString(),
        "--epochs", "1", "--batch-size", "4", "--threads", "2", "--no-tensorboard", "--output-dir", tmp.resolve("cifar-defaults").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("note: no evaluation during training (") && run.out().contains("has 2 test images"), run.out());
    assertFalse(run.out().contains("classifier epoch"), "no reference classifier trained for nothing: " + run.out());
  }

  private static Arguments row(String command, int exitCode, String message, String... args) {
    return Arguments.of(command, exitCode, message, args);
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("cases")
  void oneClearMessageTheRightCodeAndNothingWritten(String command, int exitCode, String message, String[] args) throws IOException {
    String[] resolved = Stream.of(args).map(a -> a.equals("GENERATOR") ? generator.toString()
        : a.startsWith("MODELS/") ? generator.resolveSibling(a.substring("MODELS/".length())).toString() : a).toArray(String[]::new);
    Runs.Run run = switch (command) {
      case "Train" -> Runs.train(resolved);
      case "Generate" -> Runs.generate(resolved);
      case "Benchmark" -> Runs.benchmark(resolved);
      case "Curves" -> Runs.curves(resolved);
      case "Evaluate" -> Runs.evaluate(resolved);
      case "Compare" -> Runs.compare(resolved);
      case "Gif" -> Runs.gif(resolved);
      case "Studio" -> Runs.studio(resolved);
      default -> throw new IllegalArgumentException(command);
    };
    assertEquals(exitCode, run.exitCode(), run.err());
    String err = run.err().strip();
    assertTrue(err.startsWith("error: ") && err.contains(message), err);
    assertEquals(exitCode == 2 ? 2 : 1, err.lines().count(), "the message, and for a usage error where the options are: " + err);
    assertFalse(err.contains("\tat "), "no stack trace");
    for (String folder : new String[] {"out-resume-from", "out-init-from", "out-empty", "out-npz", "out-cifar-folder"}) {
      assertFalse(Files.exists(tmp.resolve(folder).resolve("training_checkpoints")), folder + ": no run started");
    }
    for (String folder : new String[] {"out-resume-from", "out-init-from"}) {
      assertFalse(Files.exists(tmp.resolve(folder)), folder + ": the start files are checked before anything is made");
    }
    for (String written : new String[] {"keras.png", "count.png", "missing.png", "zip.png", "labels.png", "labels.npy", "recall.png", "digits.png", "both.png",
        "compare.png", "curves.png", "compare-missing.png"}) {
      assertFalse(Files.exists(tmp.resolve(written)), written);
    }
  }
}
