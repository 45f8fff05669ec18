package dcgan.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.CheckpointFiles;
import dcgan.Fixtures;
import dcgan.training.StartingPoint.Progress;
import com.google.gson.JsonObject;
import dcgan.losses.GanLoss;
import dcgan.model.GanSpec;
import dcgan.model.Labels;
import dcgan.training.Objective;
import dcgan.training.TrainConfig;
import dcgan.training.TrainStepFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject;

/** training_checkpoints/: the Python tutorial's keys, a bitwise restore, keeping, and skipping what is incomplete. */
class CheckpointsTest {

  @TempDir
  Path tmp;

  private final List<String> log = new ArrayList<>();

  private Checkpoints checkpoints(int keep, boolean resume, TrainConfig config) {
    return new Checkpoints(tmp.resolve("training_checkpoints"), 1, keep, resume, config, "fixture", null, log::add);
  }

  @Test
  void theOldSettingsStringsReadAsTheSameRunsJson() {
    String data = "60000x28x28:crc32=0";
    TrainConfig tutorial = TrainConfig.tutorial().toBuilder().threads(2).build();
    // The form every checkpoint before the JSON holds: --resume must keep accepting them.
    String old = "batch_size=256 buffer_size=60000 noise_dim=100 num_examples=16 learning_rate=1.0E-4 seed=42 data=" + data;
    JsonObject wanted = SpecJson.run(tutorial, data);
    assertEquals(List.of(), SpecJson.differences(LegacySettings.toJson(old, wanted, "old"), wanted));

    TrainConfig tuned = tutorial.toBuilder().learningRate(2e-4f).adamBeta1(0.5f)
        .networks(GanSpec.tutorial().withLabels(Labels.of(10))).build();
    String tunedOld = old.replace("1.0E-4", "2.0E-4") + " adam_beta1=0.5 conditional=true";
    assertEquals(List.of(), SpecJson.differences(LegacySettings.toJson(tunedOld, wanted, "old"), SpecJson.run(tuned, data)));
    assertTrue(Checkpoints.mismatch(LegacySettings.toJson(tunedOld, wanted, "old"), wanted)
        .startsWith("it is a conditional GAN's checkpoint; resume it with --conditional"));

    TrainConfig sngan = tuned.toBuilder().adamBeta2(0.9f).objective(new Objective(GanLoss.HINGE, 10f, 5))
        .networks(tuned.networks().withSpectralNorm(true).withLabels(Labels.of(3)).withImage(new dcgan.data.ImageShape(32, 32, 3))
            .withArchitecture(dcgan.model.Architecture.DCGAN)).build();
    String snganOld = old.replace("1.0E-4", "2.0E-4") + " adam_beta1=0.5 adam_beta2=0.9 loss=hinge gradient_penalty=10.0"
        + " critic_steps=5 spectral_norm=true image=32x32x3 architecture=dcgan classes=3 conditional=true";
    JsonObject snganJson = SpecJson.run(sngan, data);
    assertEquals(List.of(), SpecJson.differences(LegacySettings.toJson(snganOld, snganJson, "old"), snganJson));
    String mismatch = Checkpoints.mismatch(LegacySettings.toJson(snganOld, snganJson, "old"), SpecJson.run(tuned, data));
    assertTrue(mismatch.contains("networks.image is 32x32x3 there, 28x28x1 here") && mismatch.contains("training.loss is hinge there,"
        + " tutorial here (--loss)") && mismatch.contains("networks.spectral_norm is true there, false here (--spectral-norm)"), mismatch);
  }

  @Test
  void theJsonReadsBackIntoTheSameTypes() {
    TrainConfig config = TrainStepFixture.spectralNorm(TrainStepFixture.with(TrainStepFixture.conditional(TrainStepFixture.CONFIG),
        new Objective(GanLoss.LEAST_SQUARES, 2.5f, 3))).toBuilder().adamBeta1(0.5f).adamBeta2(0.9f).learningRate(3e-4f).build();
    JsonObject json = SpecJson.parse(SpecJson.text(SpecJson.run(config, "fixture")), "test");
    GanSpec networks = SpecJson.ganSpec(json.getAsJsonObject("networks"), "test");
    assertEquals(config.networks(), networks);
    assertEquals(config, SpecJson.trainConfig(json, networks, "test"));
  }

