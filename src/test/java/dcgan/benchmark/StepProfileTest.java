package dcgan.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The per-op profile: what it attributes to which op, on a graph whose ops are known. */
class StepProfileTest {

  @Test
  void attributesTimeToEachOpWithItsKernelAndShape() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      var a = tf.withName("a").placeholder(TFloat32.class); // fed, so that nothing is constant-folded away
      var product = tf.withName("product").linalg.matMul(a, a, org.tensorflow.op.linalg.MatMul.transposeB(true));
      var total = tf.withName("total").sum(product, tf.constant(new int[] {0, 1}));
      try (Session session = new Session(graph)) {
        StepProfile profile = StepProfile.trace(3, options -> {
          try (TFloat32 ones = TFloat32.tensorOf(Shape.of(300, 200), t -> t.scalars().forEach(x -> x.setFloat(1f)))) {
            return session.runner().feed(a, ones).fetch(total).setOptions(options).runAndFetchMetadata();
          }
        });

        StepProfile.OpTime matMul = find(profile.ops(), "product");
        assertTrue(matMul.kernel().contains("MatMul"), matMul.toString());
        assertEquals("[300,300]", matMul.shape());
        assertTrue(matMul.ms() > 0, matMul.toString());
        assertEquals("[]", find(profile.ops(), "total").shape(), "a scalar");
        double opsMs = profile.ops().stream().mapToDouble(StepProfile.OpTime::ms).sum();
        assertEquals(opsMs, profile.msByKernel().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        profile.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2);
        List<String> slowest = bytes.toString(StandardCharsets.UTF_8).lines().dropWhile(l -> !l.startsWith("slowest")).skip(1).toList();
        assertEquals(2, slowest.size(), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(Double.parseDouble(slowest.get(0).trim().split(" ")[0]) >= Double.parseDouble(slowest.get(1).trim().split(" ")[0]),
            "slowest first: " + slowest);
      }
    }
  }

  private static StepProfile.OpTime find(List<StepProfile.OpTime> ops, String node) {
    return ops.stream().filter(op -> op.node().equals(node)).findFirst().orElseThrow(() -> new AssertionError(node + " not in " + ops));
  }
}
