package io.delos.sim.task;

import io.delos.sim.Space;
import java.util.List;

/** A condition on an observation: a channel or an angle within a range. */
public sealed interface Condition {
  /** Resolves channel names to indices. */
  Bound bind(Space observations);

  /** A condition bound to channel indices. */
  interface Bound {
    /** True when the observation satisfies the condition. */
    boolean holds(double[] observation);
  }

  /**
   * {@code min <= o[channel] <= max}.
   *
   * @param channel channel name
   * @param min lower bound in the channel's unit
   * @param max upper bound in the channel's unit
   */
  record InRange(String channel, double min, double max) implements Condition {
    /** Validates the range. */
    public InRange {
      if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
        throw new IllegalArgumentException(
            "range of '" + channel + "' [" + min + ", " + max + "]: need min <= max");
      }
    }

    @Override
    public Bound bind(Space observations) {
      int c = Term.index(observations, channel);
      return o -> o[c] >= min && o[c] <= max;
    }
  }

  /**
   * {@code min <= atan2(o[sin], o[cos]) <= max}, the angle in (−π, π].
   *
   * @param sin channel with the sine
   * @param cos channel with the cosine
   * @param min lower bound, radians
   * @param max upper bound, radians
   */
  record AngleInRange(String sin, String cos, double min, double max) implements Condition {
    /** Validates the range. */
    public AngleInRange {
      if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
        throw new IllegalArgumentException(
            "angle range of '"
                + sin
                + "'/'"
                + cos
                + "' ["
                + min
                + ", "
                + max
                + "] rad: need min <= max");
      }
    }

    @Override
    public Bound bind(Space observations) {
      int s = Term.index(observations, sin);
      int c = Term.index(observations, cos);
      return o -> {
        double a = Math.atan2(o[s], o[c]);
        return a >= min && a <= max;
      };
    }
  }

  /**
   * {@code ‖o[channels] − target‖ <= radius}.
   *
   * @param channels channel names
   * @param target target per channel
   * @param radius largest allowed distance, in the channels' unit, >= 0
   */
  record WithinDistance(List<String> channels, List<Double> target, double radius)
      implements Condition {
    /** Validates the condition. */
    public WithinDistance {
      channels = List.copyOf(channels);
      target = List.copyOf(target);
      if (channels.isEmpty() || channels.size() != target.size()) {
        throw new IllegalArgumentException(
            "withinDistance has "
                + channels.size()
                + " channels and "
                + target.size()
                + " targets: need equal, non-zero counts");
      }
      if (!(radius >= 0) || !Double.isFinite(radius)) {
        throw new IllegalArgumentException(
            "withinDistance.radius = " + radius + ": must be a finite number >= 0");
      }
    }

    @Override
    public Bound bind(Space observations) {
      int[] idx = channels.stream().mapToInt(ch -> Term.index(observations, ch)).toArray();
      double[] t = target.stream().mapToDouble(Double::doubleValue).toArray();
      return o -> {
        double sum = 0;
        for (int i = 0; i < idx.length; i++) {
          double d = o[idx[i]] - t[i];
          sum += d * d;
        }
        return Math.sqrt(sum) <= radius;
      };
    }
  }
}
