package io.delos.controllers.pid;

import io.delos.controllers.Policy;
import io.delos.sim.Space;
import io.delos.sim.State;
import java.util.List;

/**
 * One PID loop per action channel, each reading one observation channel and tracking a setpoint.
 */
public final class PidPolicy implements Policy {
  /**
   * One loop's wiring.
   *
   * @param observation the measured observation channel
   * @param setpoint the target, in that channel's unit
   * @param gains the loop's settings
   */
  public record Loop(String observation, double setpoint, PidGains gains) {}

  private final int[] channel;
  private final double[] setpoints;
  private final Pid[] pids;

  /**
   * Wires loops to channels.
   *
   * @param loops one per action channel, in action order
   * @param observations the observation space
   * @param actions the action space
   */
  public PidPolicy(List<Loop> loops, Space observations, Space actions) {
    if (loops.size() != actions.size()) {
      throw new IllegalArgumentException(
          loops.size() + " PID loops for " + actions.size() + " action channels: give one each");
    }
    channel = new int[loops.size()];
    setpoints = new double[loops.size()];
    pids = new Pid[loops.size()];
    for (int i = 0; i < loops.size(); i++) {
      Loop l = loops.get(i);
      channel[i] = observations.indexOf(l.observation());
      if (channel[i] < 0) {
        throw new IllegalArgumentException(
            "PID loop " + i + " reads '" + l.observation() + "', not in " + observations.names());
      }
      setpoints[i] = l.setpoint();
      pids[i] = new Pid(l.gains());
    }
  }

  @Override
  public double[] act(State state) {
    double[] u = new double[pids.length];
    for (int i = 0; i < pids.length; i++) {
      u[i] = pids[i].calculate(state.observation().get(channel[i]), setpoints[i]);
    }
    return u;
  }

  /** True when every loop is within its tolerances. */
  public boolean atSetpoint() {
    for (Pid p : pids) {
      if (!p.atSetpoint()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void reset() {
    for (Pid p : pids) {
      p.reset();
    }
  }
}
