package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;
import io.delos.robots.ros.message.RosTime;

/** A {@code std_msgs/Header}: sequence number, time stamp and frame id. */
public final class Header extends MessageWrapper {
  /** The ROS type name. */
  public static final String NAME = "std_msgs/Header";

  /** The type, for {@code newPublisher} and {@code newSubscriber}. */
  public static final MessageType<Header> TYPE =
      MessageType.of(NAME, Header::new, Header::toMessage);

  /** Views {@code message}, which must be a {@code std_msgs/Header}. */
  public Header(Message message) {
    super(message, NAME);
  }

  /** A new message with every field at zero. */
  public static Header create() {
    return new Header(newBuiltIn(NAME));
  }

  /** The sequence number (uint32). */
  public long getSeq() {
    return toMessage().getLong("seq");
  }

  /** Sets the sequence number, in [0, 2³²). */
  public Header setSeq(long seq) {
    toMessage().setLong("seq", seq);
    return this;
  }

  /** The time stamp. */
  public RosTime getStamp() {
    return toMessage().getTime("stamp");
  }

  /** Sets the time stamp. */
  public Header setStamp(RosTime stamp) {
    toMessage().setTime("stamp", stamp);
    return this;
  }

  /** The frame id. */
  public String getFrameId() {
    return toMessage().getString("frame_id");
  }

  /** Sets the frame id. */
  public Header setFrameId(String frameId) {
    toMessage().setString("frame_id", frameId);
    return this;
  }
}
