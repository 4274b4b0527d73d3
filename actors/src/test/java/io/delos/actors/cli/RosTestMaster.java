package io.delos.actors.cli;

import io.delos.robots.ros.MasterClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real {@code rosmaster} and rospy peers for the end-to-end tests of {@code delos ros}, each in
 * its own process group ({@code setsid}) with {@code ROS_HOME} and {@code ROS_LOG_DIR} in a
 * temporary folder; {@link #close()} ends every group it started. (The robots module has a fuller
 * harness; a small copy here keeps test code out of the published jars.)
 */
final class RosTestMaster implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(90);

  private final Path dir;
  private final int port;
  private final List<Process> processes = new ArrayList<>();

  private RosTestMaster(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  static RosTestMaster start() throws IOException {
    if (!Files.isExecutable(Path.of("/usr/bin/rosmaster"))) {
      throw new IllegalStateException(
          "/usr/bin/rosmaster is missing: install the Debian packages listed in .ci/run");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RosTestMaster m = new RosTestMaster(Files.createTempDirectory("delos-ros-e2e-"), port);
    m.spawn("rosmaster", List.of("/usr/bin/rosmaster", "--core", "-p", Integer.toString(port)));
    MasterClient probe = new MasterClient(m.uri(), "/probe", Duration.ofSeconds(2));
    awaitTrue(
        "rosmaster to answer",
        () -> {
          try {
            probe.getPid();
            return true;
          } catch (RuntimeException e) {
            return false;
          }
        });
    return m;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Starts {@code command} in its own process group; its output goes to {@code name.log}. */
  Process spawn(String name, List<String> command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("setsid"));
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.redirectOutput(log(name).toFile());
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("ROS_MASTER_URI", uri().toString());
    pb.environment().put("ROS_HOSTNAME", "127.0.0.1");
    pb.environment().put("ROS_HOME", dir.resolve("ros_home").toString());
    pb.environment().put("ROS_LOG_DIR", dir.resolve("ros_log").toString());
    pb.environment().put("PYTHONUNBUFFERED", "1");
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** Runs a rospy script given as text. */
  Process python(String name, String script, String... args) throws IOException {
    Path file = dir.resolve(name + ".py");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", file.toString()));
    cmd.addAll(List.of(args));
    return spawn(name, cmd);
  }

  Path log(String name) {
    return dir.resolve(name + ".log");
  }

  String output(String name) {
    try {
      return Files.readString(log(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + PATIENCE + " waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  /** Sends SIGTERM (then SIGKILL) to the process group of {@code p}, if it still runs. */
  static void stop(Process p) {
    signal(p, "TERM");
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        signal(p, "KILL");
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void signal(Process p, String signal) {
    if (!p.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-" + signal, "--", "-" + p.pid())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectErrorStream(true)
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      p.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      stop(p);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
