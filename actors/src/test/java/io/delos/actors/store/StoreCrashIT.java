package io.delos.actors.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a running runtime with SIGKILL while robots stream into the store, then shows that every
 * chunk the store had acknowledged is on disk, intact and readable.
 */
class StoreCrashIT {
  @Test
  void everyAcknowledgedChunkSurvivesAKilledProcess(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dai.djl.offline=true",
                CrashProbeMain.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    Map<String, Long> acked = new HashMap<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      String line;
      while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
        if (!line.startsWith("acked")) {
          continue;
        }
        for (String part : line.substring(5).trim().split(" ")) {
          if (part.isEmpty()) {
            continue;
          }
          String[] kv = part.split("=");
          acked.put(kv[0], Long.parseLong(kv[1]));
        }
        long total = acked.values().stream().mapToLong(Long::longValue).sum();
        if (acked.size() == 4 && total > 20_000) {
          child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
          break;
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(acked).hasSize(4);

    Map<String, Long> onDisk = new HashMap<>();
    Map<String, Long> nextSequence = new HashMap<>();
    List<Path> logs;
    try (Stream<Path> files = Files.list(dir)) {
      logs = files.filter(p -> p.toString().endsWith(".log")).toList();
    }
    assertThat(logs).hasSize(1);
    ChunkLog.Contents contents = ChunkLog.read(logs.get(0));
    for (ChunkLog.Entry e : contents.entries()) {
      long expected = nextSequence.getOrDefault(e.systemId(), 0L);
      assertThat(e.sequence()).as("chunks of %s in order", e.systemId()).isEqualTo(expected);
      nextSequence.put(e.systemId(), expected + 1);
      onDisk.merge(e.systemId(), (long) e.chunk().length(), Long::sum);
    }
    for (Map.Entry<String, Long> a : acked.entrySet()) {
      assertThat(onDisk.getOrDefault(a.getKey(), 0L))
          .as("rows of %s on disk vs acknowledged", a.getKey())
          .isGreaterThanOrEqualTo(a.getValue());
    }
  }
}
