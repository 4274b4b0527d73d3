package io.delos.robots.ros.message;

import java.util.Objects;

/**
 * A service type name bound to the Java classes of its request and response.
 *
 * @param <Q> the request's Java type
 * @param <S> the response's Java type
 * @param name the ROS service type name, {@code package/Name}
 * @param request the request type ({@code package/NameRequest})
 * @param response the response type ({@code package/NameResponse})
 */
public record ServiceType<Q, S>(String name, MessageType<Q> request, MessageType<S> response) {
  /** Validates that the request and response types belong to the service. */
  public ServiceType {
    DefinitionParser.requireTypeName(name);
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(response, "response");
    if (!request.name().equals(name + "Request") || !response.name().equals(name + "Response")) {
      throw new IllegalArgumentException(
          "service "
              + name
              + " has request type "
              + request.name()
              + " and response type "
              + response.name()
              + ": they must be "
              + name
              + "Request and "
              + name
              + "Response");
    }
  }

  /** The service {@code name} with plain {@link Message} requests and responses. */
  public static ServiceType<Message, Message> dynamic(String name) {
    return new ServiceType<>(
        name, MessageType.dynamic(name + "Request"), MessageType.dynamic(name + "Response"));
  }
}
