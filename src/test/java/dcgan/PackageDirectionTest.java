package dcgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: {@code files} (small utilities) below {@code data} below {@code model}
 * below {@code losses} (GAN losses and regularisers) below {@code training}; {@code persistence} and {@code monitoring} beside each other above it;
 * {@code eval} above those, {@code benchmark} (the benchmark's measurements) above that, and {@code cli} on top. A class may use its own package and lower ones
 * only, by import or by a qualified name.
 */
class PackageDirectionTest {

  private static final Map<String, Integer> LEVEL = Map.ofEntries(
      Map.entry("files", 0), Map.entry("data", 1), Map.entry("model", 2), Map.entry("losses", 3), Map.entry("training", 4),
      Map.entry("persistence", 5), Map.entry("monitoring", 5), Map.entry("eval", 6), Map.entry("studio", 7), Map.entry("benchmark", 8),
      Map.entry("cli", 9));
  private static final Pattern REFERENCE = Pattern.compile("\\bdcgan\\.([a-z]+)(?:\\.[a-z]+)*\\.[A-Z]"); // dcgan.model.keras.X is dcgan.model

  @Test
  void lowerPackagesNeverUseHigherOnes() throws IOException {
    Path root = Path.of("src", "main", "java", "dcgan");
    List<String> violations = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path source : sources) {
      String own = root.relativize(source).getName(0).toString();
      assertTrue(LEVEL.containsKey(own), "a package this test does not know: " + own + " (add it to LEVEL)");
      Matcher m = REFERENCE.matcher(Files.readString(source));
      while (m.find()) {
        String used = m.group(1);
        if (!used.equals(own) && !(LEVEL.containsKey(used) && LEVEL.get(used) < LEVEL.get(own))) {
          violations.add(root.relativize(source) + " uses dcgan." + used);
        }
      }
    }
    assertTrue(sources.size() > 50, "found the sources");
    assertEquals(List.of(), violations);
  }
}
