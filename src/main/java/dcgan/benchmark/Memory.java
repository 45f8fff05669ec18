package dcgan.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * This process's resident memory, for {@code Benchmark}: from Linux's {@code /proc/self/status}
 * ({@code VmRSS}, and the peak {@code VmHWM}); elsewhere the current RSS from {@code ps} (macOS)
 * or {@code tasklist} (Windows' working set); unknown where none of them answers. Only Linux
 * keeps a peak.
 */
public final class Memory {

  public static final Path STATUS = Path.of("/proc/self/status");

  private Memory() {}

  /** The resident set now, in MB. */
  public static OptionalLong rssMb() {
    OptionalLong fromProc = field(STATUS, "VmRSS:");
    return fromProc.isPresent() ? fromProc : fromCommand();
  }

  /** The peak resident set, in MB (Linux only). */
  public static OptionalLong peakRssMb() {
    return field(STATUS, "VmHWM:");
  }

  /** {@code 1043}, or {@code unknown}. */
  public static String format(OptionalLong mb) {
    return mb.isPresent() ? String.valueOf(mb.getAsLong()) : "unknown";
  }

  /** A {@code kB} field of a {@code status} file such as /proc/self/status, in MB; empty where the file or field is missing. */
  public static OptionalLong field(Path status, String name) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(name)) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /** The RSS from {@code ps} or, on Windows, {@code tasklist}. */
  public static OptionalLong fromCommand() {
    long pid = ProcessHandle.current().pid();
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("windows");
    List<String> command = windows
        ? List.of("tasklist", "/FI", "PID eq " + pid, "/FO", "CSV", "/NH")
        : List.of("ps", "-o", "rss=", "-p", String.valueOf(pid));
    return parseKilobytes(run(command));
  }

  /**
   * The last number of {@code output} in kB, in MB: {@code ps -o rss=} prints {@code 1068032},
   * {@code tasklist /FO CSV} ends its line with {@code "1,068,032 K"}.
   */
  public static OptionalLong parseKilobytes(String output) {
    String[] numbers = output.replaceAll("(?<=\\d)[,.\\u00a0\\u202f](?=\\d{3})", "").split("[^0-9]+");
    for (int i = numbers.length - 1; i >= 0; i--) {
      if (!numbers[i].isEmpty()) {
        return OptionalLong.of(Long.parseLong(numbers[i]) / 1024);
      }
    }
    return OptionalLong.empty();
  }

  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (InputStream in = process.getInputStream()) {
        String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "";
      }
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
