package dcgan.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The right TensorFlow natives on each platform, chosen by Maven: the real Maven, run on this
 * project's POM with the JVM's {@code os.name} and {@code os.arch} set to another platform's
 * (Maven's OS activation reads them), resolves each platform's classifier; an Intel Mac's build
 * stops in one line; {@code -Pgpu} and {@code -Dtensorflow.native.classifier} win. And at run time,
 * natives that do not load are one error line.
 */
class PlatformsTest {

  @BeforeAll
  static void needsMaven() {
    Assumptions.assumeTrue(run(List.of("mvn", "-v"), "").exit() == 0, "mvn is not on the PATH");
  }

  @Test
  void mavenPicksTheNativesOfEachPlatform() {
    assertEquals("linux-x86_64", classifier("-Dos.name=Linux -Dos.arch=amd64"));
    assertEquals("linux-arm64", classifier("-Dos.name=Linux -Dos.arch=aarch64"));
    assertEquals("macosx-arm64", classifier("-Dos.name=MacOSX -Dos.arch=aarch64"));
  }

  @Test
  void theGpuProfileAndTheManualOverrideWin() {
    assertEquals("linux-x86_64-gpu", classifier("-Dos.name=Linux -Dos.arch=amd64", "-Pgpu"));
    assertEquals("windows-x86_64", classifier("-Dos.name=Linux -Dos.arch=amd64", "-Dtensorflow.native.classifier=windows-x86_64"));
  }

  @Test
  void anIntelMacBuildStopsWithOneLineThatSaysWhatToDo() {
    Result result = run(List.of("mvn", "-B", "-q", "-f", "pom.xml", "validate"), "-Dos.name=MacOSX -Dos.arch=x86_64");
    assertTrue(result.exit() != 0, result.output());
    List<String> lines = result.output().lines().filter(l -> l.contains("TensorFlow Java 1.1.0 has no native library")).toList();
    assertEquals(1, lines.size(), result.output());
    assertTrue(lines.get(0).contains("MacOSX x86_64") && lines.get(0).contains("-Dtensorflow.native.classifier="), lines.get(0));
  }

  /**
   * Maven cannot be started with a Windows {@code os.name} on Linux (its console library then calls
   * Windows' Kernel32), so the Windows profile is checked in the POM: Maven's own activation rules
   * take it for any {@code os.name} containing "windows" on amd64.
   */
  @Test
  void theWindowsProfileIsActivatedByTheWindowsFamilyOnAmd64() throws Exception {
    NodeList profiles = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
        .getElementsByTagName("profile");
    Element windows = null;
    for (int i = 0; i < profiles.getLength(); i++) {
      Element profile = (Element) profiles.item(i);
      if (text(profile, "id").equals("windows-x86_64")) {
        windows = profile;
      }
    }
    assertTrue(windows != null, "a windows-x86_64 profile");
    assertEquals("windows", text(windows, "family"));
    assertEquals("amd64", text(windows, "arch"));
    assertEquals("windows-x86_64", text(windows, "tensorflow.native.classifier"));
  }

  @Test
  void nativesThatDoNotLoadAreOneErrorLineAtTheFirstStart(@TempDir Path tmp) throws IOException, InterruptedException {
    // JavaCPP told it runs on an Intel Mac looks for natives that the linux-x86_64 jar does not hold, as there.
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.bytedeco.javacpp.platform=macosx-x86_64", "-cp", System.getProperty("java.class.path"), "Train", "--dry-run",
        "--output-dir", tmp.toString()));
    Process child = new ProcessBuilder(command).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, child.exitValue(), out + err);
    List<String> lines = err.strip().lines().toList();
    assertEquals(1, lines.size(), "one line, no stack trace: " + err);
    assertTrue(lines.get(0).startsWith("error: TensorFlow's native library does not load on ") && lines.get(0).contains("macosx-arm64"),
        lines.get(0));
    assertFalse(Files.exists(tmp.resolve("images")), "nothing written");
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }

  /** What Maven resolves {@code tensorflow.native.classifier} to, with {@code mavenOpts} in its JVM. */
  private static String classifier(String mavenOpts, String... extra) {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-f", "pom.xml", "help:evaluate",
        "-Dexpression=tensorflow.native.classifier", "-DforceStdout"));
    command.addAll(List.of(extra));
    Result result = run(command, mavenOpts);
    assertEquals(0, result.exit(), result.output());
    return result.output().strip();
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, String mavenOpts) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("MAVEN_OPTS", mavenOpts);
      Process process = builder.start();
      try (InputStream in = process.getInputStream()) {
        String output = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
        process.waitFor(120, TimeUnit.SECONDS);
        return new Result(process.exitValue(), output);
      }
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }
}
