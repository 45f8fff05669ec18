package dcgan.persistence;

import dcgan.training.TrainStep;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The save and restore ops of one train step graph: {@code SaveV2} of every variable under its
 * {@link CheckpointLayout} key plus the object graph and Java's training state (all fed), a
 * {@code RestoreV2} whose tensors are assigned to the variables, and one that reads the state back.
 */
final class CheckpointOps {
  final TrainStep step;
  final byte[] objectGraph;
  final Placeholder<TString> prefix;
  final Placeholder<TString> objectGraphFeed;
  final Placeholder<TInt64> saveCounterFeed;
  final Placeholder<TInt64> epochFeed;
  final Placeholder<TInt64> stepFeed;
  final Placeholder<TString> settingsFeed;
  final Placeholder<TInt64> threadsFeed;
  final Op save;
  final Op restore;
  /** {@link #restore} without the averaged generator ({@code --ema}), which a Python tutorial's checkpoint does not hold. */
  final Op restoreTrained;
  final Restore restoreState;

  CheckpointOps(TrainStep step) {
    this.step = step;
    CheckpointLayout layout = new CheckpointLayout(step);
    objectGraph = layout.objectGraph();
    Ops tf = Ops.create(step.graph()).withSubScope("checkpoint");
    prefix = tf.withName("prefix").placeholder(TString.class);
    objectGraphFeed = tf.withName("object_graph").placeholder(TString.class);
    saveCounterFeed = tf.withName("save_counter").placeholder(TInt64.class);
    epochFeed = tf.withName("epoch").placeholder(TInt64.class);
    stepFeed = tf.withName("global_step").placeholder(TInt64.class);
    settingsFeed = tf.withName("settings").placeholder(TString.class);
    threadsFeed = tf.withName("threads").placeholder(TInt64.class);

    List<String> keys = new ArrayList<>();
    List<Operand<?>> values = new ArrayList<>();
    for (CheckpointLayout.Entry entry : layout.entries()) {
      keys.add(entry.key());
      values.add(entry.variable());
    }
    List<String> stateKeys = List.of(CheckpointLayout.SAVE_COUNTER_KEY, Checkpoints.EPOCH_KEY, Checkpoints.STEP_KEY,
        Checkpoints.SETTINGS_KEY, Checkpoints.THREADS_KEY);
    keys.add(CheckpointLayout.OBJECT_GRAPH_KEY);
    keys.addAll(stateKeys);
    values.addAll(List.of(objectGraphFeed, saveCounterFeed, epochFeed, stepFeed, settingsFeed, threadsFeed));
    save = tf.withName("save").train.save(prefix, SaveOps.names(tf, keys), SaveOps.wholeTensors(tf, keys.size()), values);

    restore = restore(tf, "restore", prefix, layout.entries());
    restoreTrained = step.model().averagedGenerator().isEmpty() ? restore
        : restore(tf, "restore_trained", prefix, layout.trainedEntries());
    restoreState = tf.withName("restore_state").train.restore(prefix, SaveOps.names(tf, stateKeys),
        SaveOps.wholeTensors(tf, stateKeys.size()), List.of(TInt64.class, TInt64.class, TInt64.class, TString.class, TInt64.class));
  }

  /** A RestoreV2 of {@code entries}' keys ({@code name_variables}), assigned to their variables, behind one op ({@code name}). */
  static Op restore(Ops tf, String name, Operand<TString> prefix, List<CheckpointLayout.Entry> entries) {
    List<String> keys = entries.stream().map(CheckpointLayout.Entry::key).toList();
    Restore values = tf.withName(name + "_variables").train.restore(prefix, SaveOps.names(tf, keys), SaveOps.wholeTensors(tf, keys.size()),
        entries.stream().<Class<? extends TType>>map(e -> e.variable().type()).toList());
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      assigns.add(assign(tf, entries.get(i).variable(), values.tensors().get(i)));
    }
    return tf.withName(name).withControlDependencies(assigns).noOp();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Op assign(Ops tf, Variable variable, Operand value) {
    return tf.assign(variable, value);
  }
}
