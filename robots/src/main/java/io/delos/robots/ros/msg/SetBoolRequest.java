package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;

/** The request of {@code std_srvs/SetBool}. */
public final class SetBoolRequest extends MessageWrapper {
  /** The ROS type name. */
  public static final String NAME = "std_srvs/SetBoolRequest";

  /** The type, for {@code newPublisher} and {@code newSubscriber}. */
  public static final MessageType<SetBoolRequest> TYPE =
      MessageType.of(NAME, SetBoolRequest::new, SetBoolRequest::toMessage);

  /** Views {@code message}, which must be a {@code std_srvs/SetBoolRequest}. */
  public SetBoolRequest(Message message) {
    super(message, NAME);
  }

  /** A new message with every field at zero. */
  public static SetBoolRequest create() {
    return new SetBoolRequest(newBuiltIn(NAME));
  }

  /** The requested flag. */
  public boolean getData() {
    return toMessage().getBool("data");
  }

  /** Sets the requested flag. */
  public SetBoolRequest setData(boolean data) {
    toMessage().setBool("data", data);
    return this;
  }
}
