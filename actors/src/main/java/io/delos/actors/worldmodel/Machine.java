package io.delos.actors.worldmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** A one-line description of the machine, for reports: CPU, cores, memory, load, JVM, date. */
public final class Machine {
  private Machine() {}

  /**
   * For example "Intel(R) Xeon(R) Processor, 2 cores, 23 GiB, load 3.1, Java 17.0.15, 2026-12-03".
   */
  public static String describe() {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).strip();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: keep the placeholder.
    }
    long memory = 0;
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
      for (String line : lines) {
        if (line.startsWith("MemTotal:")) {
          memory = Long.parseLong(line.replaceAll("[^0-9]", "")) / (1024 * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      memory = Runtime.getRuntime().maxMemory() >> 30;
    }
    return String.format(
        "%s, %d cores, %d GiB, load average %s, Java %s, %s",
        cpu,
        Runtime.getRuntime().availableProcessors(),
        memory,
        load(),
        System.getProperty("java.version"),
        LocalDate.now());
  }

  /** The 1-minute load average, formatted. */
  public static String load() {
    double l =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? "unknown" : String.format("%.1f", l);
  }
}
