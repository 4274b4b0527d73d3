package io.delos.robots.ros;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A real ROS 1 for integration tests: a {@code rosmaster} on a free port and rospy, rostopic and
 * roscpp peers, each started with {@code setsid} in its own process group, with {@code ROS_HOME}
 * and {@code ROS_LOG_DIR} in a temporary folder. {@link #close()} ends every process group it
 * started (SIGTERM, then SIGKILL) and deletes the folder.
 */
public final class RosHarness implements AutoCloseable {
  /** Generous limit for anything to happen on a loaded two-core machine. */
  public static final Duration PATIENCE = Duration.ofSeconds(60);

  private static final String PYTHON = "/usr/bin/python3";

  private final Path dir;
  private final int port;
  private final List<RosProcess> processes = new CopyOnWriteArrayList<>();
  private RosProcess master;

  private RosHarness(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts a master on a free port and waits until it answers. */
  public static RosHarness start() {
    if (!Files.isExecutable(Path.of("/usr/bin/rosmaster"))) {
      throw new IllegalStateException(
          "/usr/bin/rosmaster is missing: install the Debian packages listed in .ci/run"
              + " (ros-core, python3-rospy, ...)");
    }
    try {
      RosHarness h = new RosHarness(Files.createTempDirectory("delos-ros-"), freePort());
      h.startMaster();
      return h;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TCP port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The master's URI. */
  public URI masterUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A node configuration for this master, reachable on 127.0.0.1 only. */
  public NodeConfiguration nodeConfiguration(String nodeName) {
    return NodeConfiguration.newPrivate(masterUri())
        .withNodeName(nodeName)
        .withTimings(
            Duration.ofSeconds(10),
            Duration.ofMillis(500),
            Duration.ofMillis(100),
            Duration.ofSeconds(2));
  }

  /** The environment every ROS process gets. */
  public Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", dir.toString());
    env.put("ROS_MASTER_URI", masterUri().toString());
    env.put("ROS_HOSTNAME", "127.0.0.1");
    env.put("ROS_HOME", dir.resolve("ros_home").toString());
    env.put("ROS_LOG_DIR", dir.resolve("ros_log").toString());
    env.put("PYTHONUNBUFFERED", "1");
    env.put("LANG", "C.UTF-8");
    return env;
  }

  /** Starts the master on the harness port and waits until it answers. */
  public void startMaster() {
    master =
        spawn("rosmaster", List.of("/usr/bin/rosmaster", "--core", "-p", Integer.toString(port)));
    MasterClient probe = new MasterClient(masterUri(), "/harness", Duration.ofSeconds(2));
    awaitTrue(
        "rosmaster on port " + port + " to answer",
        () -> {
          try {
            probe.getPid();
            return true;
          } catch (RuntimeException e) {
            return false;
          }
        });
  }

  /** Stops the master with SIGTERM and waits until it has exited. */
  public void stopMaster() {
    master.stop();
  }

  /** Stops the master and starts a fresh one (empty registrations) on the same port. */
  public void restartMaster() {
    stopMaster();
    startMaster();
  }

  /** Starts {@code command} in its own process group with the ROS environment. */
  public RosProcess spawn(String name, List<String> command) {
    List<String> cmd = new ArrayList<>();
    cmd.add("setsid");
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(environment());
    Path out = dir.resolve(name + "-" + System.nanoTime() + ".log");
    pb.redirectErrorStream(true);
    pb.redirectOutput(out.toFile());
    pb.directory(dir.toFile());
    try {
      RosProcess p = new RosProcess(name, pb.start(), out);
      processes.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Runs a Python script (text) with the system Python that has rospy. */
  public RosProcess python(String name, String script, String... args) {
    Path file = dir.resolve(name + ".py");
    try {
      Files.writeString(file, script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>(List.of(PYTHON, file.toString()));
    cmd.addAll(List.of(args));
    return spawn(name, cmd);
  }

  /**
   * Runs one of the rospy peer scripts under {@code io/delos/robots/ros/peers/} of the test
   * resources; the first argument, the node name, also names the log.
   */
  public RosProcess peer(String script, String... args) {
    String text;
    try (var in = RosHarness.class.getResourceAsStream("peers/" + script)) {
      if (in == null) {
        throw new IllegalArgumentException("no peer script " + script);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = script.replace(".py", "") + (args.length > 0 ? "-" + args[0] : "");
    return python(name, text, args);
  }

  /** Runs a command to completion (at most {@link #PATIENCE}) and returns its output. */
  public String run(String name, List<String> command) {
    RosProcess p = spawn(name, command);
    if (!p.waitForExit(PATIENCE)) {
      p.stop();
      throw new AssertionError(name + " did not finish within " + PATIENCE + ":\n" + p.output());
    }
    return p.output();
  }

  /** Waits until {@code condition} holds, polling, for at most {@link #PATIENCE}. */
  public static void awaitTrue(String what, BooleanSupplier condition) {
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

  /** The harness's temporary folder. */
  public Path directory() {
    return dir;
  }

  @Override
  public void close() {
    for (RosProcess p : processes) {
      p.stop();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // the temporary folder is left behind
    }
  }

  /** A process started by the harness, leader of its own process group. */
  public static final class RosProcess {
    private final String name;
    private final Process process;
    private final Path output;

    RosProcess(String name, Process process, Path output) {
      this.name = name;
      this.process = process;
      this.output = output;
    }

    /** What the process printed so far (stdout and stderr). */
    public String output() {
      try {
        return Files.readString(output, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }

    /** The lines printed so far. */
    public List<String> lines() {
      return output().lines().toList();
    }

    /** Waits until the output contains {@code text}. */
    public void awaitOutput(String text) {
      awaitTrue(
          name + " to print '" + text + "'; it printed:\n" + tail(),
          () -> {
            if (output().contains(text)) {
              return true;
            }
            if (!process.isAlive() && !output().contains(text)) {
              throw new AssertionError(
                  name + " exited without printing '" + text + "':\n" + output());
            }
            return false;
          });
    }

    private String tail() {
      String o = output();
      return o.length() > 2000 ? o.substring(o.length() - 2000) : o;
    }

    /** True while the process runs. */
    public boolean isAlive() {
      return process.isAlive();
    }

    /** Waits for the process to exit; true when it did. */
    public boolean waitForExit(Duration timeout) {
      try {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** The exit status; the process must have ended. */
    public int exitValue() {
      return process.exitValue();
    }

    /** Sends SIGTERM to the process group, then SIGKILL after 10 s, and waits for the exit. */
    public void stop() {
      signal("TERM");
      if (!waitForExit(Duration.ofSeconds(10))) {
        signal("KILL");
        waitForExit(Duration.ofSeconds(10));
      }
    }

    /** Sends SIGKILL to the process group (a crash, as far as peers can tell) and waits. */
    public void kill() {
      signal("KILL");
      waitForExit(Duration.ofSeconds(10));
    }

    private void signal(String signal) {
      if (!process.isAlive()) {
        return; // the group id may belong to someone else once the leader is gone
      }
      try {
        new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor(10, TimeUnit.SECONDS);
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
