package io.delos.actors.grpc;

import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import java.util.List;

/** Converts between {@link Trajectory} and {@code delos.v1.Trajectory}, checking client input. */
final class TrajectoryMapper {
  private static final List<String> ROWS = List.of("time", "channel");

  private TrajectoryMapper() {}

  /**
   * The trajectory a client sent.
   *
   * @param t the message
   * @param field its field name, for messages
   * @param observationSize required observation channels, or -1 to take them from the message
   * @param actionSize required action channels, or -1 to take them from the message
   * @return a validated trajectory
   * @throws io.grpc.StatusRuntimeException {@code INVALID_ARGUMENT} naming the field and what is
   *     allowed
   */
  static Trajectory fromProto(
      io.delos.proto.v1.Trajectory t, String field, int observationSize, int actionSize) {
    String id = Problems.requireId(field + ".system_id", t.getSystemId());
    int rows = t.getTimesCount();
    Tensors.Input obs =
        Tensors.require(t.getObservations(), field + ".observations", "time", "channel");
    Tensors.Input act = Tensors.require(t.getActions(), field + ".actions", "time", "channel");
    obs.requireExtent(0, rows, "[" + rows + " rows (one per time), channel]");
    act.requireExtent(0, rows, "[" + rows + " rows (one per time), channel]");
    if (observationSize >= 0) {
      obs.requireExtent(1, observationSize, "[time, " + observationSize + "]");
    }
    if (actionSize >= 0) {
      act.requireExtent(1, actionSize, "[time, " + actionSize + "]");
    }
    if (obs.extent(1) > 4096 || act.extent(1) > 4096) {
      throw Problems.invalid(
          field
              + ": "
              + obs.extent(1)
              + " observation and "
              + act.extent(1)
              + " action channels: allowed 0 to 4096 each");
    }
    if (t.getRewardsCount() != rows || t.getFlagsCount() != rows) {
      throw Problems.invalid(
          field
              + " has "
              + rows
              + " times, "
              + t.getRewardsCount()
              + " rewards and "
              + t.getFlagsCount()
              + " flags: give one of each per row");
    }
    double[] times = new double[rows];
    double[] rewards = new double[rows];
    int[] flags = new int[rows];
    for (int k = 0; k < rows; k++) {
      times[k] = t.getTimes(k);
      rewards[k] = t.getRewards(k);
      flags[k] = t.getFlags(k);
      if (!Double.isFinite(times[k])) {
        throw Problems.invalid(field + ".times[" + k + "] = " + times[k] + ": must be finite, s");
      }
      if (!Double.isFinite(rewards[k])) {
        throw Problems.invalid(field + ".rewards[" + k + "] = " + rewards[k] + ": must be finite");
      }
      if ((flags[k] & ~StepFlags.ALL) != 0) {
        throw Problems.invalid(
            field
                + ".flags["
                + k
                + "] = "
                + Integer.toUnsignedString(flags[k])
                + ": allowed bits RESET=1, TERMINATED=2, TRUNCATED=4, FAILED=8");
      }
    }
    return Trajectory.of(
        id,
        (int) obs.extent(1),
        (int) act.extent(1),
        times,
        obs.values(),
        act.values(),
        rewards,
        flags);
  }

  static io.delos.proto.v1.Trajectory toProto(Trajectory t) {
    io.delos.proto.v1.Trajectory.Builder b =
        io.delos.proto.v1.Trajectory.newBuilder()
            .setSystemId(t.systemId())
            .setObservations(Tensors.of(t.observations(), ROWS, t.length(), t.observationSize()))
            .setActions(Tensors.of(t.actions(), ROWS, t.length(), t.actionSize()));
    for (double v : t.times()) {
      b.addTimes(v);
    }
    for (double v : t.rewards()) {
      b.addRewards(v);
    }
    for (int f : t.flags()) {
      b.addFlags(f);
    }
    return b.build();
  }
}
