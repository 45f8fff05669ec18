package dcgan.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OneDnnHintTest {

  @Test
  void hintsOnlyWhereTensorFlowLeavesOneDnnOff() {
    assertTrue(OneDnnHint.forCpuFlags(Set.of("fma", "avx", "avx2")).isPresent(), "AVX2-only EPYC");
    assertFalse(OneDnnHint.forCpuFlags(Set.of("avx2", "avx512f", "avx512_vnni")).isPresent(), "on by default");
    assertFalse(OneDnnHint.forCpuFlags(Set.of("sse4_2")).isPresent(), "no AVX2: nothing to gain");
    assertFalse(OneDnnHint.forCpuFlags(Set.of()).isPresent(), "unknown CPU");
  }
}
