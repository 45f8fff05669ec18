package dcgan.benchmark;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tensorflow.Result;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Where a train step's time goes: steps run with {@code RunOptions.FULL_TRACE}, each op's time (from
 * its start to its end, as TensorFlow's step stats record it) averaged over the traced steps and
 * summed by kernel. The kernel names say which implementation ran: {@code _MklNative...} is oneDNN.
 */
public final class StepProfile {

  /** One op of the graph: its node name, kernel, first output's shape and mean milliseconds per step. */
  public record OpTime(String node, String kernel, String shape, double ms) {}

  private final List<OpTime> ops;
  private final double stepMs;

  private StepProfile(List<OpTime> ops, double stepMs) {
    this.ops = ops;
    this.stepMs = stepMs;
  }

  /**
   * Runs {@code steps} traced steps.
   *
   * @param step runs one train step with the given options and returns its result (with metadata)
   */
  public static StepProfile trace(int steps, Function<RunOptions, Result> step) {
    RunOptions fullTrace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    Map<String, OpTime> byNode = new LinkedHashMap<>();
    double totalMs = 0;
    for (int i = 0; i < steps; i++) {
      long start = System.nanoTime();
      try (Result result = step.apply(fullTrace)) {
        totalMs += (System.nanoTime() - start) / 1e6;
        RunMetadata metadata = result.getMetadata().orElseThrow(() -> new IllegalStateException("no run metadata"));
        metadata.getStepStats().getDevStatsList().forEach(device -> device.getNodeStatsList().forEach(node -> {
          OpTime op = opTime(node, node.getAllEndRelMicros() / 1e3 / steps);
          byNode.merge(op.node(), op, (a, b) -> new OpTime(a.node(), a.kernel(), a.shape(), a.ms() + b.ms()));
        }));
      }
    }
    return new StepProfile(List.copyOf(byNode.values()), totalMs / steps);
  }

  private static OpTime opTime(NodeExecStats node, double ms) {
    // The timeline label reads "name = Kernel(inputs...)".
    String label = node.getTimelineLabel();
    int equals = label.indexOf(" = ");
    String kernel = equals < 0 ? "?" : label.substring(equals + 3).replaceAll("\\(.*", "");
    String shape = node.getOutputCount() == 0 ? "" : shape(node.getOutput(0).getTensorDescription().getShape());
    return new OpTime(node.getNodeName(), kernel, shape, ms);
  }

  private static String shape(TensorShapeProto shape) {
    return shape.getDimList().stream().map(d -> Long.toString(d.getSize())).collect(Collectors.joining(",", "[", "]"));
  }

  /** The ops, in trace order. */
  List<OpTime> ops() {
    return ops;
  }

  /** Milliseconds per kernel, the largest first. */
  Map<String, Double> msByKernel() {
    return ops.stream().collect(Collectors.groupingBy(OpTime::kernel, Collectors.summingDouble(OpTime::ms)))
        .entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  /** Prints the time by kernel and the {@code top} slowest ops. */
  public void print(PrintStream out, int top) {
    double opMs = ops.stream().mapToDouble(OpTime::ms).sum();
    out.printf(Locale.ROOT, "profile (RunOptions FULL_TRACE): traced step %.1f ms, its ops %.1f ms%n", stepMs, opMs);
    msByKernel().entrySet().stream().filter(e -> e.getValue() >= 0.1).forEach(e ->
        out.printf(Locale.ROOT, "  %8.1f ms %5.1f%%  %s%n", e.getValue(), 100 * e.getValue() / opMs, e.getKey()));
    out.printf("slowest %d ops:%n", top);
    ops.stream().sorted(Comparator.comparingDouble(OpTime::ms).reversed()).limit(top).forEach(op ->
        out.printf(Locale.ROOT, "  %8.1f ms  %-32s %-18s %s%n", op.ms(), op.kernel(), op.shape(), op.node()));
  }
}
