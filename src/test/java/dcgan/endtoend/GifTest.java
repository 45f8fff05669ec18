package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.monitoring.ImageGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code Gif} entry point on an existing images/ folder. */
class GifTest {

  @TempDir
  Path tmp;

  @Test
  void animatesAnImagesFolder() throws Exception {
    Path images = Files.createDirectories(tmp.resolve("images"));
    for (int epoch = 1; epoch <= 2; epoch++) {
      ImageGrid.save(images.resolve(ImageGrid.fileName(epoch)), new float[16 * 784], 16, 28);
    }
    Runs.Run run = Runs.gif("--images", images.toString(), "--out", tmp.resolve("dcgan.gif").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("3 frames"), run.out());
    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(tmp.resolve("dcgan.gif").toFile())) {
      reader.setInput(in);
      assertEquals(3, reader.getNumImages(true));
    }
  }

  @Test
  void missingFolderIsOneError() {
    Runs.Run run = Runs.gif("--images", tmp.resolve("nope").toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("error: ") && run.err().contains("nope"), run.err());
  }
}
