package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Your own images end to end: {@code Train} on the committed image folder at 32 and 64 pixels in
 * colour, and on CIFAR-10-format records (conditional too), then {@code Generate} on their
 * SavedModels; the cache, and the errors.
 */
class ImagesTrainTest {

  @TempDir
  Path tmp;

  /** {@code Train} into {@code output}: one epoch, batch 2, no evaluation, unless {@code extra} says otherwise. */
  private static Runs.Run train(Path output, String... extra) {
    List<String> given = List.of(extra);
    List<String> args = new java.util.ArrayList<>(List.of("--threads", "2", "--no-tensorboard", "--output-dir", output.toString()));
    for (String[] d : new String[][] {{"--epochs", "1"}, {"--batch-size", "2"}, {"--eval-every", "0"}}) {
      if (!given.contains(d[0])) {
        args.addAll(List.of(d));
      }
    }
    args.addAll(given);
    return Runs.train(args.toArray(String[]::new));
  }

  private Path folder() {
    return Fixtures.copyOf("image-folder", tmp.resolve("images"));
  }

  @Test
  void anImageFolderTrainsInColourAt32And64PixelsAndGenerates() throws IOException {
    Path data = folder();
    for (int size : new int[] {32, 64}) {
      Path out = tmp.resolve("run" + size);
      Runs.Run run = train(out, "--data", data.toString(), "--image-size", String.valueOf(size));
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().contains("Data: 6 images of " + size + "x" + size + "x3 from "), run.out());
      assertTrue(run.out().contains("Classes: circles, squares"), run.out());
      assertTrue(run.out().contains("warning: skipped 1 file(s) that do not decode: squares/truncated.png")
          || run.out().contains("warning: skipped 1 file(s) that do not decode: squares\\truncated.png"), run.out());
      assertTrue(run.out().contains("image_size=" + size + " channels=auto"), "the config line: " + run.out());
      assertEquals(List.of(-1L, (long) size, (long) size, 3L), outputDims(out.resolve("saved_models/generator")));
      BufferedImage grid = ImageIO.read(out.resolve("images/image_at_epoch_0001.png").toFile());
      assertTrue(hasColour(grid), "a colour grid");
      Path png = tmp.resolve("generated" + size + ".png");
      Runs.Run generated = Runs.generate("--model", out.resolve("saved_models/generator").toString(), "--count", "4", "--out",
          png.toString());
      assertEquals(0, generated.exitCode(), generated.err());
      assertTrue(generated.out().contains("Wrote 4 images"), generated.out());
    }
    Runs.Run again = train(tmp.resolve("again"), "--data", data.toString(), "--image-size", "32");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("Decoding images: 100% (7 of 7 files)"), "another output folder, another cache: " + again.out());
    Runs.Run cached = train(tmp.resolve("run32"), "--data", data.toString(), "--image-size", "32", "--epochs", "2", "--resume");
    assertEquals(0, cached.exitCode(), cached.err());
    assertTrue(cached.out().contains("read from the cache"), cached.out());
  }

  @Test
  void theDcganArchitectureTrainsOnTheFolderAndItsCheckpointsRememberIt() throws IOException {
    Path data = folder();
    Path out = tmp.resolve("dcgan");
    Runs.Run run = train(out, "--data", data.toString(), "--image-size", "32", "--architecture", "dcgan", "--checkpoint-every", "1");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Total params: 3,481,088"), "the DCGAN generator's summary: " + run.out());
    assertEquals(List.of(-1L, 32L, 32L, 3L), outputDims(out.resolve("saved_models/generator")));
    Runs.Run generated = Runs.generate("--model", out.resolve("saved_models/generator").toString(), "--count", "4", "--out",
        tmp.resolve("dcgan.png").toString());
    assertEquals(0, generated.exitCode(), generated.err());
    assertFails(train(out, "--data", data.toString(), "--image-size", "32", "--epochs", "2", "--resume"),
        "networks.architecture is dcgan there, tutorial here (--architecture)");
    assertFails(train(tmp.resolve("mnist-dcgan"), "--data", Fixtures.mnistNpz().toString(), "--architecture", "dcgan"),
        "not 28x28");
  }

  @Test
  void cifar10RecordsTrainAConditionalGan() throws IOException {
    Path out = tmp.resolve("cifar");
    Runs.Run run = train(out, "--dataset", "cifar10", "--data", Fixtures.resource("cifar10").toString(), "--conditional",
        "--batch-size", "5");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Data: 15 images of 32x32x3 from "), run.out());
    assertEquals(List.of(-1L, 32L, 32L, 3L), outputDims(out.resolve("saved_models/generator")));
    Runs.Run ships = Runs.generate("--model", out.resolve("saved_models/generator").toString(), "--digit", "8", "--count", "4",
        "--out", tmp.resolve("ships.png").toString());
    assertEquals(0, ships.exitCode(), ships.err());
  }

  @Test
  void aConditionalGanDrawsTheFoldersClasses() throws IOException {
    Path data = folder();
    Path out = tmp.resolve("conditional");
    Runs.Run run = train(out, "--data", data.toString(), "--image-size", "32", "--conditional", "--checkpoint-every", "1");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Classes: circles, squares"), run.out());
    assertTrue(run.out().contains("Total params: 2,766,272"), "the generator's Dense sees 100 + 2 inputs: " + run.out());
    BufferedImage grid = ImageIO.read(out.resolve("images/image_at_epoch_0001.png").toFile());
    assertEquals(288, grid.getWidth(), "a 2 x 2 grid: a row per class");
    Runs.Run squares = Runs.generate("--model", out.resolve("saved_models/generator").toString(), "--digit", "1", "--count", "4",
        "--out", tmp.resolve("squares.png").toString());
    assertEquals(0, squares.exitCode(), squares.err());
    assertFails(Runs.generate("--model", out.resolve("saved_models/generator").toString(), "--digit", "2", "--out",
        tmp.resolve("none.png").toString()), "--digit must name classes 0 to 1");
    assertFails(train(out, "--data", data.toString(), "--image-size", "32", "--epochs", "2", "--resume"), "conditional GAN's checkpoint");
    Path exported = tmp.resolve("exported");
    dcgan.persistence.CheckpointExport.export(out.resolve("training_checkpoints/ckpt-1"), exported);
    try (dcgan.persistence.SavedGenerator generator = dcgan.persistence.SavedGenerator.load(exported.resolve("generator"))) {
      assertEquals(2, generator.classes(), "the checkpoint remembers its two classes");
    }

    Path flat = Files.createDirectories(tmp.resolve("flat"));
    try (var files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, flat.resolve(f.getParent().getFileName() + "-" + f.getFileName()));
      }
    }
    assertFails(train(tmp.resolve("c"), "--data", flat.toString(), "--conditional"),
        "--conditional needs 2 to 256 classes (subfolders); " + flat + " has 0 (its images are not in class subfolders)");
  }

  @Test
  void whatCannotWorkIsRefusedClearly() throws IOException {
    Path data = folder();
    assertFails(train(tmp.resolve("a"), "--data", data.toString(), "--image-size", "30"), "must be a multiple of 4");
    assertFails(train(tmp.resolve("b"), "--data", Fixtures.mnistNpz().toString(), "--image-size", "32"),
        "--image-size and --channels apply to a --data folder of image files");
    assertFails(train(tmp.resolve("d"), "--data", data.toString(), "--eval-every", "1"),
        "a reference classifier is trained on a labelled training and test split ((Fashion-)MNIST, CIFAR-10); an image folder has none");
    Runs.Run noted = train(tmp.resolve("e"), "--data", data.toString(), "--image-size", "32");
    assertEquals(0, noted.exitCode());
    Runs.Run other = train(tmp.resolve("e"), "--data", data.toString(), "--image-size", "64", "--epochs", "2", "--resume");
    assertFails(other, "networks.image is 32x32x3 there, 64x64x3 here (--image-size)");
    Path empty = tmp.resolve("empty");
    Files.createDirectories(empty);
    assertFails(train(tmp.resolve("f"), "--data", empty.toString()), "holds no image files");
  }

  private static void assertFails(Runs.Run run, String message) {
    assertEquals(1, run.exitCode() == 2 ? 1 : run.exitCode(), run.out());
    assertTrue(run.err().contains(message), run.err());
  }

  private static List<Long> outputDims(Path model) throws IOException {
    SavedModel saved = SavedModel.parseFrom(Files.readAllBytes(model.resolve("saved_model.pb")));
    TensorShapeProto shape = saved.getMetaGraphs(0).getSignatureDefOrThrow("serving_default").getOutputsMap().values().iterator().next()
        .getTensorShape();
    return shape.getDimList().stream().map(TensorShapeProto.Dim::getSize).toList();
  }

  private static boolean hasColour(BufferedImage image) {
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y);
        if (((rgb >> 16) & 0xFF) != (rgb & 0xFF) || ((rgb >> 8) & 0xFF) != (rgb & 0xFF)) {
          return true;
        }
      }
    }
    return false;
  }
}
