package io.delos.sim.task;

import io.delos.sim.Space;
import java.util.List;

/**
 * One term of a reward or a cost, evaluated on an observation and an action.
 *
 * <p>Terms name observation channels; {@link #bind} resolves the names against a space once, so
 * evaluation is a few array reads.
 */
public sealed interface Term {
  /** Resolves channel names to indices; fails naming a channel the space does not have. */
  Bound bind(Space observations, Space actions);

  /** A term bound to channel indices, ready to evaluate. */
  interface Bound {
    /**
     * Value of the term.
     *
     * @param observation observation vector
     * @param action action vector
     */
    double value(double[] observation, double[] action);
  }

  /**
   * A constant, for example +1 per step alive.
   *
   * @param value the constant
   */
  record Constant(double value) implements Term {
    @Override
    public Bound bind(Space observations, Space actions) {
      return (o, a) -> value;
    }
  }

  /**
   * {@code weight · (o[channel] − target)²}.
   *
   * @param channel observation channel name
   * @param target target value in the channel's unit
   * @param weight weight (negative for a reward penalty, positive for a cost)
   */
  record Squared(String channel, double target, double weight) implements Term {
    @Override
    public Bound bind(Space observations, Space actions) {
      int c = index(observations, channel);
      return (o, a) -> {
        double d = o[c] - target;
        return weight * d * d;
      };
    }
  }

  /**
   * {@code weight · wrap(atan2(o[sin], o[cos]) − target)²}: a squared angle error through a full
   * turn.
   *
   * @param sin channel holding the sine
   * @param cos channel holding the cosine
   * @param target target angle, radians
   * @param weight weight
   */
  record AngleSquared(String sin, String cos, double target, double weight) implements Term {
    @Override
    public Bound bind(Space observations, Space actions) {
      int s = index(observations, sin);
      int c = index(observations, cos);
      return (o, a) -> {
        double d = Conditions.wrap(Math.atan2(o[s], o[c]) - target);
        return weight * d * d;
      };
    }
  }

  /**
   * {@code weight · o[channel]}, for example forward speed.
   *
   * @param channel observation channel name
   * @param weight weight
   */
  record Linear(String channel, double weight) implements Term {
    @Override
    public Bound bind(Space observations, Space actions) {
      int c = index(observations, channel);
      return (o, a) -> weight * o[c];
    }
  }

  /**
   * {@code weight · ‖o[channels] − target‖}, a Euclidean distance.
   *
   * @param channels observation channel names
   * @param target target per channel
   * @param weight weight
   */
  record Distance(List<String> channels, List<Double> target, double weight) implements Term {
    /** Validates lengths. */
    public Distance {
      channels = List.copyOf(channels);
      target = List.copyOf(target);
      if (channels.size() != target.size() || channels.isEmpty()) {
        throw new IllegalArgumentException(
            "distance term has "
                + channels.size()
                + " channels and "
                + target.size()
                + " targets: need equal, non-zero counts");
      }
    }

    @Override
    public Bound bind(Space observations, Space actions) {
      int[] idx = channels.stream().mapToInt(ch -> index(observations, ch)).toArray();
      double[] t = target.stream().mapToDouble(Double::doubleValue).toArray();
      return (o, a) -> {
        double sum = 0;
        for (int i = 0; i < idx.length; i++) {
          double d = o[idx[i]] - t[i];
          sum += d * d;
        }
        return weight * Math.sqrt(sum);
      };
    }
  }

  /**
   * {@code weight · Σ u²} over every action channel.
   *
   * @param weight weight
   */
  record ActionSquared(double weight) implements Term {
    @Override
    public Bound bind(Space observations, Space actions) {
      return (o, a) -> {
        double sum = 0;
        for (double u : a) {
          sum += u * u;
        }
        return weight * sum;
      };
    }
  }

  /**
   * {@code weight} when the condition holds, else 0.
   *
   * @param condition the condition
   * @param weight weight
   */
  record Indicator(Condition condition, double weight) implements Term {
    @Override
    public Bound bind(Space observations, Space actions) {
      Condition.Bound c = condition.bind(observations);
      return (o, a) -> c.holds(o) ? weight : 0;
    }
  }

  /** Index of {@code channel} in {@code space}, or a clear error. */
  static int index(Space space, String channel) {
    int i = space.indexOf(channel);
    if (i < 0) {
      throw new IllegalArgumentException(
          "channel '" + channel + "' is not in the observation; channels: " + space.names());
    }
    return i;
  }
}
