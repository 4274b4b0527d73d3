package io.delos.robots.ros.msg;

import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageDefinitions;
import java.util.Objects;

/**
 * Base of the typed views of common message types: each view reads and writes the {@link Message}
 * it wraps, so changes through the view are changes of the message.
 */
public abstract class MessageWrapper {
  private final Message message;

  /**
   * Wraps {@code message}, which must be of {@code type}.
   *
   * @throws IllegalArgumentException naming both types when they differ
   */
  protected MessageWrapper(Message message, String type) {
    this.message = Objects.requireNonNull(message, "message");
    if (!message.type().equals(type)) {
      throw new IllegalArgumentException("cannot view a " + message.type() + " as a " + type);
    }
  }

  /** A new message of {@code type} from the built-in definitions. */
  static Message newBuiltIn(String type) {
    return MessageDefinitions.builtIn().newMessage(type);
  }

  /** The wrapped message. */
  public Message toMessage() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageWrapper w && w.getClass() == getClass() && w.message.equals(message);
  }

  @Override
  public int hashCode() {
    return message.hashCode();
  }

  @Override
  public String toString() {
    return message.toString();
  }
}
