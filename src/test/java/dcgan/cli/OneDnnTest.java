package dcgan.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

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
  void classPathHoldsThisProgram() {
    String classPath = OneDnn.classPath();
    assertTrue(classPath.contains("classes"), classPath);
    assertTrue(classPath.contains("tensorflow-core-api"), classPath);
  }
}
