package io.delos.sim.morphology;

import io.delos.sim.Channel;
import java.util.Objects;

/**
 * One observation channel with its meaning and the body it belongs to.
 *
 * @param channel name, unit and bounds
 * @param kind what it measures
 * @param body the body it measures (the child body for joint channels)
 * @param sensor the sensor that produces it
 */
public record ObservationChannel(Channel channel, ChannelKind kind, String body, String sensor) {
  /** Validates the channel. */
  public ObservationChannel {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(sensor, "sensor");
  }
}
