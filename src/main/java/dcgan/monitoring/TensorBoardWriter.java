package dcgan.monitoring;

import dcgan.training.TrainStep;
import dcgan.training.TrainingListener;
import dcgan.training.TrainingResult;
import dcgan.training.TrainingState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.op.summary.WriteImageSummary;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * TensorBoard event files in {@code --logdir}, written by TensorFlow's own summary ops: the scalars
 * {@code gen_loss}, {@code disc_loss}, {@code D(x)} and {@code D(G(z))} at every step, written
 * inside the train step's own session call, the epoch grid as an image, and at evaluated epochs the
 * sample-quality scores as {@code quality/frechet_distance}, {@code quality/classifier_score}, ...
 * View with {@code tensorboard --logdir logs}.
 */
public final class TensorBoardWriter implements TrainingListener {

  /** Tag of the epoch grid. */
  public static final String IMAGE_TAG = "generated_images";
  /** Prefix of the sample-quality scalars' tags. */
  public static final String QUALITY_PREFIX = "quality/";
  private static final List<String> SCALARS = List.of("gen_loss", "disc_loss", "D(x)", "D(G(z))");

  private final Path logdir;
  private TrainingState state;
  private SummaryWriter writer;
  private Placeholder<TUint8> image;
  private Placeholder<TInt64> imageStep;
  private Op writeImage;
  private Placeholder<TString> scalarTag;
  private Placeholder<TFloat32> scalarValue;
  private Op writeScalar;
  private Op flush;
  private Op close;

  /** @param logdir where the event files go */
  public TensorBoardWriter(Path logdir) {
    this.logdir = logdir;
  }

  @Override
  public void onTrainBegin(TrainBegin event) {
    state = event.state();
    try {
      Files.createDirectories(logdir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logdir, e);
    }
    TrainStep step = event.step();
    Ops tf = Ops.create(step.graph()).withSubScope("tensorboard");
    writer = tf.withName("writer").summary.summaryWriter();
    Op create = tf.summary.createSummaryFileWriter(writer, tf.constant(logdir.toAbsolutePath().toString()),
        tf.constant(100), tf.constant(30_000), tf.constant(".v2"));
    Operand<TInt64> stepNumber = tf.math.add(step.step(), tf.constant(1L)); // steps done after this one
    for (int i = 0; i < SCALARS.size(); i++) {
      Operand<TFloat32> value = tf.gather(step.metrics(), tf.constant(i), tf.constant(0));
      step.addExtraTarget(tf.summary.writeScalarSummary(writer, stepNumber, tf.constant(SCALARS.get(i)), value));
    }
    image = tf.withName("image").placeholder(TUint8.class);
    imageStep = tf.withName("image_step").placeholder(TInt64.class);
    writeImage = tf.summary.writeImageSummary(writer, imageStep, tf.constant(IMAGE_TAG), image,
        tf.constant(Shape.of(4), DataBuffers.of(new byte[] {(byte) 255, 0, 0, (byte) 255}, true, false)),
        WriteImageSummary.maxImages(1L));
    scalarTag = tf.withName("scalar_tag").placeholder(TString.class);
    scalarValue = tf.withName("scalar_value").placeholder(TFloat32.class);
    writeScalar = tf.summary.writeScalarSummary(writer, imageStep, scalarTag, scalarValue);
    flush = tf.summary.flushSummaryWriter(writer);
    close = tf.summary.closeSummaryWriter(writer);
    state.session().run(create);
  }

  @Override
  public void onEpochEnd(EpochEnd event) {
    BufferedImage grid = ImageGrid.render(event.samples().pixels(), event.samples().count(), event.samples().side(),
        event.samples().channels());
    try (TUint8 pixels = TUint8.tensorOf(Shape.of(1, grid.getHeight(), grid.getWidth(), 3), DataBuffers.of(rgb(grid), true, false));
        TInt64 at = TInt64.scalarOf(event.state().globalStep())) {
      event.state().session().runner().feed(image, pixels).feed(imageStep, at).addTarget(writeImage).run();
      // Every score but the class shares, which stay in metrics.csv.
      event.quality().ifPresent(scores -> scores.values().forEach((name, value) -> {
        if (!name.startsWith("class_")) {
          writeScalar(event, at, QUALITY_PREFIX + name, value);
        }
      }));
      event.state().session().run(flush);
    }
  }

  private void writeScalar(EpochEnd event, TInt64 at, String tag, double value) {
    try (TString t = TString.scalarOf(tag); TFloat32 v = TFloat32.scalarOf((float) value)) {
      event.state().session().runner().feed(imageStep, at).feed(scalarTag, t).feed(scalarValue, v).addTarget(writeScalar).run();
    }
  }

  @Override
  public void onTrainEnd(TrainingResult result) {
    if (state != null) {
      state.session().run(close);
    }
  }

  private static byte[] rgb(BufferedImage image) {
    byte[] out = new byte[image.getWidth() * image.getHeight() * 3];
    int i = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int argb = image.getRGB(x, y);
        out[i++] = (byte) (argb >> 16);
        out[i++] = (byte) (argb >> 8);
        out[i++] = (byte) argb;
      }
    }
    return out;
  }
}
