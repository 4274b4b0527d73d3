package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageType;

/** The response of {@code std_srvs/SetBool}. */
public final class SetBoolResponse extends MessageWrapper {
  /** The ROS type name. */
  public static final String NAME = "std_srvs/SetBoolResponse";

  /** The type, for {@code newPublisher} and {@code newSubscriber}. */
  public static final MessageType<SetBoolResponse> TYPE =
      MessageType.of(NAME, SetBoolResponse::new, SetBoolResponse::toMessage);

  /** Views {@code message}, which must be a {@code std_srvs/SetBoolResponse}. */
  public SetBoolResponse(Message message) {
    super(message, NAME);
  }

  /** A new message with every field at zero. */
  public static SetBoolResponse create() {
    return new SetBoolResponse(newBuiltIn(NAME));
  }

  /** Whether the request succeeded. */
  public boolean getSuccess() {
    return toMessage().getBool("success");
  }

  /** Sets whether the request succeeded. */
  public SetBoolResponse setSuccess(boolean success) {
    toMessage().setBool("success", success);
    return this;
  }

  /** The informational message. */
  public String getMessage() {
    return toMessage().getString("message");
  }

  /** Sets the informational message. */
  public SetBoolResponse setMessage(String message) {
    toMessage().setString("message", message);
    return this;
  }
}
