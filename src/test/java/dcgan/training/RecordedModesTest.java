package dcgan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dcgan.Fixtures;
import dcgan.data.ImageShape;
import dcgan.data.Images;
import dcgan.losses.GanLoss;
import dcgan.model.Architecture;
import dcgan.model.GanSpec;
import dcgan.model.Labels;
import dcgan.model.keras.KerasModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of network trains what it trained before the networks were described by one {@link
 * GanSpec} and built by one {@link dcgan.model.GanModel}: the same variables (names and shapes, as
 * a CRC-32 of their sorted list), and for the same seed the same losses in each of 4 steps and the
 * same grid, conditional and not, for each architecture, model files and the GAN options. The
 * values were recorded from the code at commit 8a7923e (before the redesign), where this session
 * also found them bitwise equal after it; the tolerances only allow for other CPUs' rounding.
 */
class RecordedModesTest {

  private record Recorded(int variables, String variablesCrc, double[][] steps, int gridPixels, double gridSum) {}

  static Stream<Arguments> modes() {
    return Stream.of(
        Arguments.of("tutorial", (Supplier<TrainConfig>) () -> base(false), (Supplier<Images>) () -> Fixtures.images(64),
            new Recorded(65, "db1697cd", new double[][] {{0.7129741, 1.438158, 0.4666157, 0.4903693},
                {0.7074281, 1.398435, 0.4882283, 0.4931791}, {0.6904674, 1.355892, 0.5175517, 0.5015169},
                {0.6777191, 1.341532, 0.5316449, 0.5078375}}, 3136, 4.492250133)),
        Arguments.of("conditional", (Supplier<TrainConfig>) () -> base(true), (Supplier<Images>) () -> Fixtures.labeledImages(64),
            new Recorded(66, "29709948", new double[][] {{0.7169825, 1.406514, 0.4810074, 0.4891071},
                {0.7287493, 1.300142, 0.5294452, 0.4831281}, {0.7083058, 1.273803, 0.5544522, 0.4934427},
                {0.6814967, 1.306341, 0.5520089, 0.5068154}}, 78400, -122.587305659)),
        Arguments.of("hinge, spectral norm, gradient penalty, 2 critic steps",
            (Supplier<TrainConfig>) () -> with(base(false), new Objective(GanLoss.HINGE, 10f, 2), true),
            (Supplier<Images>) () -> Fixtures.images(64),
            new Recorded(68, "6d181a1f", new double[][] {{-0.01503973, 6.644086, 0.01102782, 0.01503973},
                {-0.007107003, 6.869214, 0.1297879, 0.007107003}, {-0.03212292, 6.842963, 0.2896534, 0.03212292},
                {-0.0495295, 6.882566, 0.3401302, 0.0495295}}, 3136, -1.630203626)),
        Arguments.of("conditional least squares, spectral norm, gradient penalty",
            (Supplier<TrainConfig>) () -> with(base(true), new Objective(GanLoss.LEAST_SQUARES, 10f, 1), true),
            (Supplier<Images>) () -> Fixtures.labeledImages(64),
            new Recorded(69, "35d86dfb", new double[][] {{0.5437201, 7.339669, -0.04000466, -0.02359536},
                {0.3630112, 7.62991, 0.05625449, 0.1591894}, {0.2944372, 7.731541, 0.150477, 0.2408912},
                {0.3147225, 7.653425, 0.3476239, 0.2212076}}, 78400, -51.704150014)),
        Arguments.of("dcgan architecture, 16 x 16", (Supplier<TrainConfig>) () -> base(false).withNetworks(
                GanSpec.tutorial().withImage(new ImageShape(16, 16, 1)).withArchitecture(Architecture.DCGAN)),
            (Supplier<Images>) () -> synthetic(16, 1),
            new Recorded(53, "77d0f41", new double[][] {{0.6824192, 1.372684, 0.5169799, 0.5061758},
                {0.6116002, 1.448528, 0.5187734, 0.5429516}, {0.565244, 1.516567, 0.5150499, 0.5693767},
                {0.5493875, 1.506221, 0.5298423, 0.5778726}}, 1024, 2.607719887)),
        Arguments.of("Keras JSON networks, 32 x 32 RGB", (Supplier<TrainConfig>) () -> base(false).withNetworks(
                GanSpec.tutorial().withImage(new ImageShape(32, 32, 3))
                    .withGeneratorModel(Optional.of(KerasModel.read(Path.of("examples/keras/upsampling_generator_32x32x3.json"))))
                    .withDiscriminatorModel(Optional.of(KerasModel.read(Path.of("examples/keras/small_discriminator_32x32x3.json"))))),
            (Supplier<Images>) () -> synthetic(32, 3),
            new Recorded(62, "96df1482", new double[][] {{1.065818, 1.867005, 0.3603496, 0.4346907},
                {1.007785, 1.42216, 0.4988976, 0.4109087}, {1.043393, 1.596156, 0.399762, 0.393076},
                {1.090444, 1.822046, 0.3326576, 0.3838608}}, 12288, 226.402973938)),
        Arguments.of("conditional dcgan, Wasserstein, spectral norm, 5 critic steps, other Adam",
            (Supplier<TrainConfig>) () -> {
              TrainConfig h = base(true).toBuilder().learningRate(2e-4f).adamBeta1(0.5f).adamBeta2(0.9f)
                  .objective(new Objective(GanLoss.WASSERSTEIN, 0f, 5)).build();
              return h.withNetworks(h.networks().withImage(new ImageShape(16, 16, 1)).withArchitecture(Architecture.DCGAN)
                  .withSpectralNorm(true));
            },
            (Supplier<Images>) () -> synthetic(16, 1),
            new Recorded(57, "104ef9a9", new double[][] {{0.107336, 0.08744754, -0.1947835, -0.107336},
                {0.1875161, 0.2209364, -0.4084526, -0.1875161}, {0.4110247, -0.05416724, -0.3568575, -0.4110247},
                {0.6229472, -0.2583225, -0.3646247, -0.6229472}}, 25600, 39.95147741)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void trainsWhatItTrainedBeforeTheSpec(String name, Supplier<TrainConfig> config, Supplier<Images> images, Recorded recorded) {
    List<String> variables = new ArrayList<>();
    List<StepMetrics> steps = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onTrainBegin(TrainBegin event) {
        event.step().graph().operations().forEachRemaining(op -> {
          if (op.type().equals("VariableV2")) {
            variables.add(op.name() + " " + op.output(0).shape());
          }
        });
      }

      @Override
      public void onStepEnd(StepEnd event) {
        steps.add(event.metrics());
      }
    };
    TrainingResult result = new Trainer(config.get(), List.of(recorder)).train(images.get());

    java.util.Collections.sort(variables);
    CRC32 crc = new CRC32();
    variables.forEach(v -> crc.update(v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(recorded.variables(), variables.size(), "variables");
    assertEquals(recorded.variablesCrc(), Long.toHexString(crc.getValue()), "the variables' names and shapes: " + variables);
    for (int i = 0; i < steps.size(); i++) {
      StepMetrics m = steps.get(i);
      double[] actual = {m.genLoss(), m.discLoss(), m.dReal(), m.dFake()};
      for (int k = 0; k < 4; k++) {
        double expected = recorded.steps()[i][k];
        assertEquals(expected, actual[k], 1e-4 + 1e-4 * Math.abs(expected), "step " + (i + 1) + " metric " + k);
      }
    }
    float[] pixels = result.finalImages().pixels();
    double sum = 0;
    for (float p : pixels) {
      sum += p;
    }
    assertEquals(recorded.gridPixels(), pixels.length, "grid pixels");
    assertEquals(recorded.gridSum(), sum, 2e-4 * pixels.length, "the grid's sum");
  }

  private static TrainConfig base(boolean conditional) {
    return TrainStepFixture.config(1, 16, 64, 4, 5, 2).withNetworks(GanSpec.tutorial().withLabels(conditional ? Labels.of(10) : Labels.NONE));
  }

  private static TrainConfig with(TrainConfig c, Objective objective, boolean spectralNorm) {
    return c.toBuilder().objective(objective).networks(c.networks().withSpectralNorm(spectralNorm)).build();
  }

  /** 64 images of pseudo-random pixels (a fixed LCG), labelled 0 to 9 in turn. */
  private static Images synthetic(int side, int channels) {
    byte[] pixels = new byte[64 * side * side * channels];
    long s = 12345;
    for (int i = 0; i < pixels.length; i++) {
      s = s * 6364136223846793005L + 1442695040888963407L;
      pixels[i] = (byte) (s >>> 56);
    }
    byte[] labels = new byte[64];
    for (int i = 0; i < 64; i++) {
      labels[i] = (byte) (i % 10);
    }
    return new Images(pixels, 64, side, side, channels, labels, "synthetic");
  }
}