  @Test
  void keysDtypesAndShapesAreThePythonTutorials() throws IOException {
    Path prefix;
    try (TrainStepFixture f = new TrainStepFixture(TrainStepFixture.config(1, 8, 64, 16, 5, 2))) {
      prefix = checkpoints(5, false, f.step.config()).save(f.step, f.session, 1, 1);
    }
    Map<String, String> reference = CheckpointFiles.reference(Fixtures.resource("python-tutorial/ckpt-3.keys.txt"));
    Map<String, String> ours = CheckpointFiles.keys(prefix);
    assertEquals(66, reference.size()); // 65 variables and the object graph
    for (Map.Entry<String, String> key : reference.entrySet()) {
      assertEquals(key.getValue(), ours.get(key.getKey()), key.getKey());
    }
    for (String key : ours.keySet()) {
      assertTrue(reference.containsKey(key) || key.startsWith("java_training_state/"), "unexpected key " + key);
    }
  }

  @Test
  void objectGraphPointsEveryVariableToItsKey() throws Exception {
    try (TrainStepFixture f = new TrainStepFixture()) {
      TrackableObjectGraph graph = TrackableObjectGraph.parseFrom(new CheckpointLayout(f.step).objectGraph());
      Set<String> keys = CheckpointFiles.reference(Fixtures.resource("python-tutorial/ckpt-3.keys.txt")).keySet();
      Set<String> attributeKeys = new HashSet<>();
      for (TrackableObject node : graph.getNodesList()) {
        node.getAttributesList().forEach(a -> attributeKeys.add(a.getCheckpointKey()));
      }
      Set<String> expected = new HashSet<>(keys);
      expected.remove(CheckpointLayout.OBJECT_GRAPH_KEY);
      assertEquals(expected, attributeKeys);
      TrackableObject root = graph.getNodes(0);
      assertEquals(Set.of("generator", "discriminator", "generator_optimizer", "discriminator_optimizer", "save_counter"),
          root.getChildrenList().stream().map(TrackableObject.ObjectReference::getLocalName).collect(java.util.stream.Collectors.toSet()));
      int slots = graph.getNodesList().stream().mapToInt(TrackableObject::getSlotVariablesCount).sum();
      assertEquals(2 * (10 + 6), slots, "m and v for each of the 10 generator and 6 discriminator trainable variables");
    }
  }

  @Test
  void restoreGivesBackEveryVariableBitwise() {
    List<float[]> saved;
    Checkpoints writer = checkpoints(5, false, TrainStepFixture.CONFIG);
    try (TrainStepFixture f = new TrainStepFixture()) {
      f.train(0, 3);
      writer.save(f.step, f.session, 7, 3);
      saved = f.allFloatVariables();
    }
    try (TrainStepFixture fresh = new TrainStepFixture()) {
      Progress progress = checkpoints(5, true, TrainStepFixture.CONFIG).initialize(fresh.step, fresh.session);
      assertEquals(new Progress(7, 3), progress);
      List<float[]> restored = fresh.allFloatVariables();
      for (int i = 0; i < saved.size(); i++) {
        assertArrayEquals(saved.get(i), restored.get(i), "variable " + i);
      }
    }
  }

  @Test
  void keepsTheLastFewListedInTheStateFile() throws IOException {
    Checkpoints writer = checkpoints(2, false, TrainStepFixture.CONFIG);
    try (TrainStepFixture f = new TrainStepFixture()) {
      for (int epoch = 1; epoch <= 3; epoch++) {
        writer.save(f.step, f.session, epoch, epoch);
      }
    }
    Path folder = tmp.resolve("training_checkpoints");
    assertEquals(List.of("ckpt-2", "ckpt-3"), CheckpointState.read(folder).paths());
    assertEquals("model_checkpoint_path: \"ckpt-3\"\nall_model_checkpoint_paths: \"ckpt-2\"\nall_model_checkpoint_paths: \"ckpt-3\"\n",
        Files.readString(folder.resolve("checkpoint")));
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(Set.of("checkpoint", "ckpt-2.index", "ckpt-2.data-00000-of-00001", "ckpt-3.index", "ckpt-3.data-00000-of-00001"),
          files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
    }
  }

