package dcgan.cli;

import dcgan.model.Precision;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * TensorFlow 2.18 turns its oneDNN kernels on by default only on CPUs with AVX-512 VNNI/BF16,
 * AVX-VNNI or AMX; elsewhere (an AVX2-only AMD EPYC, say) they stay off unless the environment
 * has {@code TF_ENABLE_ONEDNN_OPTS=1}, and the train step is about 1.5x slower. A JVM cannot set
 * its own environment, so on such CPUs {@code Train} and {@code Benchmark} start themselves once
 * more, in a child JVM with the variable set, and pass its exit code on.
 *
 * <p>Nothing happens when the variable is already set (to anything: {@code TF_ENABLE_ONEDNN_OPTS=0}
 * keeps TensorFlow's default), when the CPU is not such a CPU, with {@code -Ddcgan.relaunch=false},
 * or where the CPU's flags cannot be read ({@code /proc/cpuinfo} is Linux's: on macOS and Windows
 * this steps aside and TensorFlow keeps its own default).
 */
public final class OneDnn {

  /** The environment variable TensorFlow reads. */
  public static final String VARIABLE = "TF_ENABLE_ONEDNN_OPTS";
  private static final Set<String> DEFAULT_ON_FLAGS = Set.of("avx512_vnni", "avx512_bf16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16");
  /** Where Linux lists the CPU's feature flags. */
  static final Path CPUINFO = Path.of("/proc/cpuinfo");

  private OneDnn() {}

  /** Whether TensorFlow leaves oneDNN off on a CPU with these flags although it would help (AVX2, none of the default-on features). */
  static boolean offByDefaultButHelpful(Set<String> cpuFlags) {
    return cpuFlags.contains("avx2") && cpuFlags.stream().noneMatch(DEFAULT_ON_FLAGS::contains);
  }

  /**
   * Whether oneDNN is on in this process, as printed at start: "on" or "off" by the environment,
   * else by TensorFlow's default for this CPU, or "TensorFlow's default" where the flags are unknown.
   */
  public static String state() {
    return state(System.getenv(VARIABLE), cpuFlags(CPUINFO));
  }

  static String state(String variable, Set<String> flags) {
    if (variable != null) {
      return variable.equals("1") || variable.equalsIgnoreCase("true") ? "on" : "off";
    }
    if (flags.isEmpty()) {
      return "TensorFlow's default (CPU flags unknown here)";
    }
    return flags.stream().anyMatch(DEFAULT_ON_FLAGS::contains) ? "on" : "off";
  }

  /**
   * Runs {@code mainClass} again in a child JVM with {@code TF_ENABLE_ONEDNN_OPTS=1} when that
   * helps here, waits for it and returns its exit code; empty when nothing was relaunched.
   */
  public static OptionalInt relaunchIfHelpful(String mainClass, String[] args) {
    boolean onlyHelp = List.of(args).stream().anyMatch(a -> List.of("-h", "--help", "-V", "--version").contains(a));
    if (onlyHelp || System.getenv(VARIABLE) != null || "false".equals(System.getProperty("dcgan.relaunch"))
        || !offByDefaultButHelpful(cpuFlags(CPUINFO))) {
      return OptionalInt.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    System.getProperties().forEach((key, value) -> {
      String name = key.toString();
      if (name.startsWith("dcgan.") || name.startsWith("org.bytedeco.") || name.equals("java.awt.headless")) {
        command.add("-D" + name + "=" + value);
      }
    });
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    Map<String, String> environment = builder.environment();
    environment.put(VARIABLE, "1");
    environment.putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1"); // TensorFlow's INFO lines, not its warnings
    System.out.println("oneDNN is off by default on this CPU: running " + mainClass + " with " + VARIABLE
        + "=1 (about 1.5x faster; set " + VARIABLE + "=0 to keep TensorFlow's default)");
    System.out.flush();
    try {
      Process child = builder.start();
      Thread stopChild = new Thread(child::destroy);
      Runtime.getRuntime().addShutdownHook(stopChild); // Ctrl-C or a kill of this JVM stops the child too
      int code = child.waitFor();
      Runtime.getRuntime().removeShutdownHook(stopChild);
      return OptionalInt.of(code);
    } catch (IOException e) {
      System.err.println("warning: could not start a child JVM (" + e.getMessage() + "); running without oneDNN");
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.of(130);
    }
  }

  /** This program's class path, also when it runs inside Maven ({@code exec:java} loads it in its own class loader). */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toString());
          } catch (URISyntaxException | IllegalArgumentException e) {
            // not a file: skip
          }
        }
        break; // the project's loader; its parents are Maven's own
      }
    }
    if (entries.isEmpty()) {
      entries.addAll(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /**
   * A warning for {@code mixed_bfloat16} on a CPU without bfloat16 arithmetic (AVX-512 BF16 or AMX),
   * where TensorFlow's oneDNN kernels refuse bfloat16 and slower fallbacks emulate it.
   */
  public static Optional<String> bfloat16Warning(Precision precision) {
    return bfloat16Warning(precision, cpuFlags(CPUINFO));
  }

  static Optional<String> bfloat16Warning(Precision precision, Set<String> flags) {
    boolean unknown = flags.isEmpty(); // not Linux: say nothing rather than guess
    if (precision != Precision.MIXED_BFLOAT16 || unknown || flags.contains("avx512_bf16") || flags.contains("amx_bf16")) {
      return Optional.empty();
    }
    return Optional.of("warning: this CPU has no AVX-512 BF16 or AMX: TensorFlow emulates bfloat16 here, and "
        + Precision.MIXED_BFLOAT16 + " runs several times slower than float32");
  }

  /** The CPU's feature flags, from {@code cpuinfo} (Linux's /proc/cpuinfo); empty where that cannot be read. */
  static Set<String> cpuFlags(Path cpuinfo) {
    try {
      return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("flags")).findFirst()
          .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
          .orElse(Set.of());
    } catch (IOException | RuntimeException e) {
      return Set.of();
    }
  }
}
