package io.delos.robots.ros;

import java.util.Objects;

/**
 * A topic and its message type, as the master lists them.
 *
 * @param topic the topic name, for example {@code /cartpole/joint_states}
 * @param type the message type, for example {@code sensor_msgs/JointState}
 */
public record TopicType(String topic, String type) {
  /** Validates the pair. */
  public TopicType {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(type, "type");
  }
}
