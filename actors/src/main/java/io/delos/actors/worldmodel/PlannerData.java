package io.delos.actors.worldmodel;

import io.delos.controllers.cost.CostFunction;
import io.delos.controllers.mppi.Mppi;
import io.delos.controllers.mppi.MppiSettings;
import io.delos.controllers.plan.RecedingHorizonController;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Space;
import io.delos.sim.State;
import io.delos.sim.StepFlags;
import io.delos.sim.StepResult;
import io.delos.sim.Trajectory;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.delos.sim.task.TaskSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Episodes of a task driven by MPPI through the simulator with Gaussian action noise added, so that
 * a robot's data also covers the states a good controller visits (for cart-pole, the swing up and
 * the upright pole), and a plain text file format to keep them.
 */
public final class PlannerData {
  private PlannerData() {}

  /**
   * Rolls out noisy oracle-MPPI episodes.
   *
   * @param system the robot
   * @param task the task
   * @param mppi planner settings
   * @param episodes number of episodes
   * @param steps control steps per episode
   * @param noise action noise standard deviation as a fraction of each action's half range
   * @param seed seeds starts, planner and noise
   */
  public static List<Trajectory> collect(
      RobotSystem system,
      TaskSpec task,
      MppiSettings mppi,
      int episodes,
      int steps,
      double noise,
      long seed) {
    List<Trajectory> out = new ArrayList<>();
    for (int e = 0; e < episodes; e++) {
      MorphologyEnvironment env = system.environment(task);
      Space actions = env.actionSpace();
      CostFunction cost =
          new CostFunction(task, env.observationSpace(), actions, mppi.constraintWeight());
      SimulatorDynamics oracle = new SimulatorDynamics(system.morphology(), SimConfig.DEFAULT);
      Mppi planner =
          new Mppi(oracle, cost, actions, mppi.withSeed(seed * 100 + e), System::nanoTime);
      RecedingHorizonController controller =
          new RecedingHorizonController(planner, Duration.ofSeconds(60));
      SplittableRandom r = new SplittableRandom(seed * 7919 + e);
      Vec o = env.reset(seed * 1000 + e);
      Trajectory.Builder b =
          Trajectory.builder(system.id(), env.observationSpace().size(), actions.size());
      for (int k = 0; k < steps; k++) {
        double[] a = controller.act(new State(o, env.snapshot()));
        for (int j = 0; j < a.length; j++) {
          double half = 0.5 * (actions.channel(j).high() - actions.channel(j).low());
          double v = a[j] + noise * half * gaussian(r);
          a[j] = Math.max(actions.channel(j).low(), Math.min(actions.channel(j).high(), v));
        }
        StepResult s = env.step(a);
        b.add(k * 0.02, o.toArray(), a, s.reward(), k == 0 ? StepFlags.RESET : 0);
        o = s.observation();
        if (s.done()) {
          b.markLast(s.terminated() ? StepFlags.TERMINATED : StepFlags.TRUNCATED);
          break;
        }
        if (k == steps - 1) {
          b.markLast(StepFlags.TRUNCATED);
        }
      }
      out.add(b.build());
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /**
   * Writes trajectories as text: a header line per trajectory ({@code trajectory ID ROWS OBS ACT})
   * then one line per row: time, observation, action, reward, flags, each double written exactly.
   */
  public static void write(List<Trajectory> trajectories, Path file) {
    StringBuilder sb = new StringBuilder("delos-trajectories 1\n");
    for (Trajectory t : trajectories) {
      sb.append("trajectory ")
          .append(t.systemId())
          .append(' ')
          .append(t.length())
          .append(' ')
          .append(t.observationSize())
          .append(' ')
          .append(t.actionSize())
          .append('\n');
      for (int k = 0; k < t.length(); k++) {
        sb.append(t.time(k));
        for (double v : t.observation(k)) {
          sb.append(' ').append(v);
        }
        for (double v : t.action(k)) {
          sb.append(' ').append(v);
        }
        sb.append(' ').append(t.reward(k)).append(' ').append(t.flags(k)).append('\n');
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, sb, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads what {@link #write} wrote. */
  public static List<Trajectory> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (lines.isEmpty() || !lines.get(0).equals("delos-trajectories 1")) {
      throw new IllegalArgumentException(file + ": not a delos-trajectories version 1 file");
    }
    List<Trajectory> out = new ArrayList<>();
    int i = 1;
    while (i < lines.size()) {
      String[] h = lines.get(i++).split(" ");
      int rows = Integer.parseInt(h[2]);
      int n = Integer.parseInt(h[3]);
      int m = Integer.parseInt(h[4]);
      Trajectory.Builder b = Trajectory.builder(h[1], n, m);
      for (int k = 0; k < rows; k++) {
        String[] v = lines.get(i++).split(" ");
        double[] o = new double[n];
        double[] a = new double[m];
        for (int c = 0; c < n; c++) {
          o[c] = Double.parseDouble(v[1 + c]);
        }
        for (int c = 0; c < m; c++) {
          a[c] = Double.parseDouble(v[1 + n + c]);
        }
        b.add(
            Double.parseDouble(v[0]),
            o,
            a,
            Double.parseDouble(v[1 + n + m]),
            Integer.parseInt(v[2 + n + m]));
      }
      out.add(b.build());
    }
    return out;
  }
}
