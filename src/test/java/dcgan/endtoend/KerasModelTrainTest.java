package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import dcgan.eval.FixedNoise;
import dcgan.persistence.CheckpointExport;
import dcgan.persistence.SavedGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Train --generator-model --discriminator-model} end to end: the tutorial's networks as
 * Keras JSON train byte for byte as the built-in ones, their checkpoints rebuild them, another
 * architecture trains on colour images and generates, and a bad file stops the run before it writes.
 */
class KerasModelTrainTest {

  private static final String GENERATOR = "examples/keras/tutorial_generator.json";
  private static final String DISCRIMINATOR = "examples/keras/tutorial_discriminator.json";

  @TempDir
  Path tmp;

  private static Runs.Run train(Path output, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--data", Fixtures.mnistNpz().toString(), "--limit", "64",
        "--batch-size", "32", "--epochs", "1", "--threads", "2", "--eval-every", "0", "--no-tensorboard",
        "--output-dir", output.toString()));
    args.addAll(List.of(extra));
    return Runs.train(args.toArray(String[]::new));
  }

  @Test
  void aConditionalGeneratorFileSetsTheNoiseSizeFromTheDatasClassCount() throws IOException {
    String json = Files.readString(Path.of(GENERATOR)).replaceFirst("(\"batch_shape\": \\[\\s*null,\\s*)100", "$1102");
    Path file = Files.writeString(tmp.resolve("generator-102.json"), json);
    Runs.Run run = Runs.train("--data", Fixtures.resource("image-folder").toString(), "--conditional", "--image-size", "28",
        "--channels", "1", "--generator-model", file.toString(), "--epochs", "1", "--threads", "2", "--eval-every", "0",
        "--no-tensorboard", "--no-plots", "--output-dir", tmp.resolve("folder").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("note: noise_dim=100, from the generator file's input less the data's 2 classes"), run.out());
  }

  @Test
  void theTutorialAsKerasJsonTrainsByteForByteAsTheBuiltInNetworks() throws IOException {
    Runs.Run builtIn = train(tmp.resolve("built-in"));
    Runs.Run json = train(tmp.resolve("json"), "--generator-model", GENERATOR, "--discriminator-model", DISCRIMINATOR);
    assertEquals(0, builtIn.exitCode(), builtIn.err());
    assertEquals(0, json.exitCode(), json.err());
    assertTrue(json.out().contains("generator from " + GENERATOR), json.out());
    assertEquals(summaries(builtIn.out()), summaries(json.out()));
    assertEquals(Files.readString(tmp.resolve("built-in/losses.csv")), Files.readString(tmp.resolve("json/losses.csv")));
    assertArrayEquals(Files.readAllBytes(tmp.resolve("built-in/images/image_at_epoch_0001.png")),
        Files.readAllBytes(tmp.resolve("json/images/image_at_epoch_0001.png")));

    // The checkpoint keeps the model files' text: it rebuilds and exports the same generator on its own.
    Path exported = tmp.resolve("exported");
    assertEquals(1, CheckpointExport.export(tmp.resolve("json/training_checkpoints/ckpt-1"), exported));
    float[] noise = FixedNoise.standardNormal(4, 100, 3);
    try (SavedGenerator a = SavedGenerator.load(tmp.resolve("built-in/saved_models/generator"));
        SavedGenerator b = SavedGenerator.load(exported.resolve("generator"))) {
      assertArrayEquals(a.generate(noise, 4), b.generate(noise, 4));
    }

    Runs.Run resumedWithout = Runs.train("--data", Fixtures.mnistNpz().toString(), "--limit", "64", "--batch-size", "32",
        "--epochs", "2", "--eval-every", "0", "--output-dir", tmp.resolve("json").toString(), "--resume");
    assertEquals(1, resumedWithout.exitCode());
    assertTrue(resumedWithout.err().contains("cannot resume") && resumedWithout.err().contains("networks.generator_model is the model"
        + " file examples/keras/tutorial_generator.json there, none here (--generator-model)"), resumedWithout.err());
  }

  private static String summaries(String out) {
    return out.substring(out.indexOf("Model: \"sequential\""), out.indexOf("Training on "));
  }

  @Test
  void anotherArchitectureTrainsOnColourImagesAndGenerates() throws IOException {
    Path data = Fixtures.copyOf("image-folder", tmp.resolve("images"));
    Path out = tmp.resolve("upsampling");
    Runs.Run run = Runs.train("--data", data.toString(), "--image-size", "32", "--batch-size", "2", "--epochs", "1", "--threads", "2",
        "--eval-every", "0", "--no-tensorboard", "--output-dir", out.toString(),
        "--generator-model", "examples/keras/upsampling_generator_32x32x3.json",
        "--discriminator-model", "examples/keras/small_discriminator_32x32x3.json", "--spectral-norm");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Model: \"upsampling_generator\""), run.out());
    assertTrue(run.out().contains("up_32 (UpSampling2D)"), run.out());
    assertTrue(run.out().contains("logit (Dense)"), run.out());
    Runs.Run generated = Runs.generate("--model", out.resolve("saved_models/generator").toString(), "--count", "4",
        "--out", tmp.resolve("g.png").toString());
    assertEquals(0, generated.exitCode(), generated.err());
    assertTrue(generated.out().contains("Wrote 4 images"), generated.out());
  }

  @Test
  void aBadModelFileIsOneErrorAndNothingIsWritten() throws IOException {
    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
        + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 8}}, {\"class_name\": \"Attention\", \"config\": {}}]}}");
    Runs.Run run = train(tmp.resolve("out"), "--generator-model", bad.toString());
    assertEquals(1, run.exitCode());
    assertEquals("error: " + bad + ": layer 2 of 2 (Attention): Attention is not supported; a model file may use Dense, "
        + "BatchNormalization, LeakyReLU, ReLU, Activation, Reshape, Flatten, Conv2D, Conv2DTranspose, Dropout, UpSampling2D, "
        + "MaxPooling2D, Embedding", run.err().strip());
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written");

    Path wrongOutput = Files.writeString(tmp.resolve("wrong.json"), "{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
        + "{\"class_name\": \"Dense\", \"config\": {\"units\": 784}}, {\"class_name\": \"Reshape\", \"config\": {\"target_shape\": [14, 14, 4]}}]}}");
    Runs.Run shapes = train(tmp.resolve("out2"), "--generator-model", wrongOutput.toString());
    assertEquals(1, shapes.exitCode());
    assertEquals("error: the generator's output is (None, 14, 14, 4), but training needs (None, 28, 28, 1) (the images' shape)",
        shapes.err().strip());
    assertFalse(shapes.out().contains("Time for epoch"));
    try (Stream<Path> files = Files.list(tmp.resolve("out2/images"))) {
      assertEquals(0, files.count(), "no grid, plot or checkpoint");
    }
    assertFalse(Files.exists(tmp.resolve("out2/training_checkpoints")));
  }
}
