package io.delos.robots.ros.message;

import java.util.Objects;

/**
 * A fully resolved service type: its request and response message types and the service MD5.
 *
 * @param type the service type name, {@code package/Name}
 * @param text the {@code .srv} text as written
 * @param request the request type, named {@code package/NameRequest}
 * @param response the response type, named {@code package/NameResponse}
 * @param md5 the service MD5 sum, as {@code rossrv md5} prints it
 */
public record ServiceSpec(
    String type, String text, MessageSpec request, MessageSpec response, String md5) {
  /** Validates the spec. */
  public ServiceSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(md5, "md5");
  }
}
