package io.delos.robots.ros.message;

import java.util.Objects;
import java.util.function.Function;

/**
 * A message type name bound to the Java class that users see: {@link Message} itself for dynamic
 * access, or a typed wrapper such as {@code io.delos.robots.ros.msg.Twist}.
 *
 * @param <T> the Java type of the messages
 * @param name the ROS type name, {@code package/Name}
 * @param wrap turns a {@link Message} of this type into a {@code T} (a view, not a copy)
 * @param unwrap gives the {@link Message} behind a {@code T}
 */
public record MessageType<T>(String name, Function<Message, T> wrap, Function<T, Message> unwrap) {
  /** Validates the type. */
  public MessageType {
    DefinitionParser.requireTypeName(name);
    Objects.requireNonNull(wrap, "wrap");
    Objects.requireNonNull(unwrap, "unwrap");
  }

  /** The type {@code name} handled as plain {@link Message}s. */
  public static MessageType<Message> dynamic(String name) {
    return new MessageType<>(name, m -> m, m -> m);
  }

  /**
   * A typed wrapper type.
   *
   * @param name the ROS type name
   * @param wrap the wrapper's constructor from a {@link Message}
   * @param unwrap the wrapper's accessor of its {@link Message}
   */
  public static <T> MessageType<T> of(
      String name, Function<Message, T> wrap, Function<T, Message> unwrap) {
    return new MessageType<>(name, wrap, unwrap);
  }
}