  @Test
  void incompleteOrCorruptCheckpointsAreSkippedWithAWarning() throws IOException {
    Checkpoints writer = checkpoints(5, false, TrainStepFixture.CONFIG);
    try (TrainStepFixture f = new TrainStepFixture()) {
      writer.save(f.step, f.session, 1, 8);
      writer.save(f.step, f.session, 2, 16);
      writer.save(f.step, f.session, 3, 24);
    }
    Path folder = tmp.resolve("training_checkpoints");
    Files.delete(Checkpoints.indexFile(folder.resolve("ckpt-3"))); // as if killed between the renames
    Path data2 = Checkpoints.dataFile(folder.resolve("ckpt-2"));
    byte[] bytes = Files.readAllBytes(data2);
    Files.write(data2, Arrays.copyOf(bytes, bytes.length / 2)); // truncated
    try (TrainStepFixture fresh = new TrainStepFixture()) {
      Progress progress = checkpoints(5, true, TrainStepFixture.CONFIG).initialize(fresh.step, fresh.session);
      assertEquals(new Progress(1, 8), progress);
    }
    assertTrue(log.stream().anyMatch(l -> l.startsWith("warning: skipping checkpoint") && l.contains("ckpt-3")), log.toString());
    assertTrue(log.stream().anyMatch(l -> l.startsWith("warning: skipping checkpoint") && l.contains("ckpt-2")), log.toString());
  }

  @Test
  void resumingWithOtherSettingsIsRefused() {
    try (TrainStepFixture f = new TrainStepFixture()) {
      checkpoints(5, false, TrainStepFixture.CONFIG).save(f.step, f.session, 1, 8);
      TrainConfig otherSeed = TrainStepFixture.config(1, 8, 64, 4, 6, 2);
      dcgan.files.UserError e = assertThrows(dcgan.files.UserError.class,
          () -> checkpoints(5, true, otherSeed).initialize(f.step, f.session));
      assertTrue(e.getMessage().contains("training.seed is 5 there, 6 here (--seed)"), e.getMessage());
    }
  }

  @Test
  void resumeWithoutCheckpointsStartsFresh() {
    try (TrainStepFixture f = new TrainStepFixture()) {
      assertEquals(new Progress(0, 0), checkpoints(5, true, TrainStepFixture.CONFIG).initialize(f.step, f.session));
      assertTrue(log.get(0).startsWith("No complete checkpoint"), log.toString());
    }
  }

  @Test
  void aGarbledStateFileFallsBackToTheNewestCompleteCheckpointOnDisk() throws IOException {
    try (TrainStepFixture f = new TrainStepFixture()) {
      Checkpoints writer = checkpoints(5, false, TrainStepFixture.CONFIG);
      writer.save(f.step, f.session, 1, 8);
      writer.save(f.step, f.session, 2, 16);
      Path state = tmp.resolve("training_checkpoints/checkpoint");
      for (byte[] garbage : List.of(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}, "model_checkpoint_pa".getBytes())) {
        Files.write(state, garbage);
        log.clear();
        assertEquals(new Progress(2, 16), checkpoints(5, true, TrainStepFixture.CONFIG).initialize(f.step, f.session));
        assertTrue(log.get(0).contains("lists no checkpoint, but ckpt-1, ckpt-2 lie beside it: resuming from the newest"), log.toString());
      }
    }
  }

  @Test
  void stateFileReadsPythonsFormat() throws IOException {
    Files.writeString(tmp.resolve("checkpoint"), "model_checkpoint_path: \"ckpt-3\"\nall_model_checkpoint_paths: \"ckpt-3\"\n"
        + "all_model_checkpoint_timestamps: 1700000000.5\nlast_preserved_timestamp: 1699990000.1\n");
    assertEquals(List.of("ckpt-3"), CheckpointState.read(tmp).paths());
    assertEquals(List.of(), CheckpointState.read(tmp.resolve("none")).paths());
    assertFalse(Files.exists(tmp.resolve("none")));
  }

  @Test
  void resumeFromRefusesWhatIsNotThePythonTutorialsCheckpoint() {
    try (TrainStepFixture f = new TrainStepFixture()) {
      dcgan.data.DataException none = assertThrows(dcgan.data.DataException.class,
          () -> new TutorialCheckpoint(tmp.resolve("nothing"), 64, log::add).initialize(f.step, f.session));
      assertTrue(none.getMessage().contains("holds no checkpoint: pass the Python run's training_checkpoints/"), none.getMessage());
      Path own = checkpoints(5, false, TrainStepFixture.CONFIG).save(f.step, f.session, 1, 8);
      dcgan.data.DataException ours = assertThrows(dcgan.data.DataException.class,
          () -> new TutorialCheckpoint(own.getParent(), 64, log::add).initialize(f.step, f.session));
      assertTrue(ours.getMessage().contains("was written by this project's Train, not by the Python tutorial: continue it with"
          + " --resume"), ours.getMessage());
    }
  }
}
