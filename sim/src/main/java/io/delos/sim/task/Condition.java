package io.delos.sim.task;

import io.delos.sim.Space;

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
}
