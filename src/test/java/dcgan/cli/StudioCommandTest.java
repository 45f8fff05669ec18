package dcgan.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.studio.StudioServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the studio listens, and the warning when that is beyond this machine. */
class StudioCommandTest {

  @TempDir
  Path tmp;

  private static String announced(StudioServer studio, Path runs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StudioCommand.announce(studio, runs, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onlyThisMachineByDefaultAndAWarningWhenExposed() throws Exception {
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    try (StudioServer local = StudioServer.start(tmp, "127.0.0.1", 0, quiet)) {
      String said = announced(local, tmp);
      assertTrue(said.startsWith("Studio: http://127.0.0.1:" + local.port() + "/"), said);
      assertFalse(said.contains("warning"), said);
    }
    try (StudioServer exposed = StudioServer.start(tmp, "0.0.0.0", 0, quiet)) {
      String said = announced(exposed, tmp);
      assertTrue(said.contains("warning: the studio listens beyond this machine") && said.contains("it has no login"), said);
    }
  }
}
