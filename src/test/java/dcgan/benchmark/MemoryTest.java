package dcgan.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RSS the benchmark reports: Linux's status file, the fallbacks of other systems, and unknown. */
class MemoryTest {

  @Test
  void aMissingStatusFileIsUnknownNotACrash(@TempDir Path tmp) {
    assertEquals(OptionalLong.empty(), Memory.field(tmp.resolve("status"), "VmRSS:"));
    assertEquals("unknown", Memory.format(OptionalLong.empty()));
  }

  @Test
  void theStatusFieldsAreReadInMegabytes(@TempDir Path tmp) throws IOException {
    Path status = Files.writeString(tmp.resolve("status"), "Name:\tjava\nVmHWM:\t 1068032 kB\nVmRSS:\t  747520 kB\n");
    assertEquals(OptionalLong.of(1043), Memory.field(status, "VmHWM:"));
    assertEquals(OptionalLong.of(730), Memory.field(status, "VmRSS:"));
  }

  @Test
  void psAndTasklistOutputsAreParsed() {
    assertEquals(OptionalLong.of(1043), Memory.parseKilobytes("1068032\n"), "ps -o rss=");
    assertEquals(OptionalLong.of(1043), Memory.parseKilobytes("\"java.exe\",\"4242\",\"Console\",\"1\",\"1,068,032 K\"\r\n"), "tasklist");
    assertEquals(OptionalLong.of(1043), Memory.parseKilobytes("\"java.exe\",\"4242\",\"Console\",\"1\",\"1.068.032 K\"\r\n"), "German");
    assertEquals(OptionalLong.empty(), Memory.parseKilobytes("INFO: No tasks are running which match the specified criteria."));
  }

  @Test
  void onLinuxTheProcFileAndPsAgree() {
    OptionalLong proc = Memory.field(Memory.STATUS, "VmRSS:");
    Assumptions.assumeTrue(proc.isPresent(), "not Linux");
    OptionalLong ps = Memory.fromCommand(); // what macOS uses
    assertTrue(ps.isPresent());
    assertTrue(Math.abs(ps.getAsLong() - proc.getAsLong()) <= Math.max(20, proc.getAsLong() / 5), ps + " vs " + proc);
  }
}
