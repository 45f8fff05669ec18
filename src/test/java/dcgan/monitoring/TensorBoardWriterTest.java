package dcgan.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.Fixtures;
import dcgan.data.Images;
import dcgan.training.TrainConfig;
import dcgan.training.Trainer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** The event file, read back as TFRecords (both CRCs checked) of {@code org.tensorflow.proto.Event}. */
class TensorBoardWriterTest {

  @TempDir
  Path tmp;

  @Test
  void eventFileHoldsEveryStepsLossesAndEachEpochsGrid() throws IOException {
    Images images = Fixtures.images(48);
    TrainConfig config = dcgan.training.TrainStepFixture.config(2, 16, 48, 16, 1, 2); // 3 steps per epoch
    new Trainer(config, List.of(new TensorBoardWriter(tmp.resolve("logs")))).train(images);

    List<Path> files;
    try (var found = Files.list(tmp.resolve("logs"))) {
      files = found.toList();
    }
    assertEquals(1, files.size());
    assertTrue(files.get(0).getFileName().toString().startsWith("events.out.tfevents."), files.toString());

    TreeMap<Long, Float> genLoss = new TreeMap<>();
    TreeMap<Long, Float> discLoss = new TreeMap<>();
    List<Long> imageSteps = new ArrayList<>();
    for (byte[] record : records(files.get(0))) {
      Event event = Event.parseFrom(record);
      for (Summary.Value value : event.getSummary().getValueList()) {
        switch (value.getTag()) {
          case "gen_loss" -> genLoss.put(event.getStep(), value.getSimpleValue());
          case "disc_loss" -> discLoss.put(event.getStep(), value.getSimpleValue());
          default -> {
            if (value.getTag().startsWith(TensorBoardWriter.IMAGE_TAG)) {
              BufferedImage grid = ImageIO.read(new ByteArrayInputStream(value.getImage().getEncodedImageString().toByteArray()));
              assertEquals(288, grid.getWidth());
              assertEquals(288, value.getImage().getHeight());
              imageSteps.add(event.getStep());
            }
          }
        }
      }
    }
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), List.copyOf(genLoss.keySet()), "a gen_loss per step");
    assertEquals(genLoss.keySet(), discLoss.keySet());
    genLoss.values().forEach(v -> assertTrue(v > 0 && v < 5, "a plausible loss: " + v));
    assertEquals(List.of(3L, 6L), imageSteps, "a grid per epoch, at the epoch's last step");
  }

  /** TFRecord: uint64 length, uint32 masked CRC-32C of the length, data, uint32 masked CRC-32C of the data. */
  static List<byte[]> records(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> records = new ArrayList<>();
    while (in.hasRemaining()) {
      byte[] header = new byte[8];
      in.get(header);
      long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
      assertEquals(maskedCrc(header), in.getInt(), "length CRC");
      byte[] data = new byte[(int) length];
      in.get(data);
      assertEquals(maskedCrc(data), in.getInt(), "data CRC");
      records.add(data);
    }
    return records;
  }

  private static int maskedCrc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xa282ead8;
  }
}
