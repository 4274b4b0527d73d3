package io.delos.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A box-shaped space of named scalar channels: the layout of an observation or an action.
 *
 * <p>Actions outside the bounds are clipped to them by {@link #clip}; values that are not numbers
 * are rejected by {@link #requireValid}.
 *
 * @param channels the channels in vector order
 */
public record Space(List<Channel> channels) {
  /** Validates that channel names are unique. */
  public Space {
    channels = List.copyOf(channels);
    Set<String> seen = new HashSet<>();
    for (Channel c : channels) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("channel name '" + c.name() + "' appears twice");
      }
    }
  }

  /** Number of channels. */
  public int size() {
    return channels.size();
  }

  /** Channel {@code i}. */
  public Channel channel(int i) {
    return channels.get(i);
  }

  /** Channel names in vector order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(channels.size());
    for (Channel c : channels) {
      names.add(c.name());
    }
    return names;
  }

  /** Index of the channel called {@code name}, or -1. */
  public int indexOf(String name) {
    Objects.requireNonNull(name, "name");
    for (int i = 0; i < channels.size(); i++) {
      if (channels.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Lower bounds in vector order. */
  public double[] lows() {
    double[] out = new double[channels.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = channels.get(i).low();
    }
    return out;
  }

  /** Upper bounds in vector order. */
  public double[] highs() {
    double[] out = new double[channels.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = channels.get(i).high();
    }
    return out;
  }

  /**
   * Rejects a vector of the wrong length or with a value that is NaN or infinite.
   *
   * @param values the vector to check
   * @param what what the vector is, for the message, for example {@code "action"}
   * @throws IllegalArgumentException naming the index, the channel, the value and what is allowed
   */
  public void requireValid(double[] values, String what) {
    Objects.requireNonNull(values, what);
    if (values.length != channels.size()) {
      throw new IllegalArgumentException(
          what + " has " + values.length + " values: expected " + channels.size() + " " + names());
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        Channel c = channels.get(i);
        throw new IllegalArgumentException(
            what
                + "["
                + i
                + "] ("
                + c.name()
                + ") = "
                + values[i]
                + ": must be a finite number in ["
                + c.low()
                + ", "
                + c.high()
                + "] "
                + c.unit());
      }
    }
  }

  /**
   * Returns {@code values} clipped into the bounds, element by element.
   *
   * @param values a vector of {@link #size()} finite values
   * @return a new array; {@code values} is not modified
   */
  public double[] clip(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      Channel c = channels.get(i);
      out[i] = Math.max(c.low(), Math.min(c.high(), values[i]));
    }
    return out;
  }

  /** True when every value lies within its channel's bounds. */
  public boolean contains(double[] values) {
    if (values.length != channels.size()) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      Channel c = channels.get(i);
      if (!(values[i] >= c.low() && values[i] <= c.high())) {
        return false;
      }
    }
    return true;
  }
}
