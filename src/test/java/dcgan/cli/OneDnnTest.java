package dcgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dcgan.model.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneDnnTest {

  @Test
  void relaunchesOnlyWhereTensorFlowLeavesOneDnnOffAndItHelps() {
    assertTrue(OneDnn.offByDefaultButHelpful(Set.of("fma", "avx", "avx2")), "AVX2-only EPYC");
    assertFalse(OneDnn.offByDefaultButHelpful(Set.of("avx2", "avx512f", "avx512_vnni")), "on by default");
    assertFalse(OneDnn.offByDefaultButHelpful(Set.of("avx2", "amx_tile")), "on by default");
    assertFalse(OneDnn.offByDefaultButHelpful(Set.of("sse4_2")), "no AVX2: nothing to gain");
    assertFalse(OneDnn.offByDefaultButHelpful(Set.of()), "unknown CPU");
  }

  @Test
  void withoutProcCpuinfoItStepsAside(@TempDir Path tmp) throws IOException {
    Set<String> none = OneDnn.cpuFlags(tmp.resolve("no-cpuinfo"));
    assertTrue(none.isEmpty(), "macOS and Windows have no /proc/cpuinfo");
    assertFalse(OneDnn.offByDefaultButHelpful(none), "no relaunch");
    assertEquals("TensorFlow's default (CPU flags unknown here)", OneDnn.state(null, none));
    assertEquals("on", OneDnn.state("1", none), "the environment decides where it is set");
    assertTrue(OneDnn.bfloat16Warning(Precision.MIXED_BFLOAT16, none).isEmpty(), "no guess about an unknown CPU");
    Path cpuinfo = Files.writeString(tmp.resolve("cpuinfo"), "processor\t: 0\nflags\t\t: fpu avx avx2 fma\n");
    assertEquals(Set.of("fpu", "avx", "avx2", "fma"), OneDnn.cpuFlags(cpuinfo));
    assertEquals("off", OneDnn.state(null, OneDnn.cpuFlags(cpuinfo)));
    assertTrue(OneDnn.bfloat16Warning(Precision.MIXED_BFLOAT16, OneDnn.cpuFlags(cpuinfo)).isPresent());
  }

  @Test
  void classPathHoldsThisProgram() {
    String classPath = OneDnn.classPath();
    assertTrue(classPath.contains("classes"), classPath);
    assertTrue(classPath.contains("tensorflow-core-api"), classPath);
  }
}
